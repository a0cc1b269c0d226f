#include <u.h>
#include <libc.h>
#include "le.h"

/* 0 if buf holds exactly one well-formed stat record, else -1. */
int
statcheck(uchar *buf, uint nbuf)
{
	uchar *p, *e;
	int i, n;

	if(nbuf < STATFIXLEN || GBIT16(buf) != nbuf-BIT16SZ)
		return -1;
	e = buf + nbuf;
	p = buf + STATFIXLEN - 4*BIT16SZ;
	for(i = 0; i < 4; i++){
		if(p+BIT16SZ > e)
			return -1;
		n = GBIT16(p);
		p += BIT16SZ + n;
		if(p > e)
			return -1;
	}
	return p == e ? 0 : -1;
}
