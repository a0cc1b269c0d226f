#include <u.h>
#include <libc.h>
#include <bio.h>

int
Bputc(Biobuf *bp, int c)
{
	if(bp->state != Bwactive)
		return Beof;
	if(bp->next == bp->ebuf && Bflush(bp) < 0)
		return Beof;
	*bp->next++ = c;
	return 0;
}
