/*
 * System calls on files and name spaces. Arguments arrive as an array
 * of words; user pointers are checked with validaddr before use.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum { Maxrw = 64*1024*1024 };

static void
fdclose(int fd, int flag)
{
	Fgrp *f;
	Chan *c;

	f = up->fgrp;
	lock(f);
	c = fd >= 0 && fd <= f->maxfd ? f->fd[fd] : nil;
	if(c == nil || (flag != 0 && !(c->flag & flag))){
		unlock(f);
		if(flag == 0)
			error(Ebadfd);
		return;
	}
	f->fd[fd] = nil;
	while(f->maxfd >= 0 && f->fd[f->maxfd] == nil)
		f->maxfd--;
	unlock(f);
	cclose(c);
}

/* Close the channels marked close-on-exec, for exec. */
void
closeexec(void)
{
	int i;

	for(i = 0; i <= up->fgrp->maxfd; i++)
		fdclose(i, CCEXEC);
}

static uintptr
openfd(Chan *c)
{
	int fd;

	if(waserror()){
		cclose(c);
		nexterror();
	}
	fd = newfd(c);
	poperror();
	return fd;
}

static void
checkmode(int omode)
{
	if(omode & ~(OTRUNC|OCEXEC|ORCLOSE|OEXCL|3))
		error(Ebadarg);
}

uintptr
sysopen(uintptr *arg)
{
	checkmode(arg[1]);
	return openfd(namec(validstr(arg[0]), Aopen, arg[1], 0));
}

uintptr
syscreate(uintptr *arg)
{
	checkmode(arg[1]);
	return openfd(namec(validstr(arg[0]), Acreate, arg[1], arg[2]));
}

uintptr
sysclose(uintptr *arg)
{
	fdclose(arg[0], 0);
	return 0;
}

uintptr
sysdup(uintptr *arg)
{
	Chan *c;
	int nfd;

	nfd = arg[1];
	c = fdtochan(arg[0], -1, 0, 1);
	if(nfd < 0)
		return openfd(c);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	setfd(c, nfd);
	poperror();
	return nfd;
}

/*
 * A directory that is a union: read each member in turn, remembering
 * where we are in c->uri and c->umc.
 */
static long
unionread(Chan *c, void *buf, long n)
{
	Mount *mnt;
	long nr;
	int i;

	qlock(&c->umqlock);
	if(waserror()){
		qunlock(&c->umqlock);
		nexterror();
	}
	nr = 0;
	for(;;){
		for(i = 0, mnt = c->umh->mount; mnt != nil && i < c->uri; i++)
			mnt = mnt->next;
		if(mnt == nil)
			break;
		if(c->umc == nil){
			c->umc = cclone(mnt->to);
			c->umc = devtab[c->umc->type]->open(c->umc, OREAD);
		}
		nr = devtab[c->umc->type]->read(c->umc, buf, n, c->umc->offset);
		if(nr > 0){
			c->umc->offset += nr;
			break;
		}
		cclose(c->umc);
		c->umc = nil;
		c->uri++;
	}
	poperror();
	qunlock(&c->umqlock);
	return nr;
}

static void
resetunion(Chan *c)
{
	qlock(&c->umqlock);
	c->uri = 0;
	if(c->umc != nil){
		cclose(c->umc);
		c->umc = nil;
	}
	qunlock(&c->umqlock);
}

static long
rw(uintptr *arg, int write, vlong off)
{
	Chan *c;
	long n;
	void *buf;
	int seq;

	n = arg[2];
	if(n < 0 || n > Maxrw)
		error(Etoobig);
	buf = validaddr(arg[1], n, !write);
	c = fdtochan(arg[0], write ? OWRITE : OREAD, 1, 1);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	/* the offset is one word, changed atomically: no lock on every read and write */
	seq = off == -1;
	if(seq)
		off = __atomic_load_n(&c->offset, __ATOMIC_RELAXED);
	else if(off < 0)
		error(Enegoff);
	if(c->qid.type & QTDIR){
		if(write)
			error(Eisdir);
		if(off == 0 && c->offset != 0){
			c->dri = 0;
			c->devoffset = 0;
			if(c->umh != nil)
				resetunion(c);
		}else if(off != c->offset)
			error(Edirseek);
		if(c->umh != nil)
			n = unionread(c, buf, n);
		else
			n = devtab[c->type]->read(c, buf, n, c->devoffset);
		c->devoffset += n;
		__atomic_add_fetch(&c->offset, n, __ATOMIC_RELAXED);
	}else{
		if(write)
			n = devtab[c->type]->write(c, buf, n, off);
		else
			n = devtab[c->type]->read(c, buf, n, off);
		if(seq)
			__atomic_add_fetch(&c->offset, n, __ATOMIC_RELAXED);
	}
	poperror();
	cclose(c);
	return n;
}

uintptr
syspread(uintptr *arg)
{
	return rw(arg, 0, (vlong)arg[3]);
}

uintptr
syspwrite(uintptr *arg)
{
	return rw(arg, 1, (vlong)arg[3]);
}

uintptr
sysseek(uintptr *arg)
{
	Chan *c;
	vlong off, base, old, n;
	uchar buf[sizeof(Dir)+100];
	Dir d;
	char strs[128];

	c = fdtochan(arg[0], -1, 1, 1);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	off = arg[1];
	switch(arg[2]){
	case 0:
	case 1:
		base = 0;
		break;
	case 2:
		if(devtab[c->type]->stat(c, buf, sizeof buf) < BIT16SZ+2 ||
		   convM2D(buf, sizeof buf, &d, strs) == 0)
			error(Eshortstat);
		base = d.length;
		break;
	default:
		error(Ebadarg);
	}
	/* against reads and writes moving the offset at the same time */
	old = __atomic_load_n(&c->offset, __ATOMIC_RELAXED);
	do{
		n = (arg[2] == 1 ? old : base) + off;
		if(n < 0 || ((c->qid.type & QTDIR) && n != 0))
			error((c->qid.type & QTDIR) ? Edirseek : Enegoff);
	}while(!__atomic_compare_exchange_n(&c->offset, &old, n, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	if(c->qid.type & QTDIR){
		c->dri = 0;
		c->devoffset = 0;
		if(c->umh != nil)
			resetunion(c);
	}
	poperror();
	cclose(c);
	return n;
}

uintptr
sysfd2path(uintptr *arg)
{
	Chan *c;
	char *buf;

	buf = validaddr(arg[1], arg[2], 1);
	c = fdtochan(arg[0], -1, 0, 1);
	snprint(buf, arg[2], "%s", c->path ? c->path->s : "");
	cclose(c);
	return 0;
}

/* Stat (or, if write, wstat) c with the user's buffer; c is closed. */
static long
statio(Chan *c, uintptr ubuf, long n, int write)
{
	uchar *buf;
	long r;

	if(waserror()){
		cclose(c);
		nexterror();
	}
	buf = validaddr(ubuf, n, !write);
	if(write){
		if(n < BIT16SZ || statcheck(buf, n) < 0)
			error(Ebadstat);
		r = devtab[c->type]->wstat(c, buf, n);
	}else
		r = devtab[c->type]->stat(c, buf, n);
	poperror();
	cclose(c);
	return r;
}

uintptr
sysstat(uintptr *arg)
{
	return statio(namec(validstr(arg[0]), Aaccess, 0, 0), arg[1], arg[2], 0);
}

uintptr
sysfstat(uintptr *arg)
{
	return statio(fdtochan(arg[0], -1, 0, 1), arg[1], arg[2], 0);
}

uintptr
syswstat(uintptr *arg)
{
	return statio(namec(validstr(arg[0]), Aaccess, 0, 0), arg[1], arg[2], 1);
}

uintptr
sysfwstat(uintptr *arg)
{
	return statio(fdtochan(arg[0], -1, 1, 1), arg[1], arg[2], 1);
}

uintptr
sysremove(uintptr *arg)
{
	cclose(namec(validstr(arg[0]), Aremove, 0, 0));
	return 0;
}

uintptr
syschdir(uintptr *arg)
{
	Chan *c, *old;

	c = namec(validstr(arg[0]), Atodir, 0, 0);
	qlock(&up->debug);
	old = up->dot;
	up->dot = c;
	qunlock(&up->debug);
	cclose(old);
	return 0;
}

/* Put new (consumed) on the mount point named by the user's string old. */
static int
bindmount(Chan *new, uintptr old, int flag)
{
	Chan *c;
	int id;

	if(waserror()){
		cclose(new);
		nexterror();
	}
	c = namec(validstr(old), Amount, 0, 0);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	id = cmount(new, c, flag);
	poperror();
	cclose(c);
	poperror();
	cclose(new);
	return id;
}

uintptr
sysbind(uintptr *arg)
{
	if(arg[2] & ~MMASK)
		error(Ebadarg);
	return bindmount(namec(validstr(arg[0]), Abind, 0, 0), arg[1], arg[2]);
}

/*
 * mount(fd, afd, old, flag, aname): the server on fd's tree, by
 * #M. MCACHE is accepted and ignored; there is no authentication.
 */
uintptr
sysmount(uintptr *arg)
{
	Chan *c, *mc;
	char *aname;

	if(arg[3] & ~MMASK)
		error(Ebadarg);
	if((int)arg[1] != -1)
		error("authentication not supported");
	if(up->pgrp->noattach)
		error(Enoattach);
	aname = validstr(arg[4]);
	c = fdtochan(arg[0], ORDWR, 0, 1);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	mc = mntchan(c, aname);
	poperror();
	cclose(c);
	return bindmount(mc, arg[2], arg[3] & ~MCACHE);
}

uintptr
sysunmount(uintptr *arg)
{
	Chan *volatile new;	/* set after waserror, closed by its handler */
	Chan *old;

	new = nil;
	old = namec(validstr(arg[1]), Amount, 0, 0);
	if(waserror()){
		cclose(old);
		if(new != nil)
			cclose(new);
		nexterror();
	}
	if(arg[0] != 0)
		new = namec(validstr(arg[0]), Abind, 0, 0);
	cunmount(old, new);
	poperror();
	cclose(old);
	if(new != nil)
		cclose(new);
	return 0;
}

uintptr
syspipe(uintptr *arg)
{
	int *fd;
	Chan *c, *d[2];
	static char *names[] = { "data", "data1" };
	static char *paths[] = { "#|/data", "#|/data1" };
	Walkqid *wq;
	int i;

	fd = validaddr(arg[0], 2*sizeof(int), 1);
	i = devno('|', 1);
	if(i < 0)
		error(Enodev);
	c = devtab[i]->attach("");
	d[0] = d[1] = nil;
	if(waserror()){
		cclose(c);
		cclose(d[0]);
		cclose(d[1]);
		nexterror();
	}
	for(i = 0; i < 2; i++){
		wq = devtab[c->type]->walk(c, nil, &names[i], 1);
		if(wq == nil || wq->nqid != 1){
			free(wq);
			error(Egreg);
		}
		d[i] = wq->clone;
		free(wq);
		d[i]->path = newpath(paths[i]);
		d[i] = devtab[d[i]->type]->open(d[i], ORDWR);
	}
	fd[0] = newfd(d[0]);
	d[0] = nil;
	fd[1] = newfd(d[1]);
	d[1] = nil;
	poperror();
	cclose(c);
	return 0;
}
