#include <u.h>
#include <libc.h>

char*
smprint(char *fmt, ...)
{
	va_list args;
	char *s;

	va_start(args, fmt);
	s = vsmprint(fmt, args);
	va_end(args);
	return s;
}
