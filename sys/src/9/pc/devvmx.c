/*
 * #X: each vCPU as a directory of files (see vmx(3)). A vCPU is
 * opaque here: vmx.c and its neighbours (vmx.h) do the work.
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
	Qclone,

	Qvdir = 0,	/* low byte of a vCPU file's path; the vCPU is path>>8, less 1 */
	Qctl,
	Qregs,
	Qmap,
	Qstatus,
	Qwait,
	Qfpregs,
	Qtrace,
	Qstats,
	Qrun,
	Qcpuid,
	Qmsr,

	Nvcpu		= 256,
	Snapmax		= 8*1024,	/* regs, map and stats as read at offset 0 */
	Maxctl		= 2048,		/* a ctl message */
};

#define QPATH(slot, file)	(((vlong)(slot)+1)<<8 | (file))
#define QSLOT(q)		((int)((q).path>>8) - 1)
#define QFILE(q)		((int)(q).path & 0xff)

static Dirtab vfiles[] = {
	"ctl",		{Qctl},		0,	0660,
	"regs",		{Qregs},	0,	0660,
	"map",		{Qmap},		0,	0660,
	"status",	{Qstatus},	0,	0440,
	"wait",		{Qwait},	0,	0440,
	"fpregs",	{Qfpregs},	0,	0660,
	"trace",	{Qtrace},	0,	0440,
	"stats",	{Qstats},	0,	0440,
	"run",		{Qrun},		0,	0440,
	"cpuid",	{Qcpuid},	0,	0660,
	"msr",		{Qmsr},		0,	0660,
};

/* What an open file keeps; the QLock keeps the rest to one reader at a time. */
typedef struct Vopen Vopen;
struct Vopen
{
	QLock;
	Vcpu	*v;
	char	*snap;		/* regs, map, stats, cpuid, msr at offset 0 */
	char	line[Vlinemax];	/* wait: the rest of a line read in part */
	int	nline;
	int	off;
	Vtrace	*trace;
};

static struct {
	QLock;
	Vcpu	*v[Nvcpu];
} vcpus;

enum { CMgo, CMquit, CMstop, CMstep, CMexc, CMirq, CMextrap, CMstate, CMhlt, CMapic, CMpost, CMvidquirk };

/* go first: it is written after every exit */
static Cmdtab ctlmsg[] = {
	CMgo,		"go",		0,
	CMquit,		"quit",		1,
	CMstop,		"stop",		1,
	CMstep,		"step",		0,
	CMexc,		"exc",		2,
	CMirq,		"irq",		0,
	CMextrap,	"extrap",	2,
	CMstate,	"state",	0,
	CMhlt,		"hlt",		2,
	CMapic,		"apic",		0,
	CMpost,		"post",		2,
	CMvidquirk,	"vidquirk",	2,
};

static void
vmxreset(void)
{
	vmxinit();
}

static Chan*
vmxattach(char *spec)
{
	return devattach('X', spec);
}

static int
vmxgen(Chan *c, char *name, Dirtab*, int, int s, Dir *dp)
{
	Dirtab *t;
	int slot;

	if(s == DEVDOTDOT){
		devdir(c, (Qid){Qtopdir, 0, QTDIR}, "#X", 0, eve, 0555, dp);
		return 1;
	}
	if(name != nil)
		return 0;	/* devwalk then searches by index */
	if(c->qid.path == Qtopdir || c->qid.path == Qclone){
		if(s == 0){
			devdir(c, (Qid){Qclone, 0, QTFILE}, "clone", 0, eve, 0660, dp);
			return 1;
		}
		if(c->qid.path == Qclone)
			return -1;
		slot = s-1;
		if(slot >= Nvcpu)
			return -1;
		if(vcpus.v[slot] == nil)
			return 0;
		/* the name must outlive this call: devdirread converts it later */
		snprint(up->genbuf, sizeof up->genbuf, "%d", slot);
		devdir(c, (Qid){QPATH(slot, Qvdir), 0, QTDIR}, up->genbuf, 0, eve, 0555, dp);
		return 1;
	}
	if(s >= nelem(vfiles))
		return -1;
	t = &vfiles[s];
	devdir(c, (Qid){QPATH(QSLOT(c->qid), t->qid.path), 0, QTFILE}, t->name, 0, eve, t->perm, dp);
	return 1;
}

static Walkqid*
vmxwalk(Chan *c, Chan *nc, char **name, int nname)
{
	return devwalk(c, nc, name, nname, nil, 0, vmxgen);
}

static int
vmxstat(Chan *c, uchar *dp, int n)
{
	return devstat(c, dp, n, nil, 0, vmxgen);
}

static void
iseve(void)
{
	if(strcmp(up->user, eve) != 0)
		error(Eperm);
}

/* A new vCPU in the lowest free slot; the table holds its first reference. */
static Vcpu*
newvcpu(void)
{
	Vcpu *v;
	int i;

	qlock(&vcpus);
	if(waserror()){
		qunlock(&vcpus);
		nexterror();
	}
	for(i = 0; i < Nvcpu; i++)
		if(vcpus.v[i] == nil)
			break;
	if(i == Nvcpu)
		exhausted("vCPUs");
	v = vmxnew(i);
	vcpus.v[i] = v;
	vmxget(v);
	poperror();
	qunlock(&vcpus);
	return v;
}

static Vcpu*
getvcpu(int slot)
{
	Vcpu *v;

	if(slot < 0 || slot >= Nvcpu)
		error(Enonexist);
	qlock(&vcpus);
	v = vcpus.v[slot];
	if(v != nil)
		vmxget(v);
	qunlock(&vcpus);
	if(v == nil)
		error(Enonexist);
	return v;
}

/* quit or remove: out of the table, hardware freed now. */
static void
endvcpu(Vcpu *v)
{
	qlock(&vcpus);
	if(vcpus.v[vmxindex(v)] != v){
		qunlock(&vcpus);
		error(Enonexist);
	}
	vcpus.v[vmxindex(v)] = nil;
	qunlock(&vcpus);
	vmxfree(v);
	vmxput(v);
}

static Chan*
vmxopen(Chan *c, int omode)
{
	Vopen *o;
	Vcpu *v;

	if(c->qid.type & QTDIR)
		return devopen(c, omode, nil, 0, vmxgen);
	iseve();
	if(c->qid.path == Qclone){
		if(vmxlacks() != nil)
			error(vmxlacks());
		devopen(c, omode, nil, 0, vmxgen);
		v = newvcpu();
		c->qid = (Qid){QPATH(vmxindex(v), Qctl), 0, QTFILE};
	}else{
		v = getvcpu(QSLOT(c->qid));
		if(waserror()){
			vmxput(v);
			nexterror();
		}
		devopen(c, omode, nil, 0, vmxgen);
		if(QFILE(c->qid) == Qmap && (omode & OTRUNC))
			vmxunmapall(v);
		if((QFILE(c->qid) == Qcpuid || QFILE(c->qid) == Qmsr) && (omode & OTRUNC))
			vmxpolicyclear(v, QFILE(c->qid) == Qmsr);
		poperror();
	}
	o = smalloc(sizeof *o);
	o->v = v;
	if(QFILE(c->qid) == Qtrace)
		o->trace = vmxtraceopen(v);
	c->aux = o;
	return c;
}

static void
closeaux(Chan *c)
{
	Vopen *o;

	o = c->aux;
	if(o == nil)
		return;
	c->aux = nil;
	if(o->trace != nil)
		vmxtraceclose(o->v, o->trace);
	vmxput(o->v);
	free(o->snap);
	free(o);
}

/* remove reaches a Chan that was walked to, never opened. */
static void
vmxremove(Chan *c)
{
	Vcpu *v;

	if((c->qid.type & QTDIR) || c->qid.path == Qclone || QFILE(c->qid) != Qctl)
		error(Eperm);
	iseve();
	v = getvcpu(QSLOT(c->qid));
	if(waserror()){
		vmxput(v);
		nexterror();
	}
	endvcpu(v);
	poperror();
	vmxput(v);
}

static void
vmxclose(Chan *c)
{
	Vopen *o;

	o = c->aux;
	if(o != nil && (c->flag & CRCLOSE) && QFILE(c->qid) == Qctl && !waserror()){
		endvcpu(o->v);
		poperror();
	}
	closeaux(c);
}

/* regs, map, stats, cpuid and msr are read as of the read at offset 0. */
static long
readsnap(Vopen *o, void *a, long n, vlong off, char *(*f)(Vcpu*, char*, char*))
{
	qlock(o);
	if(waserror()){
		qunlock(o);
		nexterror();
	}
	if(off == 0 || o->snap == nil){
		if(o->snap == nil)
			o->snap = smalloc(Snapmax);
		o->snap[0] = 0;
		f(o->v, o->snap, o->snap+Snapmax);
	}
	n = readstr(off, a, n, o->snap);
	poperror();
	qunlock(o);
	return n;
}

/*
 * wait and trace block: a second reader of the same open file gets an
 * error rather than a turn. A read of wait shorter than the line keeps
 * the rest for the next.
 */
static long
readblocking(Vopen *o, char *a, long n, int file)
{
	if(!canqlock(o))
		error(file == Qwait ? "vmx: wait is already being read" : "vmx: trace is already being read");
	if(waserror()){
		qunlock(o);
		nexterror();
	}
	if(file == Qtrace)
		n = vmxtraceread(o->v, o->trace, a, n);
	else{
		if(o->nline == 0){
			o->nline = vmxwait(o->v, o->line, sizeof o->line);
			o->off = 0;
		}
		if(n > o->nline - o->off)
			n = o->nline - o->off;
		memmove(a, o->line + o->off, n);
		o->off += n;
		if(o->off == o->nline)
			o->nline = 0;
	}
	poperror();
	qunlock(o);
	return n;
}

static char*
cpuidread(Vcpu *v, char *p, char *e)
{
	return vmxpolicyread(v, 0, p, e);
}

static char*
msrread(Vcpu *v, char *p, char *e)
{
	return vmxpolicyread(v, 1, p, e);
}

static long
vmxread(Chan *c, void *a, long n, vlong off)
{
	Vopen *o;
	char buf[ERRMAX+16];

	if(c->qid.type & QTDIR)
		return devdirread(c, a, n, nil, 0, vmxgen);
	o = c->aux;
	switch(QFILE(c->qid)){
	case Qctl:
		snprint(buf, sizeof buf, "%d", vmxindex(o->v));
		return readstr(off, a, n, buf);
	case Qregs:
		return readsnap(o, a, n, off, vmxregsread);
	case Qmap:
		return readsnap(o, a, n, off, vmxmapread);
	case Qstats:
		return readsnap(o, a, n, off, vmxstatsread);
	case Qcpuid:
		return readsnap(o, a, n, off, cpuidread);
	case Qmsr:
		return readsnap(o, a, n, off, msrread);
	case Qstatus:
		vmxstatus(o->v, buf, buf+sizeof buf);
		return readstr(off, a, n, buf);
	case Qwait:
	case Qtrace:
		return readblocking(o, a, n, QFILE(c->qid));
	case Qrun:
		/* one byte, the state page's what: nothing to format or parse */
		if(n < 1)
			error(Eshort);
		*(uchar*)a = vmxrun(o->v);
		return 1;
	case Qfpregs:
		return vmxfpuio(o->v, a, n, off, 0);
	}
	error(Egreg);
	return 0;
}

/* Words split at blanks, in place; -1 if there are quotes, for tokenize. */
static int
words(char *s, char **f, int nf)
{
	int n;

	for(n = 0; n < nf; ){
		while(*s == ' ' || *s == '\t')
			s++;
		if(*s == 0)
			break;
		f[n++] = s;
		for(; *s != ' ' && *s != '\t'; s++)
			if(*s == 0)
				return n;
			else if(*s == '\'')
				return -1;
		*s++ = 0;
	}
	return n;
}

static void
ctl(Vcpu *v, char *a, long n)
{
	Cmdbuf cbuf, *cb;
	Cmdtab *ct;
	char buf[Maxctl+1], *f[8];
	uvlong x;
	int vid;

	/* parsed on the stack: go is written on every exit */
	if(n > Maxctl)
		error(Etoobig);
	memmove(buf, a, n);
	if(n > 0 && buf[n-1] == '\n')
		n--;
	buf[n] = 0;
	cb = &cbuf;
	cb->buf = buf;
	cb->f = f;
	cb->nf = words(buf, f, nelem(f));
	if(cb->nf < 0){
		memmove(buf, a, n);
		cb->nf = tokenize(buf, f, nelem(f));
	}
	ct = lookupcmd(cb, ctlmsg, nelem(ctlmsg));
	switch(ct->index){
	case CMquit:
		endvcpu(v);
		break;
	case CMgo:
	case CMstep:
		if(cb->nf > 2)
			cmderror(cb, Ecmdargs);
		vmxgo(v, ct->index == CMstep, cb->nf == 2 ? cb->f[1] : nil);
		break;
	case CMstop:
		vmxstop(v);
		break;
	case CMexc:
		vmxevent(v, cb->f[1], 0);
		break;
	case CMirq:
		if(cb->nf > 2)
			cmderror(cb, Ecmdargs);
		vmxevent(v, cb->nf == 2 ? cb->f[1] : nil, 1);
		break;
	case CMextrap:
		x = parsenum(cb->f[1], "vmx: invalid exception bitmap");
		if(x > 0xffffffffULL)
			error("vmx: invalid exception bitmap");
		vmxextrap(v, x);
		break;
	case CMstate:
		if(cb->nf != 1 && cb->nf != 3)
			cmderror(cb, Ecmdargs);
		if(cb->nf == 1)
			vmxstatepage(v, nil, 0);
		else
			vmxstatepage(v, cb->f[1], parsenum(cb->f[2], "invalid offset"));
		break;
	case CMapic:
		/* apic [segment offset [base] [vid]] */
		vid = cb->nf > 3 && strcmp(cb->f[cb->nf-1], "vid") == 0;
		if(cb->nf - vid != 1 && cb->nf - vid != 3 && cb->nf - vid != 4)
			cmderror(cb, Ecmdargs);
		if(cb->nf == 1)
			vmxapic(v, nil, 0, 0, 0, 0);
		else
			vmxapic(v, cb->f[1], parsenum(cb->f[2], "invalid offset"), cb->nf - vid == 4,
				cb->nf - vid == 4 ? parsenum(cb->f[3], "vmx: apic: invalid base") : 0, vid);
		break;
	case CMpost:
		x = parsenum(cb->f[1], "vmx: invalid vector");
		if(x > 255)
			error("vmx: invalid vector");
		vmxpost(v, x);
		break;
	case CMhlt:
		if(strcmp(cb->f[1], "kernel") != 0 && strcmp(cb->f[1], "user") != 0)
			cmderror(cb, "vmx: hlt kernel or hlt user");
		vmxhlt(v, strcmp(cb->f[1], "kernel") == 0);
		break;
	case CMvidquirk:
		if(strcmp(cb->f[1], "on") != 0 && strcmp(cb->f[1], "off") != 0)
			cmderror(cb, "vmx: vidquirk on or vidquirk off");
		vmxvidquirk(v, strcmp(cb->f[1], "on") == 0);
		break;
	}
}

/*
 * Newline-terminated lines, each split into fields and given to f;
 * blank lines are skipped and a partial last line is left unread.
 */
static long
writelines(void *arg, char *a, long n, void (*f)(void*, char**, int))
{
	char *buf, *p, *nl, *fl[12];
	int nf;

	buf = smalloc(n+1);
	if(waserror()){
		free(buf);
		nexterror();
	}
	memmove(buf, a, n);
	buf[n] = 0;
	for(p = buf; (nl = strchr(p, '\n')) != nil; p = nl+1){
		*nl = 0;
		nf = getfields(p, fl, nelem(fl), 1, " \t");
		if(nf > 0 && fl[0][0] != 0)
			f(arg, fl, nf);
	}
	poperror();
	free(buf);
	return p - buf;
}

static void
regsline(void *v, char **f, int nf)
{
	if(nf != 2)
		error("number of fields wrong");
	vmxsetreg(v, f[0], f[1]);
}

static void
mapline(void *v, char **f, int nf)
{
	uvlong lo, hi;

	if(nf != 4 && nf != 6)
		error("number of fields wrong");
	lo = parsenum(f[2], "invalid low guest physical address");
	hi = parsenum(f[3], "invalid high guest physical address");
	if(nf == 4)
		vmxmap(v, f[0], f[1], lo, hi, nil, 0);
	else
		vmxmap(v, f[0], f[1], lo, hi, f[4], parsenum(f[5], "invalid offset"));
}

/* cpuid and msr: every line checked before the table changes. */
static long
writepolicy(Vcpu *v, int msr, char *a, long n)
{
	Vpolicy *p;

	p = vmxpolicybegin(v, msr);
	if(waserror()){
		free(p);
		nexterror();
	}
	n = writelines(p, a, n, vmxpolicyline);
	vmxpolicycommit(v, p);
	poperror();
	free(p);
	return n;
}

static long
vmxwrite(Chan *c, void *a, long n, vlong off)
{
	Vopen *o;

	if(c->qid.type & QTDIR)
		error(Eisdir);
	if(n > BY2PG)
		error(Etoobig);
	o = c->aux;
	switch(QFILE(c->qid)){
	case Qctl:
		ctl(o->v, a, n);
		return n;
	case Qregs:
		return writelines(o->v, a, n, regsline);
	case Qmap:
		return writelines(o->v, a, n, mapline);
	case Qfpregs:
		return vmxfpuio(o->v, a, n, off, 1);
	case Qcpuid:
	case Qmsr:
		return writepolicy(o->v, QFILE(c->qid) == Qmsr, a, n);
	}
	error(Eperm);
	return 0;
}

Dev vmxdevtab = {
	'X',
	"vmx",
	vmxreset,
	devinit,
	devshutdown,
	vmxattach,
	vmxwalk,
	vmxstat,
	vmxopen,
	devcreate,
	vmxclose,
	vmxread,
	vmxwrite,
	vmxremove,
	devwstat,
};
