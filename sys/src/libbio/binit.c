#include <u.h>
#include <libc.h>
#include <bio.h>

int
Binit(Biobuf *bp, int fd, int mode)
{
	bp->fd = fd;
	bp->freeonterm = 0;
	bp->rdline = 0;
	bp->runesize = 0;
	bp->offset = 0;
	bp->bbuf = bp->b + Bungetsize;
	bp->gbuf = bp->next = bp->bbuf;
	switch(mode & 3){
	case OREAD:
		bp->state = Bractive;
		bp->ebuf = bp->bbuf;
		break;
	case OWRITE:
		bp->state = Bwactive;
		bp->ebuf = bp->bbuf + Bsize;
		break;
	default:
		bp->state = Binactive;
		werrstr("Binit: unknown mode %d", mode);
		return Beof;
	}
	return 0;
}

Biobuf*
Bfdopen(int fd, int mode)
{
	Biobuf *bp;

	bp = malloc(sizeof(Biobuf));
	if(bp == nil)
		return nil;
	if(Binit(bp, fd, mode) < 0){
		free(bp);
		return nil;
	}
	bp->freeonterm = 1;
	return bp;
}

/* Open name for reading, or create it for writing. */
Biobuf*
Bopen(char *name, int mode)
{
	Biobuf *bp;
	int fd;

	switch(mode & 3){
	case OREAD:
		fd = open(name, mode);
		break;
	case OWRITE:
		fd = create(name, mode, 0666);
		break;
	default:
		werrstr("Bopen: unknown mode %d", mode);
		return nil;
	}
	if(fd < 0)
		return nil;
	bp = Bfdopen(fd, mode);
	if(bp == nil)
		close(fd);
	return bp;
}

/* Flush; a Biobuf from Bopen or Bfdopen is also closed and freed. */
int
Bterm(Biobuf *bp)
{
	int r;

	r = 0;
	if(bp->state == Bwactive)
		r = Bflush(bp);
	bp->state = Binactive;
	if(bp->freeonterm){
		close(bp->fd);
		free(bp);
	}
	return r;
}

int
Bfildes(Biobuf *bp)
{
	return bp->fd;
}
