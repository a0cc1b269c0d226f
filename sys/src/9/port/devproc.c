/*
 * #p: a directory per process, named by its pid, for ps, kill and
 * their like: status, args, ns, and ctl, note and notepg to write to.
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
	Qpiddir,
	Qargs,
	Qctl,
	Qnote,
	Qnotepg,
	Qns,
	Qstatus,

	Qshift		= 4,		/* qid path: pid, then the file */
	Numsize		= 12,		/* a number in status */
	Nstatnum	= 9,
	Statsize	= 2*KNAMELEN + Numsize + Nstatnum*Numsize,
};

#define PROCQID(pid, t)	((uvlong)(pid)<<Qshift | (t))
#define PROCTYPE(path)	((int)(path) & ((1<<Qshift)-1))
#define PROCPID(path)	((int)((path)>>Qshift))

static Dirtab procdir[] = {
	"args",		{Qargs},	0,		0444,
	"ctl",		{Qctl},		0,		0220,
	"note",		{Qnote},	0,		0220,
	"notepg",	{Qnotepg},	0,		0220,
	"ns",		{Qns},		0,		0444,
	"status",	{Qstatus},	Statsize,	0444,
};

enum { CMkill };

static Cmdtab procctlmsg[] = {
	CMkill,	"kill",	1,
};

static int
procgen(Chan *c, char *name, Dirtab *tab, int ntab, int i, Dir *dp)
{
	Proc *p;
	Dirtab *t;
	Qid q;

	if(i == DEVDOTDOT){
		mkqid(&q, Qtopdir, 0, QTDIR);
		devdir(c, q, "#p", 0, eve, DMDIR|0555, dp);
		return 1;
	}
	if(PROCTYPE(c->qid.path) == Qtopdir){
		if(name != nil)
			p = name[0] >= '1' && name[0] <= '9' ? proclookup(strtol(name, nil, 10)) : nil;
		else
			p = procindex(i);
		if(p == nil)
			return -1;
		snprint(up->genbuf, sizeof up->genbuf, "%d", p->pid);
		if(name != nil && strcmp(name, up->genbuf) != 0)
			return -1;
		mkqid(&q, PROCQID(p->pid, Qpiddir), 0, QTDIR);
		devdir(c, q, up->genbuf, 0, p->user, DMDIR|0555, dp);
		return 1;
	}
	if((p = proclookup(PROCPID(c->qid.path))) == nil)
		return -1;
	if(name != nil){
		for(i = 0; i < ntab; i++)
			if(strcmp(tab[i].name, name) == 0)
				break;
	}
	if(i >= ntab)
		return -1;
	t = &tab[i];
	mkqid(&q, PROCQID(p->pid, t->qid.path), 0, QTFILE);
	devdir(c, q, t->name, t->length, p->user, t->perm, dp);
	return 1;
}

static Proc*
procof(Chan *c)
{
	Proc *p;

	if((p = proclookup(PROCPID(c->qid.path))) == nil)
		error(Eprocdied);
	return p;
}

static Chan*
procattach(char *spec)
{
	return devattach('p', spec);
}

static Walkqid*
procwalk(Chan *c, Chan *nc, char **name, int nname)
{
	return devwalk(c, nc, name, nname, procdir, nelem(procdir), procgen);
}

static int
procstat(Chan *c, uchar *db, int n)
{
	if(PROCTYPE(c->qid.path) != Qtopdir)
		procof(c);
	return devstat(c, db, n, procdir, nelem(procdir), procgen);
}

static Chan*
procopen(Chan *c, int omode)
{
	if(PROCTYPE(c->qid.path) != Qtopdir)
		procof(c);
	return devopen(c, omode, procdir, nelem(procdir), procgen);
}

static void
procclose(Chan*)
{
}

/* The arguments as rc would quote them, or the name if there are none. */
static char*
procargs(Proc *p)
{
	Fmt f;
	char *a, *e;

	if(p->args == nil || p->nargs == 0)
		return smprint("%s", p->text);
	fmtstrinit(&f);
	e = p->args + p->nargs;
	for(a = p->args; a < e; a += strlen(a)+1)
		fmtprint(&f, a == p->args ? "%q" : " %q", a);
	return fmtstrflush(&f);
}

/*
 * Plan 9's layout: name, user and state in fixed columns, then user,
 * system and real milliseconds, the same for children (not kept
 * here), memory in KiB and two priorities (none here).
 */
static char*
procstatus(Proc *p)
{
	char *s, *state;
	uvlong mem, num[Nstatnum];
	Segment *seg;
	int i, n;

	state = statename[p->state];
	mem = 0;
	qlock(&p->seglock);
	for(i = 0; i < NSEG; i++)
		if((seg = p->seg[i]) != nil)
			mem += seg->top - seg->base;
	qunlock(&p->seglock);
	memset(num, 0, sizeof num);
	num[0] = p->time[0];
	num[1] = p->time[1];
	num[2] = (nsec() - p->startns) / 1000000;
	num[6] = mem / 1024;
	s = smalloc(Statsize+1);
	n = snprint(s, Statsize+1, "%-*.*s%-*.*s%-*.*s", KNAMELEN, KNAMELEN-1, p->text,
		KNAMELEN, KNAMELEN-1, p->user, Numsize, Numsize-1, state);
	for(i = 0; i < Nstatnum; i++)
		n += snprint(s+n, Statsize+1-n, "%*llud ", Numsize-1, num[i]);
	return s;
}

/* bind's flags for a mount: "" or like "-bc ". */
static char*
mountflags(int mflag, char *buf)
{
	char *s;

	s = buf;
	if(mflag & (MAFTER|MBEFORE|MCREATE)){
		*s++ = '-';
		if(mflag & MAFTER)
			*s++ = 'a';
		if(mflag & MBEFORE)
			*s++ = 'b';
		if(mflag & MCREATE)
			*s++ = 'c';
		*s++ = ' ';
	}
	*s = 0;
	return buf;
}

/*
 * The name space as bind and mount commands (a mount names the
 * server's channel), then the current directory.
 */
static char*
procns(Proc *p)
{
	Pgrp *pg;
	Mhead *mh;
	Mount *mnt;
	Fmt f;
	char flags[8];
	int i;

	fmtstrinit(&f);
	if((pg = p->pgrp) != nil){
		qlock(&pg->ns);
		for(i = 0; i < MNTHASH; i++)
			for(mh = pg->mnthash[i]; mh != nil; mh = mh->hash)
				for(mnt = mh->mount; mnt != nil; mnt = mnt->next)
					fmtprint(&f, "%s %s%q %q\n",
						devtab[mnt->to->type]->dc == 'M' ? "mount" : "bind",
						mountflags(mnt->mflag, flags),
						mnt->to->path->s, mh->from->path->s);
		qunlock(&pg->ns);
	}
	if(p->dot != nil && p->dot->path != nil)
		fmtprint(&f, "cd %q\n", p->dot->path->s);
	return fmtstrflush(&f);
}

/*
 * f's text of c's process, made under its debug lock: the Proc may
 * die, be freed and be taken for another process meanwhile.
 */
static char*
procdebug(Chan *c, char *(*f)(Proc*))
{
	Proc *p;
	char *s;

	p = procof(c);
	qlock(&p->debug);
	if(p->pid != PROCPID(c->qid.path)){
		qunlock(&p->debug);
		error(Eprocdied);
	}
	s = f(p);
	qunlock(&p->debug);
	return s;
}

static long
procread(Chan *c, void *buf, long n, vlong off)
{
	char *s;

	switch(PROCTYPE(c->qid.path)){
	case Qtopdir:
	case Qpiddir:
		return devdirread(c, buf, n, procdir, nelem(procdir), procgen);
	case Qargs:
		s = procdebug(c, procargs);
		break;
	case Qstatus:
		s = procdebug(c, procstatus);
		break;
	case Qns:
		s = procdebug(c, procns);
		break;
	default:
		error(Eperm);
	}
	if(s == nil)
		error(Enomem);
	n = readstr(off, buf, n, s);
	free(s);
	return n;
}

/* A note from a write: at most ERRMAX-1 bytes, a final newline dropped. */
static void
notemsg(char *msg, void *buf, long n)
{
	if(n <= 0 || n >= ERRMAX)
		error(Ebadarg);
	memmove(msg, buf, n);
	if(msg[n-1] == '\n')
		n--;
	msg[n] = 0;
}

/* Notes go by pid: the Proc procof found may be another process's by now. */
static long
procwrite(Chan *c, void *buf, long n, vlong)
{
	char msg[ERRMAX];
	Cmdbuf *cb;
	int pid, posted;

	pid = PROCPID(c->qid.path);
	switch(PROCTYPE(c->qid.path)){
	case Qctl:
		cb = parsecmd(buf, n);
		if(waserror()){
			free(cb);
			nexterror();
		}
		posted = 1;
		switch(lookupcmd(cb, procctlmsg, nelem(procctlmsg))->index){
		case CMkill:
			posted = postnotepid(pid, "kill", Nexit, 0);
			break;
		}
		poperror();
		free(cb);
		break;
	case Qnote:
		notemsg(msg, buf, n);
		posted = postnotepid(pid, msg, Nuser, 0);
		break;
	case Qnotepg:
		notemsg(msg, buf, n);
		posted = postnotepid(pid, msg, Nuser, 1);
		break;
	default:
		error(Eperm);
		return 0;
	}
	if(!posted)
		error(Eprocdied);
	return n;
}

Dev procdevtab = {
	'p',
	"proc",
	devreset,
	devinit,
	devshutdown,
	procattach,
	procwalk,
	procstat,
	procopen,
	devcreate,
	procclose,
	procread,
	procwrite,
	devremove,
	devwstat,
};
