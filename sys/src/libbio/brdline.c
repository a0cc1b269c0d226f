#include <u.h>
#include <libc.h>
#include <bio.h>

/*
 * The next line, ending in delim, in place in the buffer (not
 * NUL-terminated; Blinelen gives its length).  nil at end of file,
 * leaving a final partial line to be read otherwise, or when the line
 * is longer than the buffer, in which case the buffer's worth is skipped.
 */
void*
Brdline(Biobuf *bp, int delim)
{
	uchar *p, *e;
	long n, have;

	if(bp->state != Bractive)
		return nil;
	for(;;){
		p = bp->next;
		e = memchr(p, delim, bp->ebuf - p);
		if(e != nil){
			bp->next = e+1;
			bp->rdline = bp->next - p;
			return p;
		}
		have = bp->ebuf - p;
		if(have == Bsize){
			bp->next = bp->ebuf;
			bp->rdline = have;
			return nil;
		}
		/* slide the partial line to the front and read more after it */
		memmove(bp->bbuf, p, have);
		bp->gbuf = bp->next = bp->bbuf;
		bp->ebuf = bp->bbuf + have;
		n = read(bp->fd, bp->ebuf, Bsize - have);
		if(n <= 0){
			bp->rdline = have;
			return nil;
		}
		bp->ebuf += n;
		bp->offset += n;
	}
}

int
Blinelen(Biobuf *bp)
{
	return bp->rdline;
}
