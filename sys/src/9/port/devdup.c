/*
 * #d: the process's open files. Opening N gives descriptor N's own
 * channel, as dup(2) does, so the two share an offset; reading Nctl
 * describes that channel.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

/* Qid paths: 0 is the directory, 2N+1 is file N and 2N+2 is Nctl. */
#define DUPFD(path)	((int)(((path)-1)/2))
#define DUPCTL(path)	(((path)-1)%2)

/* The descriptor named by name (N or Nctl), or -1. */
static int
dupname(char *name, int *ctl)
{
	char *p;
	long fd;

	if(name[0] < '0' || name[0] > '9')
		return -1;
	fd = strtol(name, &p, 10);
	if(fd < 0 || fd > 1000000 || p-name > 7)
		return -1;
	*ctl = strcmp(p, "ctl") == 0;
	if(!*ctl && *p != 0)
		return -1;
	return fd;
}

static int
dupgen(Chan *c, char *name, Dirtab*, int, int i, Dir *dp)
{
	static long perms[] = { 0400, 0200, 0600 };
	Fgrp *f;
	Chan *fc;
	int fd, ctl;
	long perm;
	Qid q;

	if(i == DEVDOTDOT){
		mkqid(&q, 0, 0, QTDIR);
		devdir(c, q, "#d", 0, eve, DMDIR|0555, dp);
		return 1;
	}
	if(name != nil){
		if((fd = dupname(name, &ctl)) < 0)
			return -1;
	}else{
		fd = i/2;
		ctl = i%2;
	}
	if((f = up->fgrp) == nil)
		return -1;
	lock(f);
	if(fd >= f->nfd){
		unlock(f);
		return -1;
	}
	if((fc = f->fd[fd]) == nil){
		unlock(f);
		return name != nil ? -1 : 0;
	}
	perm = ctl ? 0400 : perms[fc->mode%nelem(perms)];
	unlock(f);
	snprint(up->genbuf, sizeof up->genbuf, ctl ? "%dctl" : "%d", fd);
	mkqid(&q, 2*fd+1+ctl, 0, QTFILE);
	devdir(c, q, up->genbuf, 0, up->user, perm, dp);
	return 1;
}

static Chan*
dupattach(char *spec)
{
	return devattach('d', spec);
}

static Walkqid*
dupwalk(Chan *c, Chan *nc, char **name, int nname)
{
	return devwalk(c, nc, name, nname, nil, 0, dupgen);
}

static int
dupstat(Chan *c, uchar *db, int n)
{
	return devstat(c, db, n, nil, 0, dupgen);
}

/* The file itself is opened in place of c, with its mode checked. */
static Chan*
dupopen(Chan *c, int omode)
{
	Chan *f;

	if(c->qid.type & QTDIR)
		return devopen(c, omode, nil, 0, dupgen);
	if(omode & ORCLOSE)
		error(Eperm);
	if(DUPCTL(c->qid.path)){
		if(openmode(omode) != OREAD)
			error(Eperm);
		c->mode = OREAD;
		c->flag |= COPEN;
		c->offset = 0;
		return c;
	}
	f = fdtochan(DUPFD(c->qid.path), openmode(omode), 0, 1);
	cclose(c);
	return f;
}

static void
dupclose(Chan*)
{
}

/* As Plan 9 prints it: fd, mode, device, qid, iounit, offset, name. */
static void
fdprint(char *buf, int n, int fd, Chan *c)
{
	static char *modes[] = { "r ", "w ", "rw" };

	snprint(buf, n, "%3d %s %C %4lud (%.16llux %lud %.2ux) %5lud %8lld %s\n",
		fd, modes[c->mode%nelem(modes)], devtab[c->type]->dc, c->dev,
		c->qid.path, c->qid.vers, c->qid.type, c->iounit, c->offset,
		c->path != nil ? c->path->s : "?");
}

static long
dupread(Chan *c, void *buf, long n, vlong off)
{
	char line[512];
	Chan *f;
	int fd;

	if(c->qid.type & QTDIR)
		return devdirread(c, buf, n, nil, 0, dupgen);
	if(!DUPCTL(c->qid.path))
		error(Egreg);
	fd = DUPFD(c->qid.path);
	f = fdtochan(fd, -1, 0, 1);
	fdprint(line, sizeof line, fd, f);
	cclose(f);
	return readstr(off, buf, n, line);
}

static long
dupwrite(Chan*, void*, long, vlong)
{
	error(Eperm);
	return 0;
}

Dev dupdevtab = {
	'd',
	"dup",
	devreset,
	devinit,
	devshutdown,
	dupattach,
	dupwalk,
	dupstat,
	dupopen,
	devcreate,
	dupclose,
	dupread,
	dupwrite,
	devremove,
	devwstat,
};
