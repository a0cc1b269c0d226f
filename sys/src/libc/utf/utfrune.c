#include <u.h>
#include <libc.h>

char*
utfrune(char *s, long c)
{
	Rune r;
	int n;

	if(c < Runeself)
		return strchr(s, c);
	for(; *s != 0; s += n){
		n = chartorune(&r, s);
		if(r == c)
			return s;
	}
	return nil;
}
