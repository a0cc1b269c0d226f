#include <u.h>
#include <libc.h>
#include "le.h"

/* 32-bit fields widen to ulong; ~0 ("don't change" to wstat) stays ~0. */
static ulong
get32(uchar *p)
{
	u32int v;

	v = GBIT32(p);
	return v == 0xFFFFFFFF ? ~0UL : v;
}

/*
 * Unpack the stat record in buf into d.  With strs, the strings are
 * copied there NUL-terminated (it needs nbuf bytes); without, they are "".
 * Returns the record's length, 0 if malformed.
 */
uint
convM2D(uchar *buf, uint nbuf, Dir *d, char *strs)
{
	char **field[4];
	uchar *p;
	int i, n;

	if(nbuf < BIT16SZ || BIT16SZ+GBIT16(buf) > nbuf || statcheck(buf, BIT16SZ+GBIT16(buf)) < 0)
		return 0;
	p = buf + BIT16SZ;
	d->type = GBIT16(p);
	p += BIT16SZ;
	d->dev = GBIT32(p);
	p += BIT32SZ;
	d->qid.type = GBIT8(p);
	p += BIT8SZ;
	d->qid.vers = get32(p);
	p += BIT32SZ;
	d->qid.path = GBIT64(p);
	p += BIT64SZ;
	d->mode = get32(p);
	p += BIT32SZ;
	d->atime = get32(p);
	p += BIT32SZ;
	d->mtime = get32(p);
	p += BIT32SZ;
	d->length = GBIT64(p);
	p += BIT64SZ;

	field[0] = &d->name;
	field[1] = &d->uid;
	field[2] = &d->gid;
	field[3] = &d->muid;
	for(i = 0; i < 4; i++){
		n = GBIT16(p);
		p += BIT16SZ;
		if(strs == nil)
			*field[i] = "";
		else{
			/* strs may be buf itself: each string moves down by at least two bytes */
			memmove(strs, p, n);
			strs[n] = 0;
			*field[i] = strs;
			strs += n+1;
		}
		p += n;
	}
	return p - buf;
}
