/*
 * #s: a registry of open channels, bound at /srv. Creating a file and
 * writing a descriptor's number to it posts that descriptor's channel;
 * opening the file then gives the channel itself to whoever opens it.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

typedef struct Srv Srv;
struct Srv
{
	char	*name;
	char	*owner;
	ulong	perm;
	Qid	qid;
	Chan	*chan;		/* nil until posted */
	Srv	*next;
};

static struct {
	QLock;
	Srv	*list;
	ulong	path;		/* of the last file made; the directory is 0 */
} srvs;

/* The file called name, or with qid path if name is nil; srvs is held. */
static Srv*
srvlookup(char *name, uvlong path)
{
	Srv *sp;

	for(sp = srvs.list; sp != nil; sp = sp->next)
		if(name != nil ? strcmp(sp->name, name) == 0 : sp->qid.path == path)
			return sp;
	return nil;
}

static Srv*
srvfile(Chan *c)
{
	Srv *sp;

	if((sp = srvlookup(nil, c->qid.path)) == nil)
		error(Enonexist);
	return sp;
}

/* Callers hold srvs, so the names in Dirs stay put until copied. */
static int
srvgen(Chan *c, char *name, Dirtab*, int, int i, Dir *dp)
{
	Srv *sp;
	Qid q;

	if(i == DEVDOTDOT){
		mkqid(&q, 0, 0, QTDIR);
		devdir(c, q, "#s", 0, eve, DMDIR|0777, dp);
		return 1;
	}
	if(name != nil)
		sp = srvlookup(name, 0);
	else
		for(sp = srvs.list; sp != nil && i > 0; sp = sp->next)
			i--;
	if(sp == nil)
		return -1;
	devdir(c, sp->qid, sp->name, 0, sp->owner, sp->perm, dp);
	return 1;
}

static Chan*
srvattach(char *spec)
{
	return devattach('s', spec);
}

static Walkqid*
srvwalk(Chan *c, Chan *nc, char **name, int nname)
{
	Walkqid *wq;

	qlock(&srvs);
	if(waserror()){
		qunlock(&srvs);
		nexterror();
	}
	wq = devwalk(c, nc, name, nname, nil, 0, srvgen);
	poperror();
	qunlock(&srvs);
	return wq;
}

static int
srvstat(Chan *c, uchar *db, int n)
{
	qlock(&srvs);
	if(waserror()){
		qunlock(&srvs);
		nexterror();
	}
	n = devstat(c, db, n, nil, 0, srvgen);
	poperror();
	qunlock(&srvs);
	return n;
}

/* Opening a posted file gives its channel, if the modes agree. */
static Chan*
srvopen(Chan *c, int omode)
{
	Srv *sp;
	Chan *posted;

	if(c->qid.type & QTDIR)
		return devopen(c, omode, nil, 0, srvgen);
	if(omode & OTRUNC)
		error(Eexist);
	if(omode & ORCLOSE)
		error(Eperm);
	qlock(&srvs);
	if(waserror()){
		qunlock(&srvs);
		nexterror();
	}
	sp = srvfile(c);
	if(sp->chan == nil)
		error(Eshutdown);
	if(openmode(omode) != sp->chan->mode && sp->chan->mode != ORDWR)
		error(Eperm);
	devpermcheck(sp->owner, sp->perm, omode);
	posted = sp->chan;
	incref(posted);
	poperror();
	qunlock(&srvs);
	cclose(c);
	return posted;
}

static void
srvcreate(Chan *c, char *name, int omode, ulong perm)
{
	Srv *sp;
	int mode;

	if(!(c->qid.type & QTDIR))
		error(Enotdir);
	if(perm & DMDIR)
		error(Eperm);
	devcheckname(name);
	mode = openmode(omode);
	qlock(&srvs);
	if(srvlookup(name, 0) != nil){
		qunlock(&srvs);
		error(Eexist);
	}
	sp = smalloc(sizeof *sp);
	sp->name = kstrdup(name);
	sp->owner = kstrdup(up->user);
	sp->perm = perm & 0777;
	mkqid(&sp->qid, ++srvs.path, 0, QTFILE);
	sp->next = srvs.list;
	srvs.list = sp;
	c->qid = sp->qid;
	qunlock(&srvs);
	c->mode = mode;
	c->flag |= COPEN;
	c->offset = 0;
}

static void
srvremove(Chan *c)
{
	Srv *sp, **l;

	if(c->qid.type & QTDIR)
		error(Eperm);
	qlock(&srvs);
	for(l = &srvs.list; (sp = *l) != nil; l = &sp->next)
		if(sp->qid.path == c->qid.path)
			break;
	if(sp == nil){
		qunlock(&srvs);
		error(Enonexist);
	}
	if(strcmp(sp->owner, up->user) != 0 && strcmp(up->user, eve) != 0){
		qunlock(&srvs);
		error(Eperm);
	}
	*l = sp->next;
	qunlock(&srvs);
	if(sp->chan != nil)
		cclose(sp->chan);
	free(sp->name);
	free(sp->owner);
	free(sp);
}

/* A server that creates its file with ORCLOSE takes it away on exit. */
static void
srvclose(Chan *c)
{
	devrclose(c, srvremove);
}

static long
srvread(Chan *c, void *buf, long n, vlong)
{
	if(!(c->qid.type & QTDIR))
		error(Eperm);
	qlock(&srvs);
	if(waserror()){
		qunlock(&srvs);
		nexterror();
	}
	n = devdirread(c, buf, n, nil, 0, srvgen);
	poperror();
	qunlock(&srvs);
	return n;
}

/* Post the channel of the descriptor whose number is written. */
static long
srvwrite(Chan *c, void *buf, long n, vlong)
{
	char num[32], *end;
	Chan *posted;
	Srv *sp;
	long fd;

	if(n <= 0 || n >= sizeof num)
		error(Ebadarg);
	memmove(num, buf, n);
	num[n] = 0;
	fd = strtol(num, &end, 10);
	if(end == num || (*end != 0 && *end != '\n') || fd < 0 || (int)fd != fd)
		error(Ebadarg);
	posted = fdtochan(fd, -1, 0, 1);
	qlock(&srvs);
	if(waserror()){
		qunlock(&srvs);
		cclose(posted);
		nexterror();
	}
	sp = srvfile(c);
	if(sp->chan != nil)
		error("already posted");
	sp->chan = posted;
	poperror();
	qunlock(&srvs);
	return n;
}

Dev srvdevtab = {
	's',
	"srv",
	devreset,
	devinit,
	devshutdown,
	srvattach,
	srvwalk,
	srvstat,
	srvopen,
	srvcreate,
	srvclose,
	srvread,
	srvwrite,
	srvremove,
	devwstat,
};
