#include <u.h>
#include <libc.h>

/* The length of the (possibly truncated) output, -1 if len leaves no room. */
int
vsnprint(char *buf, int len, char *fmt, va_list args)
{
	char *e;

	if(len <= 0)
		return -1;
	e = vseprint(buf, buf+len, fmt, args);
	return e - buf;
}
