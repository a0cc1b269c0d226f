/*
 * #e: the environment, one file per variable of the process's Egrp.
 * A value is any bytes; rc stores a list as its words each followed
 * by a NUL, and functions as variables named fn#NAME.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum { Maxvalue = 1024*1024 };	/* bytes in a variable's value */

static Egrp*
envgrp(void)
{
	if(up->egrp == nil)
		error("no environment");
	return up->egrp;
}

/* The variable called name, or with qid path if name is nil; eg is held. */
static Evalue*
envlookup(Egrp *eg, char *name, uvlong path)
{
	Evalue *e;

	for(e = eg->list; e != nil; e = e->next)
		if(name != nil ? strcmp(e->name, name) == 0 : e->qid.path == path)
			return e;
	return nil;
}

/* Like envlookup by path, but the variable must still exist. */
static Evalue*
envfile(Egrp *eg, Chan *c)
{
	Evalue *e;

	if((e = envlookup(eg, nil, c->qid.path)) == nil)
		error(Enonexist);
	return e;
}

/*
 * Callers hold the Egrp, so the names handed out in Dirs stay put
 * until they are copied.
 */
static int
envgen(Chan *c, char *name, Dirtab*, int, int i, Dir *dp)
{
	Egrp *eg;
	Evalue *e;
	Qid q;

	eg = up->egrp;
	if(i == DEVDOTDOT){
		mkqid(&q, 0, eg->vers, QTDIR);
		devdir(c, q, "#e", 0, eve, DMDIR|0775, dp);
		return 1;
	}
	if(name != nil)
		e = envlookup(eg, name, 0);
	else
		for(e = eg->list; e != nil && i > 0; e = e->next)
			i--;
	if(e == nil)
		return -1;
	devdir(c, e->qid, e->name, e->len, up->user, 0666, dp);
	return 1;
}

static Chan*
envattach(char *spec)
{
	if(spec[0] != 0)
		error(Ebadspec);
	envgrp();
	return devattach('e', spec);
}

static Walkqid*
envwalk(Chan *c, Chan *nc, char **name, int nname)
{
	Egrp *eg;
	Walkqid *wq;

	eg = envgrp();
	qlock(eg);
	if(waserror()){
		qunlock(eg);
		nexterror();
	}
	wq = devwalk(c, nc, name, nname, nil, 0, envgen);
	poperror();
	qunlock(eg);
	return wq;
}

static int
envstat(Chan *c, uchar *db, int n)
{
	Egrp *eg;

	eg = envgrp();
	qlock(eg);
	if(waserror()){
		qunlock(eg);
		nexterror();
	}
	n = devstat(c, db, n, nil, 0, envgen);
	poperror();
	qunlock(eg);
	return n;
}

static void
truncate(Evalue *e, Egrp *eg)
{
	free(e->value);
	e->value = nil;
	e->len = 0;
	e->qid.vers++;
	eg->vers++;
}

static Chan*
envopen(Chan *c, int omode)
{
	Egrp *eg;
	int mode;

	mode = openmode(omode);
	if(c->qid.type & QTDIR){
		if(mode != OREAD)
			error(Eperm);
	}else{
		eg = envgrp();
		qlock(eg);
		if(waserror()){
			qunlock(eg);
			nexterror();
		}
		if((omode & OTRUNC) && mode != OREAD)
			truncate(envfile(eg, c), eg);
		poperror();
		qunlock(eg);
	}
	c->mode = mode;
	c->flag |= COPEN;
	c->offset = 0;
	return c;
}

static void
envcreate(Chan *c, char *name, int omode, ulong perm)
{
	Egrp *eg;
	Evalue *e, **l;
	int mode;

	if(!(c->qid.type & QTDIR))
		error(Enotdir);
	if(perm & DMDIR)
		error(Eperm);
	devcheckname(name);
	mode = openmode(omode);
	eg = envgrp();
	qlock(eg);
	if(envlookup(eg, name, 0) != nil){
		qunlock(eg);
		error(Eexist);
	}
	e = smalloc(sizeof *e);
	e->name = kstrdup(name);
	mkqid(&e->qid, ++eg->path, 0, QTFILE);
	for(l = &eg->list; *l != nil; l = &(*l)->next)
		;
	*l = e;
	eg->vers++;
	c->qid = e->qid;
	qunlock(eg);
	c->mode = mode;
	c->flag |= COPEN;
	c->offset = 0;
}

static void
envremove(Chan *c)
{
	Egrp *eg;
	Evalue *e, **l;

	if(c->qid.type & QTDIR)
		error(Eperm);
	eg = envgrp();
	qlock(eg);
	for(l = &eg->list; (e = *l) != nil; l = &e->next)
		if(e->qid.path == c->qid.path)
			break;
	if(e == nil){
		qunlock(eg);
		error(Enonexist);
	}
	*l = e->next;
	eg->vers++;
	qunlock(eg);
	free(e->name);
	free(e->value);
	free(e);
}

static void
envclose(Chan *c)
{
	devrclose(c, envremove);
}

static long
envread(Chan *c, void *buf, long n, vlong off)
{
	Egrp *eg;
	Evalue *e;

	if(off < 0)
		error(Enegoff);
	eg = envgrp();
	qlock(eg);
	if(waserror()){
		qunlock(eg);
		nexterror();
	}
	if(c->qid.type & QTDIR)
		n = devdirread(c, buf, n, nil, 0, envgen);
	else{
		e = envfile(eg, c);
		if(off >= e->len)
			n = 0;
		else if(n > e->len - off)
			n = e->len - off;
		memmove(buf, e->value+off, n);
	}
	poperror();
	qunlock(eg);
	return n;
}

static long
envwrite(Chan *c, void *buf, long n, vlong off)
{
	Egrp *eg;
	Evalue *e;
	uchar *v;

	if(off < 0)
		error(Enegoff);
	if(off > Maxvalue || n > Maxvalue - off)
		error(Etoobig);
	eg = envgrp();
	qlock(eg);
	if(waserror()){
		qunlock(eg);
		nexterror();
	}
	e = envfile(eg, c);
	if(off+n > e->len){
		if((v = realloc(e->value, off+n)) == nil)
			error(Enomem);
		memset(v+e->len, 0, off+n - e->len);
		e->value = v;
		e->len = off+n;
	}
	memmove(e->value+off, buf, n);
	e->qid.vers++;
	eg->vers++;
	poperror();
	qunlock(eg);
	return n;
}

Egrp*
newegrp(void)
{
	Egrp *eg;

	eg = smalloc(sizeof *eg);
	eg->ref = 1;
	return eg;
}

/* A copy of an environment for rfork(RFENVG); from may be nil. */
Egrp*
dupegrp(Egrp *from)
{
	Egrp *eg;
	Evalue *e, *ne, **l;

	eg = smalloc(sizeof *eg);
	eg->ref = 1;
	if(from == nil)
		return eg;
	qlock(from);
	l = &eg->list;
	for(e = from->list; e != nil; e = e->next){
		ne = smalloc(sizeof *ne);
		ne->name = kstrdup(e->name);
		if(e->len > 0){
			ne->value = smalloc(e->len);
			memmove(ne->value, e->value, e->len);
		}
		ne->len = e->len;
		ne->qid = e->qid;
		*l = ne;
		l = &ne->next;
	}
	eg->path = from->path;
	eg->vers = from->vers;
	qunlock(from);
	return eg;
}

void
closeegrp(Egrp *eg)
{
	Evalue *e, *next;

	if(eg == nil || decref(eg) > 0)
		return;
	for(e = eg->list; e != nil; e = next){
		next = e->next;
		free(e->name);
		free(e->value);
		free(e);
	}
	free(eg);
}

Dev envdevtab = {
	'e',
	"env",
	devreset,
	devinit,
	devshutdown,
	envattach,
	envwalk,
	envstat,
	envopen,
	envcreate,
	envclose,
	envread,
	envwrite,
	envremove,
	devwstat,
};
