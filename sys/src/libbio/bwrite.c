#include <u.h>
#include <libc.h>
#include <bio.h>

/* n, or Beof if the buffer could not be flushed. */
long
Bwrite(Biobuf *bp, void *buf, long n)
{
	uchar *p;
	long done, m;

	if(bp->state != Bwactive)
		return Beof;
	p = buf;
	for(done = 0; done < n; done += m){
		if(bp->next == bp->ebuf && Bflush(bp) < 0)
			return Beof;
		m = bp->ebuf - bp->next;
		if(m > n-done)
			m = n-done;
		memmove(bp->next, p+done, m);
		bp->next += m;
	}
	return n;
}
