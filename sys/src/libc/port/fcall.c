#include <u.h>
#include <libc.h>
#include <fcall.h>
#include "le.h"

/*
 * 9P2000 messages: size[4] type[1] tag[2] and the type's fields, each
 * little-endian; strings are a count[2] and that many bytes.
 */

/* Packing runs twice, once without a buffer to count the bytes. */
typedef struct Pack Pack;
struct Pack
{
	uchar	*b;		/* nil: count only */
	uint	n;
	int	bad;
};

static void
pint(Pack *k, uvlong v, int size)
{
	int i;

	if(k->b != nil)
		for(i = 0; i < size; i++)
			k->b[k->n+i] = v >> 8*i;
	k->n += size;
}

static void
pstr(Pack *k, char *s)
{
	uint len;

	if(s == nil)
		s = "";
	len = strlen(s);
	if(len > 0xFFFF)
		k->bad = 1;
	pint(k, len, BIT16SZ);
	if(k->b != nil)
		memmove(k->b+k->n, s, len);
	k->n += len;
}

static void
pbytes(Pack *k, void *v, uint len)
{
	if(k->b != nil)
		memmove(k->b+k->n, v, len);
	k->n += len;
}

static void
pqid(Pack *k, Qid *q)
{
	pint(k, q->type, BIT8SZ);
	pint(k, q->vers, BIT32SZ);
	pint(k, q->path, BIT64SZ);
}

static void
pack(Pack *k, Fcall *f)
{
	int i;

	k->n = 0;
	k->bad = 0;
	pint(k, 0, BIT32SZ);		/* the size, filled in last */
	pint(k, f->type, BIT8SZ);
	pint(k, f->tag, BIT16SZ);
	switch(f->type){
	default:
		k->bad = 1;
		break;
	case Tversion:
	case Rversion:
		pint(k, f->msize, BIT32SZ);
		pstr(k, f->version);
		break;
	case Tauth:
		pint(k, f->afid, BIT32SZ);
		pstr(k, f->uname);
		pstr(k, f->aname);
		break;
	case Rauth:
		pqid(k, &f->aqid);
		break;
	case Tattach:
		pint(k, f->fid, BIT32SZ);
		pint(k, f->afid, BIT32SZ);
		pstr(k, f->uname);
		pstr(k, f->aname);
		break;
	case Rerror:
		pstr(k, f->ename);
		break;
	case Tflush:
		pint(k, f->oldtag, BIT16SZ);
		break;
	case Twalk:
		if(f->nwname > MAXWELEM)
			k->bad = 1;
		pint(k, f->fid, BIT32SZ);
		pint(k, f->newfid, BIT32SZ);
		pint(k, f->nwname, BIT16SZ);
		for(i = 0; i < f->nwname && i < MAXWELEM; i++)
			pstr(k, f->wname[i]);
		break;
	case Rwalk:
		if(f->nwqid > MAXWELEM)
			k->bad = 1;
		pint(k, f->nwqid, BIT16SZ);
		for(i = 0; i < f->nwqid && i < MAXWELEM; i++)
			pqid(k, &f->wqid[i]);
		break;
	case Topen:
		pint(k, f->fid, BIT32SZ);
		pint(k, f->mode, BIT8SZ);
		break;
	case Tcreate:
		pint(k, f->fid, BIT32SZ);
		pstr(k, f->name);
		pint(k, f->perm, BIT32SZ);
		pint(k, f->mode, BIT8SZ);
		break;
	case Ropen:
	case Rcreate:
	case Rattach:
		pqid(k, &f->qid);
		if(f->type != Rattach)
			pint(k, f->iounit, BIT32SZ);
		break;
	case Tread:
		pint(k, f->fid, BIT32SZ);
		pint(k, f->offset, BIT64SZ);
		pint(k, f->count, BIT32SZ);
		break;
	case Twrite:
		pint(k, f->fid, BIT32SZ);
		pint(k, f->offset, BIT64SZ);
		/* fall through */
	case Rread:
		pint(k, f->count, BIT32SZ);
		pbytes(k, f->data, f->count);
		break;
	case Rwrite:
		pint(k, f->count, BIT32SZ);
		break;
	case Tclunk:
	case Tremove:
	case Tstat:
		pint(k, f->fid, BIT32SZ);
		break;
	case Twstat:
		pint(k, f->fid, BIT32SZ);
		/* fall through */
	case Rstat:
		pint(k, f->nstat, BIT16SZ);
		pbytes(k, f->stat, f->nstat);
		break;
	case Rflush:
	case Rclunk:
	case Rremove:
	case Rwstat:
		break;
	}
}

/* The bytes f packs into, 0 if it cannot be packed. */
uint
sizeS2M(Fcall *f)
{
	Pack k;

	k.b = nil;
	pack(&k, f);
	return k.bad ? 0 : k.n;
}

/* Pack f into buf; 0 if it does not fit or cannot be packed. */
uint
convS2M(Fcall *f, uchar *buf, uint nbuf)
{
	Pack k;
	uint n;

	n = sizeS2M(f);
	if(n == 0 || n > nbuf)
		return 0;
	k.b = buf;
	pack(&k, f);
	PBIT32(buf, n);
	return n;
}

typedef struct Unpack Unpack;
struct Unpack
{
	uchar	*p;
	uchar	*e;
	int	bad;
};

static uvlong
gint(Unpack *u, int size)
{
	uvlong v;
	int i;

	if(u->e - u->p < size){
		u->bad = 1;
		return 0;
	}
	v = 0;
	for(i = 0; i < size; i++)
		v |= (uvlong)u->p[i] << 8*i;
	u->p += size;
	return v;
}

/*
 * Strings become NUL-terminated in place: each moves down one byte
 * over its count, whose value has been read already.
 */
static char*
gstr(Unpack *u)
{
	uint len;
	char *s;

	len = gint(u, BIT16SZ);
	if(u->bad || u->e - u->p < len){
		u->bad = 1;
		return nil;
	}
	s = (char*)u->p - 1;
	memmove(s, u->p, len);
	s[len] = 0;
	u->p += len;
	return s;
}

static uchar*
gbytes(Unpack *u, uint len)
{
	uchar *p;

	if(u->e - u->p < len){
		u->bad = 1;
		return nil;
	}
	p = u->p;
	u->p += len;
	return p;
}

static void
gqid(Unpack *u, Qid *q)
{
	q->type = gint(u, BIT8SZ);
	q->vers = gint(u, BIT32SZ);
	q->path = gint(u, BIT64SZ);
}

/*
 * Unpack the message at the start of buf into f, whose strings and
 * data then point into buf. Returns the message's size, 0 if it is
 * malformed or longer than nbuf.
 */
uint
convM2S(uchar *buf, uint nbuf, Fcall *f)
{
	Unpack u;
	uint size;
	int i;

	if(nbuf < BIT32SZ+BIT8SZ+BIT16SZ)
		return 0;
	size = GBIT32(buf);
	if(size > nbuf || size < BIT32SZ+BIT8SZ+BIT16SZ)
		return 0;
	u.p = buf+BIT32SZ;
	u.e = buf+size;
	u.bad = 0;
	f->type = gint(&u, BIT8SZ);
	f->tag = gint(&u, BIT16SZ);
	switch(f->type){
	default:
		return 0;
	case Tversion:
	case Rversion:
		f->msize = gint(&u, BIT32SZ);
		f->version = gstr(&u);
		break;
	case Tauth:
		f->afid = gint(&u, BIT32SZ);
		f->uname = gstr(&u);
		f->aname = gstr(&u);
		break;
	case Rauth:
		gqid(&u, &f->aqid);
		break;
	case Tattach:
		f->fid = gint(&u, BIT32SZ);
		f->afid = gint(&u, BIT32SZ);
		f->uname = gstr(&u);
		f->aname = gstr(&u);
		break;
	case Rerror:
		f->ename = gstr(&u);
		break;
	case Tflush:
		f->oldtag = gint(&u, BIT16SZ);
		break;
	case Twalk:
		f->fid = gint(&u, BIT32SZ);
		f->newfid = gint(&u, BIT32SZ);
		f->nwname = gint(&u, BIT16SZ);
		if(f->nwname > MAXWELEM)
			return 0;
		for(i = 0; i < f->nwname; i++)
			f->wname[i] = gstr(&u);
		break;
	case Rwalk:
		f->nwqid = gint(&u, BIT16SZ);
		if(f->nwqid > MAXWELEM)
			return 0;
		for(i = 0; i < f->nwqid; i++)
			gqid(&u, &f->wqid[i]);
		break;
	case Topen:
		f->fid = gint(&u, BIT32SZ);
		f->mode = gint(&u, BIT8SZ);
		break;
	case Tcreate:
		f->fid = gint(&u, BIT32SZ);
		f->name = gstr(&u);
		f->perm = gint(&u, BIT32SZ);
		f->mode = gint(&u, BIT8SZ);
		break;
	case Ropen:
	case Rcreate:
	case Rattach:
		gqid(&u, &f->qid);
		if(f->type != Rattach)
			f->iounit = gint(&u, BIT32SZ);
		break;
	case Tread:
		f->fid = gint(&u, BIT32SZ);
		f->offset = gint(&u, BIT64SZ);
		f->count = gint(&u, BIT32SZ);
		break;
	case Twrite:
		f->fid = gint(&u, BIT32SZ);
		f->offset = gint(&u, BIT64SZ);
		/* fall through */
	case Rread:
		f->count = gint(&u, BIT32SZ);
		f->data = (char*)gbytes(&u, f->count);
		break;
	case Rwrite:
		f->count = gint(&u, BIT32SZ);
		break;
	case Tclunk:
	case Tremove:
	case Tstat:
		f->fid = gint(&u, BIT32SZ);
		break;
	case Twstat:
		f->fid = gint(&u, BIT32SZ);
		/* fall through */
	case Rstat:
		f->nstat = gint(&u, BIT16SZ);
		f->stat = gbytes(&u, f->nstat);
		break;
	case Rflush:
	case Rclunk:
	case Rremove:
	case Rwstat:
		break;
	}
	if(u.bad || u.p != u.e)
		return 0;
	return size;
}
