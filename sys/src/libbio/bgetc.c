#include <u.h>
#include <libc.h>
#include <bio.h>
#include "biodef.h"

int
Bgetc(Biobuf *bp)
{
	if(bp->next == bp->ebuf && _Bfill(bp) <= 0)
		return Beof;
	return *bp->next++;
}

int
Bungetc(Biobuf *bp)
{
	if(bp->state != Bractive || bp->next <= bp->gbuf)
		return Beof;
	bp->next--;
	return 1;
}
