#include <u.h>
#include <libc.h>

void*
memmove(void *to, void *from, usize n)
{
	uchar *t, *f;

	t = to;
	f = from;
	if(t == f || n == 0)
		return to;
	if(t < f || t >= f+n){
		while(n-- > 0)
			*t++ = *f++;
	}else{
		t += n;
		f += n;
		while(n-- > 0)
			*--t = *--f;
	}
	return to;
}
