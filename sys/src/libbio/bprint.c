#include <u.h>
#include <libc.h>
#include <bio.h>

/* Format straight into the Biobuf's buffer, flushing it when full. */
static int
fmtflush(Fmt *f)
{
	Biobuf *bp;

	bp = f->farg;
	bp->next = (uchar*)f->to;
	f->nfmt += f->to - f->start;
	if(Bflush(bp) < 0)
		return 0;
	f->start = f->to = (char*)bp->next;
	return 1;
}

int
Bvprint(Biobuf *bp, char *fmt, va_list args)
{
	Fmt f;
	int n;

	if(bp->state != Bwactive)
		return Beof;
	memset(&f, 0, sizeof f);
	f.start = f.to = (char*)bp->next;
	f.stop = (char*)bp->ebuf;
	f.flush = fmtflush;
	f.farg = bp;
	va_copy(f.args, args);
	n = dofmt(&f, fmt);
	va_end(f.args);
	bp->next = (uchar*)f.to;
	return n;
}

int
Bprint(Biobuf *bp, char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = Bvprint(bp, fmt, args);
	va_end(args);
	return n;
}
