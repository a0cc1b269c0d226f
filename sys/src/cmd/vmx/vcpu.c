/*
 * The vCPU's files in #X: ctl (from clone), wait, regs. Registers
 * the exit loop needs beyond the wait line are read once per exit;
 * registers it changes ride on the go command, so that an exit
 * needing neither costs one read of wait and one write of ctl.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Writemax	= 4096,		/* #X takes at most a page per write */
	Regsmax		= 8192,
};

static int
openfile(Vcpu *v, char *name, int mode)
{
	char path[64];

	snprint(path, sizeof path, "#X/%d/%s", v->id, name);
	return open(path, mode);
}

static void
hostcpuid(u32int leaf, u32int subleaf, u32int r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(subleaf));
}

/* CPUID as v's guest sees it; CR4 and XCR0 as they were at v's last exit. */
void
guestcpuid(Vcpu *v, u32int leaf, u32int subleaf, u32int r[4])
{
	Cpuview view;

	hostcpuid(leaf, subleaf, r);
	view.apicid = v->apicid;
	view.ncpu = ncpu;
	view.cr4 = vcpureg(v, "cr4fake");
	view.xcr0 = vcpureg(v, "xcr0");
	cpuidpolicy(leaf, subleaf, r, &view);
}

/*
 * What CPUID hides, CR4 must refuse: its bits for hidden features are
 * the host's, so that setting one exits and raises #GP. The guest's
 * TSC starts at 0, as at power-on.
 */
static char*
cpuload(Vcpu *v)
{
	u32int l1[4], l7[4];
	char buf[128];
	int n;

	guestcpuid(v, 1, 0, l1);
	guestcpuid(v, 7, 0, l7);
	v->cr4ok = cr4allowed(l1, l7);
	v->msrs.tscoffset = -hosttsc();
	n = snprint(buf, sizeof buf, "cr4mask %#llux\ntscoffset %#llux\n", ~v->cr4ok, v->msrs.tscoffset);
	if(write(v->regs, buf, n) != n)
		return syserr("writing registers");
	v->nsnap = -1;
	return nil;
}

char*
vcpuopen(Vcpu *v)
{
	char buf[32];
	long n;

	v->wait = v->regs = -1;
	v->ctl = open("#X/clone", ORDWR|ORCLOSE);
	if(v->ctl < 0)
		return syserr("#X/clone");
	n = pread(v->ctl, buf, sizeof buf - 1, 0);
	if(n <= 0)
		return syserr("#X/clone");
	buf[n] = 0;
	v->id = atoi(buf);
	v->wait = openfile(v, "wait", OREAD);
	if(v->wait < 0)
		return syserr("vCPU wait");
	v->regs = openfile(v, "regs", ORDWR);
	if(v->regs < 0)
		return syserr("vCPU regs");
	v->irqposted = -1;
	v->nsnap = -1;
	msrinit(&v->msrs, v->apicid == 0);
	return cpuload(v);
}

/* The vCPU goes now, whatever else still holds its files. */
void
vcpuclose(Vcpu *v)
{
	if(v->ctl < 0)
		return;
	write(v->ctl, "quit", 4);
	close(v->wait);
	close(v->regs);
	close(v->ctl);
	v->ctl = -1;
}

char*
vcpumap(Vcpu *v)
{
	char *err;
	int fd;

	fd = openfile(v, "map", OWRITE);
	if(fd < 0)
		return syserr("vCPU map");
	err = memmap(fd);
	close(fd);
	return err;
}

/*
 * The loader's initial state. The guest reads back the CR0 and CR4
 * it was given, whatever bits the kernel keeps set for itself.
 */
char*
vcpuload(Vcpu *v, Reg *regs, int nregs)
{
	char buf[Writemax], *p, *e;
	Reg *r;

	p = buf;
	e = buf + sizeof buf;
	for(r = regs; r < regs + nregs; r++){
		if(e - p < 64){
			if(write(v->regs, buf, p - buf) != p - buf)
				return syserr("writing registers");
			p = buf;
		}
		p = seprint(p, e, "%s %#llux\n", r->name, r->val);
		if(strcmp(r->name, "cr0real") == 0)
			p = seprint(p, e, "cr0fake %#llux\n", r->val);
		if(strcmp(r->name, "cr4real") == 0)
			p = seprint(p, e, "cr4fake %#llux\n", r->val);
	}
	if(p > buf && write(v->regs, buf, p - buf) != p - buf)
		return syserr("writing registers");
	return nil;
}

/* The next line from wait, parsed into x; line keeps its text. */
int
vcpuwait(Vcpu *v, Exit *x, char *line, int size)
{
	char buf[Exitlinemax];
	long n;

	inguest(1);
	n = read(v->wait, line, size-1);
	inguest(0);
	if(n <= 0)
		return -1;
	line[n] = 0;
	if(n > 0 && line[n-1] == '\n')
		line[n-1] = 0;
	trace("%s\n", line);
	v->nsnap = -1;
	v->ngo = 0;
	strecpy(buf, buf + sizeof buf, line);
	if(parseexit(buf, x) < 0){
		werrstr("unexpected wait line: %s", line);
		return -1;
	}
	return 0;
}

uvlong
vcpureg(Vcpu *v, char *name)
{
	char buf[Regsmax];
	Regval *r;
	long n;

	if(v->nsnap < 0){
		n = pread(v->regs, buf, sizeof buf - 1, 0);
		if(n <= 0)
			fatal("%s", syserr("reading registers"));
		buf[n] = 0;
		v->nsnap = parseregs(buf, v->snap, nelem(v->snap));
		if(v->nsnap < 0)
			fatal("malformed regs file");
	}
	for(r = v->snap; r < v->snap + v->nsnap; r++)
		if(strcmp(r->name, name) == 0)
			return r->val;
	fatal("no register %s", name);
	return 0;
}

/* Set at the next go. */
void
vcpuset(Vcpu *v, char *name, uvlong val)
{
	char *p;

	p = seprint(v->go + v->ngo, v->go + sizeof v->go, "%s=%#llux;", name, val);
	v->ngo = p - v->go;
}

int
vcpuctl(Vcpu *v, char *fmt, ...)
{
	char buf[Gomax+16];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprint(buf, sizeof buf, fmt, args);
	va_end(args);
	return write(v->ctl, buf, n) == n ? 0 : -1;
}

int
vcpugo(Vcpu *v)
{
	if(v->ngo == 0)
		return vcpuctl(v, "go");
	return vcpuctl(v, "go %s", v->go);
}
