#include <u.h>
#include <libc.h>
#include "fmtdef.h"

enum
{
	Initsize	= 64,
};

/* Grow the buffer; on failure drop it so fmtstrflush returns nil. */
static int
growflush(Fmt *f)
{
	char *s;
	long used, size;

	if(f->start == nil)
		return 0;
	used = f->to - f->start;
	size = 2*(f->stop - f->start + 1);
	s = realloc(f->start, size);
	if(s == nil){
		free(f->start);
		f->start = f->to = f->stop = nil;
		return 0;
	}
	f->start = s;
	f->to = s + used;
	f->stop = s + size - 1;
	return 1;
}

/* Format into a growing malloc'd string. */
int
fmtstrinit(Fmt *f)
{
	char *s;

	s = malloc(Initsize);
	if(s == nil)
		return -1;
	_fmtstart(f, s, s + Initsize - 1);
	f->flush = growflush;
	return 0;
}

/* The finished string, or nil if memory ran out. */
char*
fmtstrflush(Fmt *f)
{
	if(f->start == nil)
		return nil;
	*f->to = 0;
	return f->start;
}
