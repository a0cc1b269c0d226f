#include <u.h>
#include <libc.h>
#include <bio.h>
#include "biodef.h"

/*
 * Refill an exhausted read buffer, keeping the last few bytes below
 * bbuf so they can still be ungot.  Returns the count read, 0 at end
 * of file, -1 on error.
 */
int
_Bfill(Biobuf *bp)
{
	long keep, n;

	keep = bp->ebuf - bp->gbuf;
	if(keep > Bungetsize)
		keep = Bungetsize;
	memmove(bp->bbuf - keep, bp->ebuf - keep, keep);
	bp->gbuf = bp->bbuf - keep;
	bp->next = bp->ebuf = bp->bbuf;
	if(bp->state != Bractive)
		return -1;
	n = read(bp->fd, bp->bbuf, Bsize);
	if(n <= 0)
		return n;
	bp->ebuf = bp->bbuf + n;
	bp->offset += n;
	return n;
}
