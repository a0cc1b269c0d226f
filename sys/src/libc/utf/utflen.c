#include <u.h>
#include <libc.h>

int
utflen(char *s)
{
	Rune r;
	int n;

	for(n = 0; *s != 0; n++)
		s += chartorune(&r, s);
	return n;
}
