/*
 * TEMPORARY, for the devs branch only: minimal postnote, fdtochan and
 * newfd so that the devices link and their self-tests run before
 * proc.c and sysfile.c provide the real ones. Delete this file (and
 * its line in the pc mkfile) when merging.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

/* Queue the note; delivery is the real postnote's business. */
int
postnote(Proc *p, int dolock, char *msg, int flag)
{
	USED(dolock);
	if(p->nnote >= NNOTE)
		return 0;
	kstrcpy(p->note[p->nnote].msg, msg, ERRMAX);
	p->note[p->nnote].flag = flag;
	p->nnote++;
	return 1;
}

Chan*
fdtochan(int fd, int mode, int chkmnt, int iref)
{
	Fgrp *f;
	Chan *c;

	USED(chkmnt);
	f = up->fgrp;
	if(f == nil)
		error(Ebadfd);
	lock(f);
	if(fd < 0 || fd >= f->nfd || (c = f->fd[fd]) == nil){
		unlock(f);
		error(Ebadfd);
	}
	if(iref)
		incref(c);
	unlock(f);
	if(mode < 0 || c->mode == ORDWR)
		return c;
	if(((mode&OTRUNC) && c->mode == OREAD) || (mode&~OTRUNC) != c->mode){
		if(iref)
			cclose(c);
		error(Ebadusefd);
	}
	return c;
}

int
newfd(Chan *c)
{
	Fgrp *f;
	Chan **nfd;
	int i;

	f = up->fgrp;
	if(f == nil)
		error(Enofd);
	lock(f);
	for(i = 0; i < f->nfd; i++)
		if(f->fd[i] == nil)
			break;
	if(i == f->nfd){
		nfd = realloc(f->fd, (f->nfd+16)*sizeof(Chan*));
		if(nfd == nil){
			unlock(f);
			error(Enofd);
		}
		memset(nfd+f->nfd, 0, 16*sizeof(Chan*));
		f->fd = nfd;
		f->nfd += 16;
	}
	f->fd[i] = c;
	if(i > f->maxfd)
		f->maxfd = i;
	unlock(f);
	return i;
}
