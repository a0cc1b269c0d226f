#include <u.h>
#include <libc.h>

/* Copy up to and including the first c; return the byte after it in to, or nil. */
void*
memccpy(void *to, void *from, int c, usize n)
{
	uchar *t, *f;

	t = to;
	f = from;
	while(n-- > 0)
		if((*t++ = *f++) == (uchar)c)
			return t;
	return nil;
}
