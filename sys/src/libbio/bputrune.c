#include <u.h>
#include <libc.h>
#include <bio.h>

/* The number of bytes written, or Beof. */
int
Bputrune(Biobuf *bp, long c)
{
	char str[UTFmax];
	Rune r;
	int n;

	r = c;
	n = runetochar(str, &r);
	if(Bwrite(bp, str, n) != n)
		return Beof;
	return n;
}
