#include <u.h>
#include <libc.h>

enum
{
	Unbounded	= 1<<30,
};

/* No bound is known, so allow as much as the address space does. */
int
sprint(char *buf, char *fmt, ...)
{
	va_list args;
	uintptr len;
	int n;

	len = Unbounded;
	if((uintptr)buf + len < (uintptr)buf)
		len = -(uintptr)buf - 1;
	va_start(args, fmt);
	n = vsnprint(buf, len, fmt, args);
	va_end(args);
	return n;
}
