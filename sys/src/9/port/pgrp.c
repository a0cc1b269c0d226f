/*
 * Name-space groups (mount tables) and file-descriptor groups, shared
 * or copied by rfork.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum { DELTAFD = 20 };

static Ref mountid;

Pgrp*
newpgrp(void)
{
	Pgrp *p;

	p = smalloc(sizeof *p);
	p->ref = 1;
	return p;
}

Mount*
newmount(Chan *to, int flag)
{
	Mount *mnt;

	mnt = smalloc(sizeof *mnt);
	incref(to);
	mnt->to = to;
	mnt->mflag = flag;
	mnt->mountid = incref(&mountid);
	return mnt;
}

void
mountfree(Mount *mnt)
{
	Mount *next;

	for(; mnt != nil; mnt = next){
		next = mnt->next;
		cclose(mnt->to);
		free(mnt);
	}
}

void
putmhead(Mhead *mh)
{
	if(mh == nil || decref(mh) > 0)
		return;
	cclose(mh->from);
	mountfree(mh->mount);
	free(mh);
}

void
closepgrp(Pgrp *p)
{
	Mhead *mh, *next;
	int i;

	if(p == nil || decref(p) > 0)
		return;
	for(i = 0; i < MNTHASH; i++)
		for(mh = p->mnthash[i]; mh != nil; mh = next){
			next = mh->hash;
			putmhead(mh);
		}
	free(p);
}

/* A copy of from's mount table, for RFNAMEG. */
Pgrp*
dupnsgrp(Pgrp *from)
{
	Pgrp *to;
	Mhead *f, *t, **tl;
	Mount *fm, **ml;
	int i;

	to = newpgrp();
	qlock(&from->ns);
	for(i = 0; i < MNTHASH; i++){
		tl = &to->mnthash[i];
		for(f = from->mnthash[i]; f != nil; f = f->hash){
			t = smalloc(sizeof *t);
			t->ref = 1;
			incref(f->from);
			t->from = f->from;
			ml = &t->mount;
			for(fm = f->mount; fm != nil; fm = fm->next){
				*ml = newmount(fm->to, fm->mflag);
				ml = &(*ml)->next;
			}
			*tl = t;
			tl = &t->hash;
		}
	}
	to->noattach = from->noattach;
	qunlock(&from->ns);
	return to;
}

Fgrp*
newfgrp(void)
{
	Fgrp *f;

	f = smalloc(sizeof *f);
	f->ref = 1;
	f->nfd = DELTAFD;
	f->fd = smalloc(DELTAFD*sizeof(Chan*));
	f->maxfd = -1;
	return f;
}

/* A copy of f for RFFDG: the same channels, each referenced again. */
Fgrp*
dupfgrp(Fgrp *f)
{
	Fgrp *n;
	int i;

	n = newfgrp();
	lock(f);
	free(n->fd);
	n->nfd = f->nfd;
	n->fd = malloc(f->nfd*sizeof(Chan*));
	if(n->fd == nil){
		unlock(f);
		free(n);
		error(Enomem);
	}
	n->maxfd = f->maxfd;
	for(i = 0; i < f->nfd; i++){
		n->fd[i] = f->fd[i];
		if(n->fd[i] != nil)
			incref(n->fd[i]);
	}
	unlock(f);
	return n;
}

void
closefgrp(Fgrp *f)
{
	int i;

	if(f == nil || decref(f) > 0)
		return;
	for(i = 0; i <= f->maxfd; i++)
		if(f->fd[i] != nil)
			cclose(f->fd[i]);
	free(f->fd);
	free(f);
}

/* Make room for fd in f's table; the caller holds f. */
static int
growfd(Fgrp *f, int fd)
{
	Chan **nfd;
	int n;

	if(fd < f->nfd)
		return 0;
	if(fd >= 5000)
		return -1;
	n = (fd/DELTAFD + 1)*DELTAFD;
	nfd = malloc(n*sizeof(Chan*));
	if(nfd == nil)
		return -1;
	memmove(nfd, f->fd, f->nfd*sizeof(Chan*));
	memset(nfd+f->nfd, 0, (n-f->nfd)*sizeof(Chan*));
	free(f->fd);
	f->fd = nfd;
	f->nfd = n;
	return 0;
}

/* Put c in the lowest free slot of up's fd table. */
int
newfd(Chan *c)
{
	Fgrp *f;
	int i;

	f = up->fgrp;
	lock(f);
	for(i = 0; i < f->nfd; i++)
		if(f->fd[i] == nil)
			break;
	if(growfd(f, i) < 0){
		unlock(f);
		exhausted("file descriptors");
	}
	f->fd[i] = c;
	if(i > f->maxfd)
		f->maxfd = i;
	unlock(f);
	return i;
}

/* Put c at fd, closing what was there. */
void
setfd(Chan *c, int fd)
{
	Fgrp *f;
	Chan *old;

	f = up->fgrp;
	lock(f);
	if(fd < 0 || growfd(f, fd) < 0){
		unlock(f);
		error(Ebadfd);
	}
	old = f->fd[fd];
	f->fd[fd] = c;
	if(fd > f->maxfd)
		f->maxfd = fd;
	unlock(f);
	if(old != nil)
		cclose(old);
}

/*
 * The channel open on fd, referenced if iref; mode -1 accepts any
 * open mode, else it must allow mode. chkmnt rejects channels that
 * are mounted on.
 */
Chan*
fdtochan(int fd, int mode, int chkmnt, int iref)
{
	Fgrp *f;
	Chan *c;

	f = up->fgrp;
	lock(f);
	if(fd < 0 || fd > f->maxfd || (c = f->fd[fd]) == nil){
		unlock(f);
		error(Ebadfd);
	}
	if(iref)
		incref(c);
	unlock(f);
	if(chkmnt && (c->flag & CMSG)){
		if(iref)
			cclose(c);
		error(Ebadusefd);
	}
	if(mode < 0 || c->mode == ORDWR)
		return c;
	if((mode & OTRUNC) && c->mode == OREAD){
		if(iref)
			cclose(c);
		error(Ebadusefd);
	}
	if((mode & ~OTRUNC) != c->mode){
		if(iref)
			cclose(c);
		error(Ebadusefd);
	}
	return c;
}
