#include <u.h>
#include <libc.h>

/* Like strecpy, but never splits a rune. */
char*
utfecpy(char *to, char *e, char *from)
{
	char *end;
	Rune r;
	int n;

	if(to >= e)
		return to;
	end = e-1;
	while(*from != 0){
		n = chartorune(&r, from);
		if(to+n > end)
			break;
		memmove(to, from, n);
		to += n;
		from += n;
	}
	*to = 0;
	return to;
}
