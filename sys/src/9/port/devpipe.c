/*
 * #|: pipes. Each attach makes a new pipe, a directory holding data
 * and data1: what is written on one is read from the other, each
 * write a message of its own (qio's Qmsg). When every channel open
 * on one end is closed, the other end reads what is left and then
 * end of file, and its writes fail.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum
{
	Qdir,
	Qdata0,
	Qdata1,

	Qshift		= 2,		/* qid path: pipe id, then the file */
	Pipeqsize	= 32*1024,	/* bytes buffered each way, and the longest atomic write */
};

#define PIPEQID(id, t)	((uvlong)(id)<<Qshift | (t))
#define PIPETYPE(path)	((int)(path) & ((1<<Qshift)-1))

static char Eclosedpipe[] = "write on closed pipe";

typedef struct Pipe Pipe;
struct Pipe
{
	Ref;			/* channels on the pipe */
	QLock;			/* guards nopen */
	ulong	id;
	Queue	*q[2];		/* q[0] is read by data, written by data1 */
	int	nopen[2];	/* channels open on data and data1 */
};

static Dirtab pipedir[] = {
	".",		{Qdir, 0, QTDIR},	0,	DMDIR|0500,
	"data",		{Qdata0},	0,	0600,
	"data1",	{Qdata1},	0,	0600,
};

static struct {
	Lock;
	ulong	id;
} pipes;

/* The Dirtab's entry, with this pipe's id in the path. */
static int
pipegen(Chan *c, char *name, Dirtab *tab, int ntab, int i, Dir *dp)
{
	Pipe *p;
	int t;

	if(devgen(c, name, tab, ntab, i, dp) != 1)
		return -1;
	p = c->aux;
	t = dp->qid.path;
	dp->qid.path = PIPEQID(p->id, t);
	if(t != Qdir)
		dp->length = qlen(p->q[t-Qdata0]);
	return 1;
}

static Chan*
pipeattach(char *spec)
{
	Pipe *p;
	Chan *c;

	p = smalloc(sizeof *p);
	p->ref = 1;
	p->q[0] = qopen(Pipeqsize, Qmsg);
	p->q[1] = qopen(Pipeqsize, Qmsg);
	lock(&pipes);
	p->id = ++pipes.id;
	unlock(&pipes);
	c = devattach('|', spec);
	c->qid.path = PIPEQID(p->id, Qdir);
	c->aux = p;
	return c;
}

static Walkqid*
pipewalk(Chan *c, Chan *nc, char **name, int nname)
{
	Walkqid *wq;

	wq = devwalk(c, nc, name, nname, pipedir, nelem(pipedir), pipegen);
	if(wq != nil && wq->clone != nil && wq->clone != c)
		incref((Pipe*)c->aux);
	return wq;
}

static int
pipestat(Chan *c, uchar *db, int n)
{
	return devstat(c, db, n, pipedir, nelem(pipedir), pipegen);
}

static Chan*
pipeopen(Chan *c, int omode)
{
	Pipe *p;
	int mode, t;

	mode = openmode(omode);
	t = PIPETYPE(c->qid.path);
	if(t == Qdir && mode != OREAD)
		error(Eperm);
	if(t != Qdir){
		p = c->aux;
		qlock(p);
		p->nopen[t-Qdata0]++;
		qunlock(p);
	}
	c->mode = mode;
	c->flag |= COPEN;
	c->offset = 0;
	return c;
}

static void
pipeclose(Chan *c)
{
	Pipe *p;
	int t;

	p = c->aux;
	t = PIPETYPE(c->qid.path);
	if((c->flag & COPEN) && t != Qdir){
		qlock(p);
		/*
		 * The other end reads what this one wrote, then end of file;
		 * what it writes has no reader. With neither end open, the
		 * pipe starts afresh for the next opens, keeping unread data.
		 */
		if(--p->nopen[t-Qdata0] == 0){
			qhangup(p->q[0]);
			qhangup(p->q[1]);
		}
		if(p->nopen[0] == 0 && p->nopen[1] == 0){
			qreopen(p->q[0]);
			qreopen(p->q[1]);
		}
		qunlock(p);
	}
	if(decref(p) == 0){
		qfree(p->q[0]);
		qfree(p->q[1]);
		free(p);
	}
}

static long
piperead(Chan *c, void *buf, long n, vlong)
{
	Pipe *p;

	p = c->aux;
	switch(PIPETYPE(c->qid.path)){
	case Qdir:
		return devdirread(c, buf, n, pipedir, nelem(pipedir), pipegen);
	case Qdata0:
		return qread(p->q[0], buf, n);
	case Qdata1:
		return qread(p->q[1], buf, n);
	}
	error(Egreg);
	return 0;
}

/*
 * Writing to a pipe nobody can read also posts the writer a note,
 * which kills it unless it is caught, except on behalf of a mount.
 */
static long
pipewrite(Chan *c, void *buf, long n, vlong)
{
	Pipe *p;
	Queue *q;

	p = c->aux;
	switch(PIPETYPE(c->qid.path)){
	case Qdata0:
		q = p->q[1];
		break;
	case Qdata1:
		q = p->q[0];
		break;
	default:
		error(Eperm);
	}
	if(waserror()){
		if(qisclosed(q)){
			/* a mount's requests fail without killing the process */
			if(!(c->flag & CMSG))
				postnote(up, 1, "sys: write on closed pipe", Nuser);
			error(Eclosedpipe);
		}
		nexterror();
	}
	if(qisclosed(q))
		error(Eclosedpipe);
	qwrite(q, buf, n);
	poperror();
	return n;
}

Dev pipedevtab = {
	'|',
	"pipe",
	devreset,
	devinit,
	devshutdown,
	pipeattach,
	pipewalk,
	pipestat,
	pipeopen,
	devcreate,
	pipeclose,
	piperead,
	pipewrite,
	devremove,
	devwstat,
};
