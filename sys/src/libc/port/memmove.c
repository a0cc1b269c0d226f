#include <u.h>
#include <libc.h>

/* Words where both ends agree in alignment; a byte at a time is 4x slower. */
typedef uintptr __attribute__((may_alias)) Word;

void*
memmove(void *to, void *from, usize n)
{
	uchar *t, *f;

	t = to;
	f = from;
	if(t == f || n == 0)
		return to;
	if(t < f || t >= f+n){
		if((((uintptr)t ^ (uintptr)f) & (sizeof(Word)-1)) == 0){
			for(; n > 0 && ((uintptr)t & (sizeof(Word)-1)) != 0; n--)
				*t++ = *f++;
			for(; n >= sizeof(Word); n -= sizeof(Word), t += sizeof(Word), f += sizeof(Word))
				*(Word*)t = *(Word*)f;
		}
		while(n-- > 0)
			*t++ = *f++;
	}else{
		t += n;
		f += n;
		if((((uintptr)t ^ (uintptr)f) & (sizeof(Word)-1)) == 0){
			for(; n > 0 && ((uintptr)t & (sizeof(Word)-1)) != 0; n--)
				*--t = *--f;
			for(; n >= sizeof(Word); n -= sizeof(Word)){
				t -= sizeof(Word);
				f -= sizeof(Word);
				*(Word*)t = *(Word*)f;
			}
		}
		while(n-- > 0)
			*--t = *--f;
	}
	return to;
}
