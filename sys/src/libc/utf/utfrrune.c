#include <u.h>
#include <libc.h>

char*
utfrrune(char *s, long c)
{
	char *last;
	Rune r;
	int n;

	if(c < Runeself)
		return strrchr(s, c);
	last = nil;
	for(; *s != 0; s += n){
		n = chartorune(&r, s);
		if(r == c)
			last = s;
	}
	return last;
}
