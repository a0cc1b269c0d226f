/*
 * #g: named global segments, as 9front's segment(3). Making a
 * directory makes a segment to be; writing "va ADDR LEN [sticky]" to
 * its ctl gives it memory and registers it, so that processes can
 * segattach it by name; its data file reads and writes the contents.
 * Removing the directory unregisters the segment, whose memory goes
 * when the last process using it lets go.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum
{
	Qtopdir,
	Qsegdir,
	Qctl,
	Qdata,

	Qshift	= 2,		/* qid path: the segment's id, then the file */
};

#define SEGQID(id, t)	((uvlong)(id)<<Qshift | (t))
#define SEGTYPE(path)	((int)(path) & ((1<<Qshift)-1))
#define SEGID(path)	((ulong)((path)>>Qshift))

typedef struct Globalseg Globalseg;
struct Globalseg
{
	char	*name;
	char	*uid;
	ulong	perm;
	ulong	id;
	Segment	*s;		/* nil until ctl allocates it */
	Globalseg *next;
};

static struct {
	QLock;
	Globalseg *list;
	ulong	id;
} gsegs;

static Cmdtab segctlmsg[] = {
	0,	"va",	0,
};

/* By name, or by id if name is nil; the caller holds gsegs. */
static Globalseg*
seglookup(char *name, ulong id)
{
	Globalseg *g;

	for(g = gsegs.list; g != nil; g = g->next)
		if(name != nil ? strcmp(g->name, name) == 0 : g->id == id)
			return g;
	return nil;
}

static Globalseg*
segof(Chan *c)
{
	Globalseg *g;

	if((g = seglookup(nil, SEGID(c->qid.path))) == nil)
		error(Enonexist);
	return g;
}

/* The directory entry of g's directory or one of its files. */
static void
segentry(Chan *c, Globalseg *g, int t, Dir *dp)
{
	Qid q;

	switch(t){
	case Qsegdir:
		mkqid(&q, SEGQID(g->id, Qsegdir), 0, QTDIR);
		devdir(c, q, g->name, 0, g->uid, DMDIR|g->perm, dp);
		break;
	case Qctl:
		mkqid(&q, SEGQID(g->id, Qctl), 0, QTFILE);
		devdir(c, q, "ctl", 0, g->uid, g->perm & 0666, dp);
		break;
	case Qdata:
		mkqid(&q, SEGQID(g->id, Qdata), 0, QTFILE);
		devdir(c, q, "data", g->s ? (vlong)g->s->npage*BY2PG : 0, g->uid, g->perm & 0666, dp);
		break;
	}
}

/* Callers hold gsegs, so the names in Dirs stay put until copied. */
static int
seggen(Chan *c, char *name, Dirtab*, int, int i, Dir *dp)
{
	Globalseg *g;
	Qid q;

	if(i == DEVDOTDOT || SEGTYPE(c->qid.path) == Qtopdir){
		if(i == DEVDOTDOT){
			mkqid(&q, SEGQID(0, Qtopdir), 0, QTDIR);
			devdir(c, q, "#g", 0, eve, DMDIR|0777, dp);
			return 1;
		}
		if(name != nil)
			g = seglookup(name, 0);
		else
			for(g = gsegs.list; g != nil && i > 0; g = g->next)
				i--;
		if(g == nil)
			return -1;
		segentry(c, g, Qsegdir, dp);
		return 1;
	}
	if((g = seglookup(nil, SEGID(c->qid.path))) == nil)
		return -1;
	if(name != nil)
		i = strcmp(name, "ctl") == 0 ? 0 : strcmp(name, "data") == 0 ? 1 : -1;
	if(i < 0 || i > 1)
		return -1;
	segentry(c, g, Qctl+i, dp);
	return 1;
}

static Chan*
segmentattach(char *spec)
{
	return devattach('g', spec);
}

static Walkqid*
segwalk(Chan *c, Chan *nc, char **name, int nname)
{
	Walkqid *wq;

	qlock(&gsegs);
	if(waserror()){
		qunlock(&gsegs);
		nexterror();
	}
	wq = devwalk(c, nc, name, nname, nil, 0, seggen);
	poperror();
	qunlock(&gsegs);
	return wq;
}

static int
segstat(Chan *c, uchar *db, int n)
{
	Dir d;

	qlock(&gsegs);
	if(waserror()){
		qunlock(&gsegs);
		nexterror();
	}
	if(SEGTYPE(c->qid.path) == Qtopdir)
		n = devstat(c, db, n, nil, 0, seggen);
	else{
		segentry(c, segof(c), SEGTYPE(c->qid.path), &d);
		if((n = convD2M(&d, db, n)) == 0)
			error(Eshortstat);
	}
	poperror();
	qunlock(&gsegs);
	return n;
}

static Chan*
segopen(Chan *c, int omode)
{
	qlock(&gsegs);
	if(waserror()){
		qunlock(&gsegs);
		nexterror();
	}
	if(SEGTYPE(c->qid.path) != Qtopdir)
		segof(c);
	c = devopen(c, omode, nil, 0, seggen);
	poperror();
	qunlock(&gsegs);
	return c;
}

/* mkdir: a segment to be, with no memory yet. */
static void
segcreate(Chan *c, char *name, int omode, ulong perm)
{
	Globalseg *g;
	Segment *s;

	if(SEGTYPE(c->qid.path) != Qtopdir)
		error(Eperm);
	if(!(perm & DMDIR))
		error(Eperm);
	if(openmode(omode) != OREAD)
		error(Eisdir);
	devcheckname(name);
	qlock(&gsegs);
	if(seglookup(name, 0) != nil){
		qunlock(&gsegs);
		error(Eexist);
	}
	if((s = globalseg(name)) != nil){
		qunlock(&gsegs);
		putseg(s);
		error(Eexist);
	}
	g = smalloc(sizeof *g);
	g->name = kstrdup(name);
	g->uid = kstrdup(up->user);
	g->perm = perm & 0777;
	g->id = ++gsegs.id;
	g->next = gsegs.list;
	gsegs.list = g;
	mkqid(&c->qid, SEGQID(g->id, Qsegdir), 0, QTDIR);
	qunlock(&gsegs);
	c->mode = OREAD;
	c->flag |= COPEN;
	c->offset = 0;
}

static void
segremove(Chan *c)
{
	Globalseg *g, **l;

	if(SEGTYPE(c->qid.path) != Qsegdir)
		error(Eperm);
	qlock(&gsegs);
	for(l = &gsegs.list; (g = *l) != nil; l = &g->next)
		if(g->id == SEGID(c->qid.path))
			break;
	if(g == nil){
		qunlock(&gsegs);
		error(Enonexist);
	}
	if(strcmp(g->uid, up->user) != 0 && strcmp(up->user, eve) != 0){
		qunlock(&gsegs);
		error(Eperm);
	}
	*l = g->next;
	qunlock(&gsegs);
	if(g->s != nil){
		delglobalseg(g->s);
		putseg(g->s);
	}
	free(g->name);
	free(g->uid);
	free(g);
}

static void
segclose(Chan*)
{
}

/* The segment behind a data file, referenced, once it has memory. */
static Segment*
segdata(Chan *c)
{
	Segment *s;

	qlock(&gsegs);
	s = segof(c)->s;
	if(s != nil)
		incref(s);
	qunlock(&gsegs);
	if(s == nil)
		error("segment not allocated");
	return s;
}

static long
dataio(Chan *c, void *buf, long n, vlong off, int write)
{
	Segment *s;

	if(off < 0)
		error(Enegoff);
	s = segdata(c);
	if(waserror()){
		putseg(s);
		nexterror();
	}
	n = segio(s, buf, n, off, write);
	poperror();
	putseg(s);
	return n;
}

static long
segread(Chan *c, void *buf, long n, vlong off)
{
	char str[64];
	Segment *s;

	if(SEGTYPE(c->qid.path) == Qdata)
		return dataio(c, buf, n, off, 0);
	qlock(&gsegs);
	if(waserror()){
		qunlock(&gsegs);
		nexterror();
	}
	if(SEGTYPE(c->qid.path) == Qctl){
		str[0] = 0;
		if((s = segof(c)->s) != nil)
			snprint(str, sizeof str, "va %#llux %#llux%s\n", (uvlong)s->base,
				(uvlong)s->npage*BY2PG, (s->flags & SG_STICKY) ? " sticky" : "");
		n = readstr(off, buf, n, str);
	}else
		n = devdirread(c, buf, n, nil, 0, seggen);
	poperror();
	qunlock(&gsegs);
	return n;
}

/* "va ADDR LEN [sticky]": give the segment its memory, once. */
static void
segctl(Chan *c, Cmdbuf *cb)
{
	Globalseg *g;
	Segment *s;
	uvlong va, len, npage;
	int sticky;

	lookupcmd(cb, segctlmsg, nelem(segctlmsg));
	if(cb->nf != 3 && cb->nf != 4)
		cmderror(cb, Ecmdargs);
	va = parsenum(cb->f[1], "bad number");
	len = parsenum(cb->f[2], "bad number");
	sticky = cb->nf == 4;
	if(sticky && strcmp(cb->f[3], "sticky") != 0)
		cmderror(cb, "bad flag");
	if(va == 0 || va % BY2PG != 0)
		cmderror(cb, "va not page aligned");
	if(len == 0 || len > (uvlong)SEGMAXPAGES*BY2PG)
		cmderror(cb, "bad length");
	npage = (len + BY2PG-1) / BY2PG;
	if(va >= USTKTOP || npage > (USTKTOP-va)/BY2PG)
		cmderror(cb, "beyond user space");
	if(sticky && strcmp(up->user, eve) != 0)
		error(Eperm);

	qlock(&gsegs);
	if(waserror()){
		qunlock(&gsegs);
		nexterror();
	}
	g = segof(c);
	if(g->s != nil)
		error("already has a virtual address");
	s = newseg(SG_SHARED, va, npage);
	if(waserror()){
		putseg(s);
		nexterror();
	}
	if(sticky){
		s->flags |= SG_STICKY;
		segfill(s);
	}
	addglobalseg(s, g->name);
	poperror();
	g->s = s;
	poperror();
	qunlock(&gsegs);
}

static long
segwrite(Chan *c, void *buf, long n, vlong off)
{
	Cmdbuf *cb;

	switch(SEGTYPE(c->qid.path)){
	case Qctl:
		cb = parsecmd(buf, n);
		if(waserror()){
			free(cb);
			nexterror();
		}
		segctl(c, cb);
		poperror();
		free(cb);
		return n;
	case Qdata:
		return dataio(c, buf, n, off, 1);
	}
	error(Eperm);
	return 0;
}

Dev segmentdevtab = {
	'g',
	"segment",
	devreset,
	devinit,
	devshutdown,
	segmentattach,
	segwalk,
	segstat,
	segopen,
	segcreate,
	segclose,
	segread,
	segwrite,
	segremove,
	devwstat,
};
