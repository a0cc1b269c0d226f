#include <u.h>
#include <libc.h>

void
werrstr(char *fmt, ...)
{
	char buf[ERRMAX];
	va_list args;

	va_start(args, fmt);
	vsnprint(buf, sizeof buf, fmt, args);
	va_end(args);
	errstr(buf, sizeof buf);
}
