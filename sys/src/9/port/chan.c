/*
 * Channels (open or walked-to files) and the translation of names into
 * channels.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum { Maxwalk = 16 };	/* names per device walk call */

static struct {
	Lock;
	Chan	*free;
	int	nused;
} chans;

char*
kstrdup(char *s)
{
	char *t;
	int n;

	n = strlen(s)+1;
	t = smalloc(n);
	memmove(t, s, n);
	return t;
}

/* Copy at most n-1 bytes, never splitting a UTF sequence. */
void
kstrcpy(char *dst, char *src, int n)
{
	int i, r;
	Rune rune;

	if(n <= 0)
		return;
	for(i = 0; i < n-1 && src[i] != 0; i += r){
		r = chartorune(&rune, src+i);
		if(i+r > n-1)
			break;
	}
	memmove(dst, src, i);
	dst[i] = 0;
}

Path*
newpath(char *s)
{
	Path *p;

	p = smalloc(sizeof *p);
	p->ref = 1;
	p->s = kstrdup(s);
	return p;
}

void
pathclose(Path *p)
{
	if(p == nil || decref(p) > 0)
		return;
	free(p->s);
	free(p);
}

Chan*
newchan(void)
{
	Chan *c;

	lock(&chans);
	c = chans.free;
	if(c != nil)
		chans.free = c->next;
	chans.nused++;
	unlock(&chans);
	if(c == nil)
		c = smalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	c->ref = 1;
	c->dev = 0;
	c->offset = 0;
	c->iounit = 0;
	return c;
}

static void
chanfree(Chan *c)
{
	c->flag = CFREE;
	pathclose(c->path);
	c->path = nil;
	if(c->umh != nil){
		putmhead(c->umh);
		c->umh = nil;
	}
	if(c->umc != nil){
		cclose(c->umc);
		c->umc = nil;
	}
	lock(&chans);
	c->next = chans.free;
	chans.free = c;
	chans.nused--;
	unlock(&chans);
}

void
cclose(Chan *c)
{
	if(c == nil)
		return;
	if(c->flag & CFREE)
		panic("cclose of free chan %#p from %#p", c, getcallerpc());
	if(decref(c) > 0)
		return;
	/* a device's close also does ORCLOSE's remove, as Plan 9's do */
	if(!waserror()){
		devtab[c->type]->close(c);
		poperror();
	}
	chanfree(c);
}

int
channelsinuse(void)
{
	return chans.nused;
}

void
isdir(Chan *c)
{
	if(c->qid.type & QTDIR)
		return;
	error(Enotdir);
}

int
openmode(ulong o)
{
	o &= ~(OTRUNC|OCEXEC|ORCLOSE);
	if(o > OEXEC)
		error(Ebadarg);
	if(o == OEXEC)
		return OREAD;
	return o;
}

int
eqchan(Chan *a, Chan *b)
{
	return a->qid.path == b->qid.path && a->qid.type == b->qid.type &&
		a->type == b->type && a->dev == b->dev;
}

/* The mount-table entry for c, referenced, or nil. */
Mhead*
findmount(Pgrp *pg, Chan *c)
{
	Mhead *mh;

	if(pg == nil)
		return nil;
	qlock(&pg->ns);
	for(mh = pg->mnthash[c->qid.path % MNTHASH]; mh != nil; mh = mh->hash)
		if(eqchan(mh->from, c)){
			incref(mh);
			break;
		}
	qunlock(&pg->ns);
	return mh;
}

/* A fresh channel for the same file as c, unopened. */
Chan*
cclone(Chan *c)
{
	Walkqid *wq;
	Chan *nc;

	wq = devtab[c->type]->walk(c, nil, nil, 0);
	if(wq == nil)
		error("clone failed");
	nc = wq->clone;
	free(wq);
	if(c->path != nil){
		incref(c->path);
		nc->path = c->path;
	}
	return nc;
}

/*
 * If something is mounted on c, the first of it instead (the others
 * are reached through umh); c is consumed.
 */
static Chan*
domount(Chan *c)
{
	Mhead *mh;
	Chan *nc;

	mh = findmount(up ? up->pgrp : nil, c);
	if(mh == nil)
		return c;
	if(waserror()){
		putmhead(mh);
		nexterror();
	}
	nc = cclone(mh->mount->to);
	poperror();
	pathclose(nc->path);
	nc->path = c->path;
	c->path = nil;
	nc->umh = mh;
	cclose(c);
	return nc;
}

/* Walk one name from c, through each member of a union; nil if absent. */
static Chan*
walk1(Chan *c, char *name)
{
	Walkqid *wq;
	Mount *mnt;
	Chan *from, *nc;
	Mhead *mh;

	mh = c->umh;
	mnt = mh != nil ? mh->mount : nil;
	from = c;
	for(;;){
		/* a device may raise an error rather than return a short walk */
		if(waserror())
			wq = nil;
		else{
			wq = devtab[from->type]->walk(from, nil, &name, 1);
			poperror();
		}
		if(wq != nil && wq->nqid == 1 && wq->clone != nil){
			nc = wq->clone;
			free(wq);
			return nc;
		}
		if(wq != nil){
			if(wq->clone != nil)
				cclose(wq->clone);
			free(wq);
		}
		if(mnt == nil || (mnt = mnt->next) == nil)
			return nil;
		from = mnt->to;
	}
}

enum { Maxelem = 128 };

typedef struct Lexpath Lexpath;
struct Lexpath
{
	char	*buf;		/* holds root and elements */
	char	*root;		/* "/" or "#Xspec" */
	char	*elem[Maxelem];
	int	nelem;
};

/*
 * Resolve name against the current directory textually: ".." takes
 * away the previous element, so it follows the names used, not where
 * binds led. A name starting with # begins at that device's root.
 */
static void
lexpath(Lexpath *lp, char *name)
{
	char *s, *p, *e;
	Rune r;
	int n;

	if(name[0] == '/' || name[0] == '#' || up->dot == nil)
		s = kstrdup(name);
	else{
		s = smalloc(strlen(up->dot->path->s)+1+strlen(name)+1);
		sprint(s, "%s/%s", up->dot->path->s, name);
	}
	lp->buf = s;
	lp->nelem = 0;
	if(s[0] == '#'){
		p = s+1;
		if(*p == 0)
			error(Ebadsharp);
		p += chartorune(&r, p);
		while(*p != 0 && *p != '/')
			p++;
		if(*p != 0)
			*p++ = 0;
		lp->root = s;
	}else{
		lp->root = "/";
		p = s;
	}
	while(*p != 0){
		while(*p == '/')
			p++;
		if(*p == 0)
			break;
		e = p;
		while(*p != 0 && *p != '/')
			p++;
		if(*p != 0)
			*p++ = 0;
		if(strcmp(e, ".") == 0)
			continue;
		if(strcmp(e, "..") == 0){
			if(lp->nelem > 0)
				lp->nelem--;
			continue;
		}
		n = strlen(e);
		if(n >= KNAMELEN*8)
			error(Etoolong);
		if(lp->nelem == Maxelem)
			error(Etoolong);
		lp->elem[lp->nelem++] = e;
	}
}

static Path*
lexname(Lexpath *lp, int nelem)
{
	char *s, *p, *e;
	int i, n;
	Path *path;

	n = strlen(lp->root)+1;
	for(i = 0; i < nelem; i++)
		n += strlen(lp->elem[i])+1;
	s = smalloc(n);
	e = s+n;
	p = seprint(s, e, "%s", lp->root);
	for(i = 0; i < nelem; i++)
		p = seprint(p, e, "%s%s", (p[-1] == '/') ? "" : "/", lp->elem[i]);
	path = newpath(s);
	free(s);
	return path;
}

static Chan*
attachroot(char *root)
{
	Chan *c;
	Rune r;
	int t;

	if(root[0] == '/'){
		if(up->slash == nil)
			c = devtab[devno('/', 0)]->attach("");
		else
			c = cclone(up->slash);
		pathclose(c->path);
		c->path = newpath("/");
		return c;
	}
	chartorune(&r, root+1);
	t = devno(r, 1);
	if(t < 0)
		error(Ebadsharp);
	if(up->pgrp != nil && up->pgrp->noattach && utfrune("|decp", r) == nil)
		error(Enoattach);
	c = devtab[t]->attach(root+1+runelen(r));
	pathclose(c->path);
	c->path = newpath(root);
	return c;
}

/*
 * Walk from the root of lp through its first n elements, following
 * the mount table, except at the last element if nomount.
 */
static Chan*
walkpath(Lexpath *lp, int n, int nomount)
{
	Chan *c, *nc;
	int i;

	c = attachroot(lp->root);
	if(n > 0 || !nomount)
		c = domount(c);
	for(i = 0; i < n; i++){
		if(!(c->qid.type & QTDIR)){
			cclose(c);
			error(Enotdir);
		}
		nc = walk1(c, lp->elem[i]);
		cclose(c);
		if(nc == nil)
			error(Enonexist);
		pathclose(nc->path);
		nc->path = lexname(lp, i+1);
		c = nc;
		if(i < n-1 || !nomount)
			c = domount(c);
	}
	return c;
}

/* The union member of directory c that takes creates. */
static Chan*
createdir(Chan *c)
{
	Mount *mnt;

	if(c->umh == nil)
		return c;
	for(mnt = c->umh->mount; mnt != nil; mnt = mnt->next)
		if(mnt->mflag & MCREATE){
			c = cclone(mnt->to);
			return c;
		}
	error(Enocreate);
	return nil;
}

/*
 * The channel for name: opened for Aopen and Acreate, removed for
 * Aremove, merely walked to otherwise.
 */
Chan*
namec(char *aname, int amode, int omode, ulong perm)
{
	Lexpath lp;
	Chan *c, *dir, *cdir;
	char *last;
	Path *path;
	char err[ERRMAX];

	if(aname[0] == 0)
		error(Enonexist);
	lp.buf = nil;
	if(waserror()){
		free(lp.buf);
		if(strcmp(up->errstr, Enonexist) == 0 || strcmp(up->errstr, Enotdir) == 0){
			snprint(err, sizeof err, "'%s' %s", aname, up->errstr);
			kstrcpy(up->errstr, err, ERRMAX);
		}
		nexterror();
	}
	lexpath(&lp, aname);
	switch(amode){
	case Acreate:
		if(lp.nelem == 0)
			error(Eexist);
		dir = walkpath(&lp, lp.nelem-1, 0);
		if(waserror()){
			cclose(dir);
			nexterror();
		}
		last = lp.elem[lp.nelem-1];
		c = walk1(dir, last);
		if(c != nil){
			/* creating an existing file truncates it */
			if(omode & OEXCL){
				cclose(c);
				error(Eexist);
			}
			pathclose(c->path);
			c->path = lexname(&lp, lp.nelem);
			c = domount(c);
			if(waserror()){
				cclose(c);
				nexterror();
			}
			c = devtab[c->type]->open(c, omode|OTRUNC);
			poperror();
		}else{
			cdir = createdir(dir);
			if(cdir == dir)
				c = cclone(dir);
			else
				c = cdir;
			if(waserror()){
				cclose(c);
				nexterror();
			}
			path = lexname(&lp, lp.nelem);
			devtab[c->type]->create(c, last, omode & ~(OEXCL|OCEXEC), perm);
			pathclose(c->path);
			c->path = path;
			poperror();
		}
		poperror();
		cclose(dir);
		break;
	case Amount:
		c = walkpath(&lp, lp.nelem, 1);
		break;
	default:
		c = walkpath(&lp, lp.nelem, 0);
		break;
	}
	if(waserror()){
		cclose(c);
		nexterror();
	}
	switch(amode){
	case Aopen:
		c = devtab[c->type]->open(c, omode);
		break;
	case Atodir:
		if(!(c->qid.type & QTDIR))
			error(Enotdir);
		break;
	case Aremove:
		devtab[c->type]->remove(c);
		/* the device has let go; close only frees the channel */
		c->type = 0;
		break;
	}
	poperror();
	if(amode == Aopen || amode == Acreate){
		if(omode & OCEXEC)
			c->flag |= CCEXEC;
		if(omode & ORCLOSE)
			c->flag |= CRCLOSE;
	}
	poperror();
	free(lp.buf);
	return c;
}

/* Add what new names to the union at old. */
int
cmount(Chan *new, Chan *old, int flag)
{
	Pgrp *pg;
	Mhead *mh, **l;
	Mount *mnt, *nm, **ml;
	int order;

	if((old->qid.type & QTDIR) != (new->qid.type & QTDIR))
		error(Emount);
	order = flag & MORDER;
	if(order != MREPL && !(old->qid.type & QTDIR))
		error(Emount);
	pg = up->pgrp;
	qlock(&pg->ns);
	if(waserror()){
		qunlock(&pg->ns);
		nexterror();
	}
	l = &pg->mnthash[old->qid.path % MNTHASH];
	for(mh = *l; mh != nil; mh = mh->hash)
		if(eqchan(mh->from, old))
			break;
	if(mh == nil){
		mh = smalloc(sizeof *mh);
		mh->ref = 1;
		incref(old);
		mh->from = old;
		/* a union keeps what was there before */
		if(order != MREPL)
			mh->mount = newmount(old, 0);
		mh->hash = *l;
		*l = mh;
	}
	nm = newmount(new, flag & (MORDER|MCREATE));
	switch(order){
	case MREPL:
		mountfree(mh->mount);
		mh->mount = nm;
		break;
	case MBEFORE:
		nm->next = mh->mount;
		mh->mount = nm;
		break;
	case MAFTER:
		for(ml = &mh->mount; (mnt = *ml) != nil; ml = &mnt->next)
			;
		*ml = nm;
		break;
	}
	poperror();
	qunlock(&pg->ns);
	return nm->mountid;
}

/* Take what (or everything, if nil) off the mount point old. */
void
cunmount(Chan *old, Chan *what)
{
	Pgrp *pg;
	Mhead *mh, **l;
	Mount *mnt, **ml;

	pg = up->pgrp;
	qlock(&pg->ns);
	l = &pg->mnthash[old->qid.path % MNTHASH];
	for(mh = *l; mh != nil; l = &mh->hash, mh = mh->hash)
		if(eqchan(mh->from, old))
			break;
	if(mh == nil){
		qunlock(&pg->ns);
		error(Eunmount);
	}
	if(what != nil){
		for(ml = &mh->mount; (mnt = *ml) != nil; ml = &mnt->next)
			if(eqchan(mnt->to, what))
				break;
		if(mnt == nil){
			qunlock(&pg->ns);
			error(Eunion);
		}
		*ml = mnt->next;
		mnt->next = nil;
		mountfree(mnt);
		if(mh->mount != nil){
			qunlock(&pg->ns);
			return;
		}
	}
	*l = mh->hash;
	qunlock(&pg->ns);
	putmhead(mh);
}
