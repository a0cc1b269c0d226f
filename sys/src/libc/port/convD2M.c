#include <u.h>
#include <libc.h>
#include "le.h"

static char*
str(char *s)
{
	return s == nil ? "" : s;
}

uint
sizeD2M(Dir *d)
{
	return STATFIXLEN + strlen(str(d->name)) + strlen(str(d->uid))
		+ strlen(str(d->gid)) + strlen(str(d->muid));
}

/*
 * Pack d into buf as a stat record and return its length.  If it does
 * not fit, only the size field is written and BIT16SZ returned;
 * 0 if not even that fits.
 */
uint
convD2M(Dir *d, uchar *buf, uint nbuf)
{
	char *s[4];
	uchar *p;
	uint size;
	int i, n;

	if(nbuf < BIT16SZ)
		return 0;
	size = sizeD2M(d);
	PBIT16(buf, size-BIT16SZ);
	if(size > nbuf)
		return BIT16SZ;
	p = buf + BIT16SZ;
	PBIT16(p, d->type);
	p += BIT16SZ;
	PBIT32(p, d->dev);
	p += BIT32SZ;
	PBIT8(p, d->qid.type);
	p += BIT8SZ;
	PBIT32(p, d->qid.vers);
	p += BIT32SZ;
	PBIT64(p, d->qid.path);
	p += BIT64SZ;
	PBIT32(p, d->mode);
	p += BIT32SZ;
	PBIT32(p, d->atime);
	p += BIT32SZ;
	PBIT32(p, d->mtime);
	p += BIT32SZ;
	PBIT64(p, d->length);
	p += BIT64SZ;

	s[0] = str(d->name);
	s[1] = str(d->uid);
	s[2] = str(d->gid);
	s[3] = str(d->muid);
	for(i = 0; i < 4; i++){
		n = strlen(s[i]);
		PBIT16(p, n);
		p += BIT16SZ;
		memmove(p, s[i], n);
		p += n;
	}
	return p - buf;
}
