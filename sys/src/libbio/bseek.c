#include <u.h>
#include <libc.h>
#include <bio.h>

/* The offset of the next byte to be read or written. */
vlong
Boffset(Biobuf *bp)
{
	if(bp->state == Bwactive)
		return bp->offset + (bp->next - bp->bbuf);
	return bp->offset - (bp->ebuf - bp->next);
}

/* Seek like seek(2); within the buffered data a read seek does no I/O. */
vlong
Bseek(Biobuf *bp, vlong off, int whence)
{
	vlong n, here;

	switch(bp->state){
	case Bractive:
		here = Boffset(bp);
		if(whence == 1){
			off += here;
			whence = 0;
		}
		if(whence == 0 && off >= bp->offset - (bp->ebuf - bp->gbuf) && off <= bp->offset){
			bp->next = bp->ebuf - (bp->offset - off);
			return off;
		}
		n = seek(bp->fd, off, whence);
		if(n < 0)
			return -1;
		bp->gbuf = bp->next = bp->ebuf = bp->bbuf;
		bp->offset = n;
		return n;
	case Bwactive:
		if(Bflush(bp) < 0)
			return -1;
		if(whence == 1){
			off += bp->offset;
			whence = 0;
		}
		n = seek(bp->fd, off, whence);
		if(n < 0)
			return -1;
		bp->offset = n;
		return n;
	}
	return -1;
}
