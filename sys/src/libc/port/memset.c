#include <u.h>
#include <libc.h>

typedef uintptr __attribute__((may_alias)) Word;

/* Words once aligned: the kernel clears every page it hands out with this. */
void*
memset(void *p, int c, usize n)
{
	uchar *s;
	Word w;

	s = p;
	for(; n > 0 && ((uintptr)s & (sizeof(Word)-1)) != 0; n--)
		*s++ = c;
	w = (uchar)c;
	w |= w<<8;
	w |= w<<16;
	w |= w<<32;
	for(; n >= sizeof(Word); n -= sizeof(Word), s += sizeof(Word))
		*(Word*)s = w;
	while(n-- > 0)
		*s++ = c;
	return p;
}
