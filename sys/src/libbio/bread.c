#include <u.h>
#include <libc.h>
#include <bio.h>
#include "biodef.h"

/* Up to n bytes; 0 at end of file, -1 on an error before any data. */
long
Bread(Biobuf *bp, void *buf, long n)
{
	uchar *p;
	long got, m;
	int r;

	p = buf;
	for(got = 0; got < n; got += m){
		if(bp->next == bp->ebuf){
			r = _Bfill(bp);
			if(r <= 0){
				if(r < 0 && got == 0)
					return -1;
				break;
			}
		}
		m = bp->ebuf - bp->next;
		if(m > n-got)
			m = n-got;
		memmove(p+got, bp->next, m);
		bp->next += m;
	}
	return got;
}
