#include <u.h>
#include <libc.h>

/* Runes in the first m bytes of s, counting a trailing partial rune as none. */
int
utfnlen(char *s, long m)
{
	char *e;
	Rune r;
	int n;

	e = s+m;
	for(n = 0; s < e && *s != 0; n++){
		if(!fullrune(s, e-s))
			break;
		s += chartorune(&r, s);
	}
	return n;
}
