#include <u.h>
#include <libc.h>

void*
memset(void *p, int c, usize n)
{
	uchar *s;

	s = p;
	while(n-- > 0)
		*s++ = c;
	return p;
}
