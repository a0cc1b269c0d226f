#include <u.h>
#include <libc.h>
#include <bio.h>

/* Write out buffered output; 0, or Beof if the write failed. */
int
Bflush(Biobuf *bp)
{
	long n;

	if(bp->state != Bwactive)
		return bp->state == Bractive ? 0 : Beof;
	n = bp->next - bp->bbuf;
	if(n == 0)
		return 0;
	if(write(bp->fd, bp->bbuf, n) != n){
		bp->next = bp->bbuf;
		return Beof;
	}
	bp->offset += n;
	bp->next = bp->bbuf;
	return 0;
}
