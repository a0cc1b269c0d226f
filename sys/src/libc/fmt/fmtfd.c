#include <u.h>
#include <libc.h>
#include "fmtdef.h"

static int
fdflush(Fmt *f)
{
	long n;

	n = f->to - f->start;
	if(n > 0 && write((int)(uintptr)f->farg, f->start, n) != n)
		return 0;
	f->nfmt += n;
	f->to = f->start;
	return 1;
}

/* Format to fd through buf. */
int
fmtfdinit(Fmt *f, int fd, char *buf, int size)
{
	_fmtstart(f, buf, buf+size);
	f->flush = fdflush;
	f->farg = (void*)(uintptr)fd;
	return 0;
}

/* Write out what is buffered; the total written, or -1. */
int
fmtfdflush(Fmt *f)
{
	if(!fdflush(f))
		return -1;
	return f->nfmt;
}
