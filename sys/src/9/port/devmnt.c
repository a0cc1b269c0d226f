/*
 * #M: the client half of 9P2000, behind mount(2). A Mnt is one
 * conversation with a file server over a channel (a pipe end, a /srv
 * file); each channel of this device names a file through a fid of
 * that conversation, and each Dev operation becomes one or more
 * request/reply exchanges. One request is outstanding at a time: the
 * Mnt's QLock serialises its users.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"
#include <fcall.h>

enum
{
	Msize		= 8192+IOHDRSZ,	/* proposed to the server */
	Minmsize	= 256,		/* room for any reply but Rread and Rstat */
};

static char Ehangup[] = "i/o on hungup channel";
static char Eversion[] = "server does not speak 9P2000";

typedef struct Mnt Mnt;
struct Mnt
{
	Ref;			/* channels of this device using it */
	QLock;			/* held for a request and its reply */
	Mnt	*next;		/* in mnts.list */
	ulong	id;		/* Chan.dev of its channels */
	Chan	*c;		/* to the server */
	ulong	msize;		/* agreed by Tversion */
	ushort	tag;		/* the last used */
	ulong	fid;
	int	flushing;	/* the reply to flushtag comes before any other */
	ushort	flushtag;
	uchar	*wbuf;		/* Msize bytes each */
	uchar	*rbuf;
	ulong	nr;		/* bytes of the next reply read so far */
	char	*dead;		/* once the conversation is broken, every call's error */
};

/* Conversations, so that mounting the same channel again shares one. */
static struct {
	Lock;
	Mnt	*list;
	ulong	id;
} mnts;

static void
mntput(Mnt *mnt)
{
	Mnt **l;

	lock(&mnts);
	if(decref(mnt) > 0){
		unlock(&mnts);
		return;
	}
	for(l = &mnts.list; *l != nil; l = &(*l)->next)
		if(*l == mnt){
			*l = mnt->next;
			break;
		}
	unlock(&mnts);
	cclose(mnt->c);
	free(mnt->wbuf);
	free(mnt->rbuf);
	free(mnt);
}

/* Send the message in mnt->wbuf; a failure leaves the stream unusable. */
static void
mntsend(Mnt *mnt, long n)
{
	if(waserror()){
		mnt->dead = Ehangup;
		error(Ehangup);
	}
	if(devtab[mnt->c->type]->write(mnt->c, mnt->wbuf, n, 0) != n)
		error(Ehangup);
	poperror();
}

/*
 * Read the next message into mnt->rbuf and unpack it into r. An
 * interrupted read keeps what it had in mnt->nr for the next caller,
 * so the stream stays in step.
 */
static void
mntrecv(Mnt *mnt, Fcall *r)
{
	long n, want, size;

	size = 0;
	for(;;){
		want = BIT32SZ;
		if(mnt->nr >= BIT32SZ){
			size = mnt->rbuf[0] | mnt->rbuf[1]<<8 | mnt->rbuf[2]<<16 | (ulong)mnt->rbuf[3]<<24;
			if(size < BIT32SZ+BIT8SZ+BIT16SZ || size > mnt->msize){
				mnt->dead = Emountrpc;
				error(Emountrpc);
			}
			want = size;
		}
		if(mnt->nr == want && want > BIT32SZ)
			break;
		if(waserror()){
			if(strcmp(up->errstr, Eintr) != 0)
				mnt->dead = Ehangup;
			nexterror();
		}
		n = devtab[mnt->c->type]->read(mnt->c, mnt->rbuf+mnt->nr, want-mnt->nr, 0);
		poperror();
		if(n <= 0){
			mnt->dead = Ehangup;
			error(Ehangup);
		}
		mnt->nr += n;
	}
	mnt->nr = 0;
	if(convM2S(mnt->rbuf, size, r) != size)
		error(Emountrpc);
}

/* Ask the server to forget tag; its Rflush must be read before the next reply. */
static void
mntflush(Mnt *mnt, ushort tag)
{
	Fcall t;
	long n;

	if(++mnt->tag == NOTAG)
		mnt->tag = 0;
	t.type = Tflush;
	t.tag = mnt->tag;
	t.oldtag = tag;
	n = convS2M(&t, mnt->wbuf, mnt->msize);
	mnt->flushing = 1;
	mnt->flushtag = t.tag;
	mntsend(mnt, n);
}

/*
 * Send t and wait for its reply in r, whose strings and data stay in
 * mnt->rbuf until the next request. The caller holds mnt. An Rerror
 * becomes the error raised.
 */
static void
mntrpc(Mnt *mnt, Fcall *t, Fcall *r)
{
	long n;

	if(mnt->dead != nil)
		error(mnt->dead);
	while(mnt->flushing){
		mntrecv(mnt, r);
		if(r->tag == mnt->flushtag)
			mnt->flushing = 0;
	}
	if(t->type != Tversion){
		if(++mnt->tag == NOTAG)
			mnt->tag = 0;
		t->tag = mnt->tag;
	}
	n = convS2M(t, mnt->wbuf, mnt->msize);
	if(n == 0)
		error(Etoobig);
	mntsend(mnt, n);
	if(waserror()){
		/* interrupted: the reply, if any, must not be taken for the next */
		if(mnt->dead == nil && !waserror()){
			mntflush(mnt, t->tag);
			poperror();
		}
		nexterror();
	}
	do
		mntrecv(mnt, r);
	while(r->tag != t->tag);
	poperror();
	if(r->type == Rerror)
		error(r->ename);
	if(r->type != t->type+1)
		error(Emountrpc);
}

/* Lock mnt for a request; qunlock it once the reply has been used. */
static Mnt*
mntlock(Chan *c)
{
	Mnt *mnt;

	mnt = c->aux;
	if(mnt == nil)
		error(Ehangup);
	qlock(mnt);
	return mnt;
}

static Chan*
mntattach(char*)
{
	error(Enoattach);
	return nil;
}

/*
 * The root of the tree the server on c offers as aname, for
 * sysmount. A channel already in use by a mount shares its
 * conversation; otherwise Tversion starts a new one.
 */
Chan*
mntchan(Chan *c, char *aname)
{
	Mnt *mnt;
	Chan *nc;
	Fcall t, r;

	lock(&mnts);
	for(mnt = mnts.list; mnt != nil; mnt = mnt->next)
		if(mnt->c == c && mnt->dead == nil){
			incref(mnt);
			break;
		}
	if(mnt == nil){
		mnt = smalloc(sizeof *mnt);
		mnt->ref = 1;
		mnt->id = ++mnts.id;
		mnt->msize = Msize;
		mnt->wbuf = smalloc(Msize);
		mnt->rbuf = smalloc(Msize);
		incref(c);
		mnt->c = c;
		/* the server's channel is not for ordinary reads and writes now */
		c->flag |= CMSG;
		qlock(mnt);
		mnt->next = mnts.list;
		mnts.list = mnt;
		unlock(&mnts);
		if(waserror()){
			/* others may have found mnt already */
			if(mnt->dead == nil)
				mnt->dead = Eversion;
			qunlock(mnt);
			mntput(mnt);
			nexterror();
		}
		t.type = Tversion;
		t.tag = NOTAG;
		t.msize = Msize;
		t.version = "9P2000";
		mntrpc(mnt, &t, &r);
		if(strcmp(r.version, "9P2000") != 0)
			error(Eversion);
		if(r.msize < Minmsize || r.msize > Msize)
			error(Emountrpc);
		mnt->msize = r.msize;
		poperror();
		qunlock(mnt);
	}else
		unlock(&mnts);

	if(waserror()){
		mntput(mnt);
		nexterror();
	}
	qlock(mnt);
	if(waserror()){
		qunlock(mnt);
		nexterror();
	}
	t.type = Tattach;
	t.fid = ++mnt->fid;
	t.afid = NOFID;
	t.uname = up->user;
	t.aname = aname;
	mntrpc(mnt, &t, &r);
	poperror();
	qunlock(mnt);
	poperror();

	nc = devattach('M', nil);
	/* for #p/n/ns: what was mounted */
	if(c->path != nil){
		pathclose(nc->path);
		incref(c->path);
		nc->path = c->path;
	}
	nc->dev = mnt->id;
	nc->qid = r.qid;
	nc->aux = mnt;
	nc->fid = t.fid;
	return nc;
}

static Walkqid*
mntwalk(Chan *c, Chan *nc, char **name, int nname)
{
	Walkqid *wq;
	Mnt *mnt;
	Fcall t, r;
	int i, alloc;

	if(nname > MAXWELEM)
		error(Etoolong);
	wq = smalloc(sizeof(Walkqid)+nname*sizeof(Qid));
	/* set before waserror: an error returning there may undo later changes */
	alloc = nc == nil;
	if(alloc){
		nc = devclone(c);
		nc->type = 0;	/* not ours to close until the walk succeeds */
	}
	wq->clone = nc;
	if(waserror()){
		if(alloc)
			cclose(wq->clone);
		free(wq);
		nexterror();
	}
	mnt = mntlock(c);
	if(waserror()){
		qunlock(mnt);
		nexterror();
	}
	t.type = Twalk;
	t.fid = c->fid;
	t.newfid = ++mnt->fid;
	t.nwname = nname;
	for(i = 0; i < nname; i++)
		t.wname[i] = name[i];
	mntrpc(mnt, &t, &r);
	if(r.nwqid > nname || (nname > 0 && r.nwqid == 0))
		error(Emountrpc);
	wq->nqid = r.nwqid;
	for(i = 0; i < r.nwqid; i++)
		wq->qid[i] = r.wqid[i];
	poperror();
	qunlock(mnt);
	poperror();

	if(wq->nqid < nname){
		/* a short walk makes no new fid */
		if(alloc)
			cclose(nc);
		wq->clone = nil;
		return wq;
	}
	incref(mnt);
	nc->type = c->type;
	nc->dev = c->dev;
	nc->aux = mnt;
	nc->fid = t.newfid;
	if(nname > 0)
		nc->qid = wq->qid[nname-1];
	return wq;
}

/* Stat data from the server names this device, as local files do. */
static void
mntdirfix(uchar *p, long n, Chan *c)
{
	long len;
	int dc;

	dc = devtab[c->type]->dc;
	while(n >= STATFIXLEN){
		len = BIT16SZ + (p[0] | p[1]<<8);
		if(len < STATFIXLEN || len > n)
			break;
		p[2] = dc;
		p[3] = dc>>8;
		p[4] = c->dev;
		p[5] = c->dev>>8;
		p[6] = c->dev>>16;
		p[7] = c->dev>>24;
		p += len;
		n -= len;
	}
}

static int
mntstat(Chan *c, uchar *dp, int n)
{
	Mnt *mnt;
	Fcall t, r;

	mnt = mntlock(c);
	if(waserror()){
		qunlock(mnt);
		nexterror();
	}
	t.type = Tstat;
	t.fid = c->fid;
	mntrpc(mnt, &t, &r);
	if(r.nstat < STATFIXLEN || statcheck(r.stat, r.nstat) < 0)
		error(Emountrpc);
	mntdirfix(r.stat, r.nstat, c);
	if(r.nstat <= n)
		memmove(dp, r.stat, r.nstat);
	else if(n >= BIT16SZ){
		/* too small: just the size, so the caller can try again */
		memmove(dp, r.stat, BIT16SZ);
		r.nstat = BIT16SZ;
	}else
		error(Eshortstat);
	poperror();
	qunlock(mnt);
	return r.nstat;
}

static ulong
mntiounit(Chan *c, Mnt *mnt)
{
	if(c->iounit == 0 || c->iounit > mnt->msize-IOHDRSZ)
		return mnt->msize-IOHDRSZ;
	return c->iounit;
}

/* Topen or Tcreate: the fid becomes the open file. */
static void
mntopencreate(Chan *c, int type, char *name, int omode, ulong perm)
{
	Mnt *mnt;
	Fcall t, r;

	mnt = mntlock(c);
	if(waserror()){
		qunlock(mnt);
		nexterror();
	}
	t.type = type;
	t.fid = c->fid;
	t.mode = omode & (3|OTRUNC);
	t.name = name;
	t.perm = perm;
	mntrpc(mnt, &t, &r);
	c->qid = r.qid;
	c->iounit = r.iounit;
	c->iounit = mntiounit(c, mnt);
	poperror();
	qunlock(mnt);
	c->mode = openmode(omode);
	c->offset = 0;
	c->flag |= COPEN;
}

static Chan*
mntopen(Chan *c, int omode)
{
	mntopencreate(c, Topen, nil, omode, 0);
	return c;
}

static void
mntcreate(Chan *c, char *name, int omode, ulong perm)
{
	mntopencreate(c, Tcreate, name, omode, perm);
}

/* Tclunk or Tremove: either way the fid is gone, and c lets go of mnt. */
static void
mntclunk(Chan *c, int type)
{
	Mnt *mnt;
	Fcall t, r;

	mnt = mntlock(c);
	c->aux = nil;
	if(waserror()){
		qunlock(mnt);
		mntput(mnt);
		nexterror();
	}
	t.type = type;
	t.fid = c->fid;
	mntrpc(mnt, &t, &r);
	poperror();
	qunlock(mnt);
	mntput(mnt);
}

static void
mntclose(Chan *c)
{
	if(c->aux != nil)
		mntclunk(c, Tclunk);
}

static void
mntremove(Chan *c)
{
	mntclunk(c, Tremove);
}

/*
 * Reads and writes go iounit bytes at a time until one comes up
 * short; a directory read is one message, whole entries.
 */
static long
mntrdwr(int type, Chan *c, void *buf, long n, vlong off)
{
	Mnt *mnt;
	Fcall t, r;
	uchar *p;
	long cnt, nr, nt;

	p = buf;
	nt = 0;
	mnt = mntlock(c);
	if(waserror()){
		qunlock(mnt);
		nexterror();
	}
	do{
		cnt = n-nt;
		if(cnt > mntiounit(c, mnt))
			cnt = mntiounit(c, mnt);
		t.type = type;
		t.fid = c->fid;
		t.offset = off+nt;
		t.count = cnt;
		t.data = (char*)p+nt;
		mntrpc(mnt, &t, &r);
		nr = r.count;
		if(nr > cnt)
			error(Emountrpc);
		if(type == Tread){
			if(c->qid.type & QTDIR)
				mntdirfix((uchar*)r.data, nr, c);
			memmove(p+nt, r.data, nr);
		}
		nt += nr;
	}while(nr == cnt && nt < n && !(c->qid.type & QTDIR));
	poperror();
	qunlock(mnt);
	return nt;
}

static long
mntread(Chan *c, void *buf, long n, vlong off)
{
	return mntrdwr(Tread, c, buf, n, off);
}

static long
mntwrite(Chan *c, void *buf, long n, vlong off)
{
	return mntrdwr(Twrite, c, buf, n, off);
}

static int
mntwstat(Chan *c, uchar *dp, int n)
{
	Mnt *mnt;
	Fcall t, r;

	mnt = mntlock(c);
	if(waserror()){
		qunlock(mnt);
		nexterror();
	}
	t.type = Twstat;
	t.fid = c->fid;
	t.nstat = n;
	t.stat = dp;
	mntrpc(mnt, &t, &r);
	poperror();
	qunlock(mnt);
	return n;
}

Dev mntdevtab = {
	'M',
	"mnt",
	devreset,
	devinit,
	devshutdown,
	mntattach,
	mntwalk,
	mntstat,
	mntopen,
	mntcreate,
	mntclose,
	mntread,
	mntwrite,
	mntremove,
	mntwstat,
};
