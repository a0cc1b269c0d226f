#include <u.h>
#include <libc.h>

/* Words may alias anything: these routines copy bytes through them. */
typedef uintptr Word __attribute__((may_alias));

/*
 * A word at a time when both ends share their alignment, in the
 * direction that never overwrites a byte before it is read.
 */
void*
memmove(void *to, void *from, usize n)
{
	uchar *t, *f;
	Word *wt, *wf;
	int words;

	t = to;
	f = from;
	if(t == f || n == 0)
		return to;
	words = n >= 2*sizeof(Word) && ((uintptr)t - (uintptr)f) % sizeof(Word) == 0;
	if(t < f || t >= f+n){
		if(words){
			for(; (uintptr)t % sizeof(Word) != 0; n--)
				*t++ = *f++;
			wt = (Word*)t;
			wf = (Word*)f;
			for(; n >= sizeof(Word); n -= sizeof(Word))
				*wt++ = *wf++;
			t = (uchar*)wt;
			f = (uchar*)wf;
		}
		while(n-- > 0)
			*t++ = *f++;
	}else{
		t += n;
		f += n;
		if(words){
			for(; (uintptr)t % sizeof(Word) != 0; n--)
				*--t = *--f;
			wt = (Word*)t;
			wf = (Word*)f;
			for(; n >= sizeof(Word); n -= sizeof(Word))
				*--wt = *--wf;
			t = (uchar*)wt;
			f = (uchar*)wf;
		}
		while(n-- > 0)
			*--t = *--f;
	}
	return to;
}
