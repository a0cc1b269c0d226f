#include <u.h>
#include <libc.h>
#include <bio.h>

/* The next rune; bad UTF yields Runeerror for one byte. */
long
Bgetrune(Biobuf *bp)
{
	char str[UTFmax];
	Rune r;
	int c, n, used;

	c = Bgetc(bp);
	if(c < 0)
		return c;
	bp->runesize = 1;
	if(c < Runeself)
		return c;
	str[0] = c;
	for(n = 1; n < UTFmax && !fullrune(str, n); n++){
		c = Bgetc(bp);
		if(c < 0)
			break;
		str[n] = c;
	}
	if(!fullrune(str, n)){
		r = Runeerror;
		used = 1;
	}else
		used = chartorune(&r, str);
	for(; n > used; n--)
		Bungetc(bp);
	bp->runesize = used;
	return r;
}

int
Bungetrune(Biobuf *bp)
{
	int i;

	for(i = 0; i < bp->runesize; i++)
		if(Bungetc(bp) < 0)
			return Beof;
	return 1;
}
