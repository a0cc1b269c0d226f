#include <u.h>
#include <libc.h>

void*
memchr(void *p, int c, usize n)
{
	uchar *s;

	for(s = p; n > 0; n--, s++)
		if(*s == (uchar)c)
			return s;
	return nil;
}
