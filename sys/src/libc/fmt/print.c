#include <u.h>
#include <libc.h>

int
print(char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vfprint(1, fmt, args);
	va_end(args);
	return n;
}
