#include <u.h>
#include <libc.h>

int
fprint(int fd, char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vfprint(fd, fmt, args);
	va_end(args);
	return n;
}
