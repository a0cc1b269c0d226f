#include <u.h>
#include <libc.h>

/* Words may alias anything: these routines store bytes through them. */
typedef uintptr Word __attribute__((may_alias));

/*
 * A word at a time once p is aligned: the kernel zeroes every page
 * with this, and a byte loop made a 64M guest cost seconds.
 */
void*
memset(void *p, int c, usize n)
{
	uchar *s;
	Word *w, v;

	s = p;
	if(n >= 2*sizeof(Word)){
		for(; (uintptr)s % sizeof(Word) != 0; n--)
			*s++ = c;
		v = (uchar)c * ((Word)~0 / 0xff);
		w = (Word*)s;
		for(; n >= 4*sizeof(Word); n -= 4*sizeof(Word)){
			w[0] = v;
			w[1] = v;
			w[2] = v;
			w[3] = v;
			w += 4;
		}
		for(; n >= sizeof(Word); n -= sizeof(Word))
			*w++ = v;
		s = (uchar*)w;
	}
	while(n-- > 0)
		*s++ = c;
	return p;
}
