/*
 * The vCPU's files in #X: ctl (from clone), its state page and run,
 * regs. Each exit costs one read of run: the kernel leaves the exit
 * and the registers in the page (vmx(3), <vmxstate.h>), the exit
 * loop changes registers there and marks them dirty, and the next
 * read applies them. Registers the page lacks (rare: XCR0, the TSC's)
 * go through regs. The CPUID and MSR policies are written to the
 * kernel's cpuid and msr files, so the exits they answer never come.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Writemax	= 4096,		/* #X takes at most a page per write */
	Regsmax		= 8192,
	Pageva		= 0xf00000000ULL,	/* the vCPUs' pages: below guest RAM's segment */
	Pagesize	= 4096,

	/* the CPUID table: basic, hypervisor and extended leaves */
	Hyperleaf	= 0x40000000,
	Extleaf		= 0x80000000,
	Nsubleaf	= 8,		/* subleaves compared; later ones go to user space */
	Osxsave		= 1<<27,	/* leaf 1 ECX: the kernel sets it from the guest's CR4 */
};

/* The page's registers by their regs names; dirty 0: read-only. */
static struct {
	char	*name;
	int	off;
	u32int	dirty;
} pageregs[] = {
	"ax", offsetof(Vmxstate, gpr[Vmxax]), 1<<Vmxax,
	"cx", offsetof(Vmxstate, gpr[Vmxcx]), 1<<Vmxcx,
	"dx", offsetof(Vmxstate, gpr[Vmxdx]), 1<<Vmxdx,
	"bx", offsetof(Vmxstate, gpr[Vmxbx]), 1<<Vmxbx,
	"sp", offsetof(Vmxstate, gpr[Vmxsp]), 1<<Vmxsp,
	"bp", offsetof(Vmxstate, gpr[Vmxbp]), 1<<Vmxbp,
	"si", offsetof(Vmxstate, gpr[Vmxsi]), 1<<Vmxsi,
	"di", offsetof(Vmxstate, gpr[Vmxdi]), 1<<Vmxdi,
	"r8", offsetof(Vmxstate, gpr[8]), 1<<8,
	"r9", offsetof(Vmxstate, gpr[9]), 1<<9,
	"r10", offsetof(Vmxstate, gpr[10]), 1<<10,
	"r11", offsetof(Vmxstate, gpr[11]), 1<<11,
	"r12", offsetof(Vmxstate, gpr[12]), 1<<12,
	"r13", offsetof(Vmxstate, gpr[13]), 1<<13,
	"r14", offsetof(Vmxstate, gpr[14]), 1<<14,
	"r15", offsetof(Vmxstate, gpr[15]), 1<<15,
	"pc", offsetof(Vmxstate, pc), Dirtypc,
	"flags", offsetof(Vmxstate, flags), Dirtyflags,
	"cr0real", offsetof(Vmxstate, cr0), Dirtycr0,
	"cr0fake", offsetof(Vmxstate, cr0fake), Dirtycr0,
	"cr4real", offsetof(Vmxstate, cr4), Dirtycr4,
	"cr4fake", offsetof(Vmxstate, cr4fake), Dirtycr4,
	"efer", offsetof(Vmxstate, efer), Dirtyefer,
	"pat", offsetof(Vmxstate, pat), Dirtypat,
	"cr3", offsetof(Vmxstate, cr3), 0,
	"csbase", offsetof(Vmxstate, csbase), 0,
	"csperm", offsetof(Vmxstate, csperm), 0,
};

/* Exit reasons the exit loop knows, by the names wait would give them. */
static char *exitnames[Vmxnreason] = {
	[Vmxextint] "extirq", [Vmxtriple] "triplef", [Vmxirqwin] "irqwin", [Vmxcpuid] ".cpuid",
	[Vmxhlt] ".hlt", [Vmxinvd] ".invd", [Vmxinvlpg] ".invlpg", [Vmxvmcall] ".vmcall",
	[19] ".vmclear", [20] ".vmlaunch", [21] ".vmptrld", [22] ".vmptrst", [23] ".vmread",
	[24] ".vmresume", [25] ".vmwrite", [26] ".vmxoff", [Vmxvmxon] ".vmxon",
	[Vmxmovcr] "movcr", [Vmxio] "io", [Vmxrdmsr] ".rdmsr", [Vmxwrmsr] ".wrmsr",
	[Vmxmtf] "monitortrap", [Vmxpause] ".pause", [Vmxeptfault] "eptfault",
	[Vmxinvept] ".invept", [Vmxpreempt] "preempt", [Vmxinvvpid] ".invvpid",
	[Vmxwbinvd] ".wbinvd", [55] ".xsetbv", [58] ".invpcid",
	[Vmxtpr] "tpr", [Vmxapicaccess] "apicacc", [Vmxeoi] "eoi", [Vmxapicwrite] "apicwrite",
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

/*
 * The vCPUs' pages, in one sticky segment, since a process has few:
 * the page behind the xAPIC's address (vcpuapic), then each vCPU's
 * state page and virtual-APIC page. Its name goes once the kernel
 * holds them all (pagesremove).
 */
static struct {
	Gseg	seg;
	uchar	*base;
} pages;

#define STATEPAGE(v)	((1 + 2*(v)->apicid) * Pagesize)
#define APICPAGE(v)	((2 + 2*(v)->apicid) * Pagesize)

static char*
pagesnew(void)
{
	void *base;
	char *err;

	if(pages.base != nil)
		return nil;
	snprint(pages.seg.name, sizeof pages.seg.name, "vmx.%d.cpu", getpid());
	err = segnew(&pages.seg, Pageva, (1 + 2*ncpu) * Pagesize, &base, "the vCPUs' pages");
	if(err != nil)
		return err;
	pages.base = base;
	return nil;
}

void
pagesremove(void)
{
	segremove(&pages.seg);
}

/* Once the vCPUs are gone: a reset's next boot makes new pages. */
void
pagesdrop(void)
{
	segdrop(&pages.seg);
	pages.base = nil;
}

static char*
statepage(Vcpu *v)
{
	char *err;

	if((err = pagesnew()) != nil)
		return err;
	if(fprint(v->ctl, "state %s %#ux", pages.seg.name, STATEPAGE(v)) < 0)
		return syserr("vCPU state page");
	v->st = (Vmxstate*)(pages.base + STATEPAGE(v));
	v->run = openfile(v, "run", OREAD);
	if(v->run < 0)
		return syserr("vCPU run");
	return nil;
}

char*
vcpuopen(Vcpu *v)
{
	char buf[32];
	char *err;
	long n;

	v->run = v->regs = -1;
	v->ctl = open("#X/clone", ORDWR|ORCLOSE);
	if(v->ctl < 0)
		return syserr("#X/clone");
	n = pread(v->ctl, buf, sizeof buf - 1, 0);
	if(n <= 0)
		return syserr("#X/clone");
	buf[n] = 0;
	v->id = atoi(buf);
	if((err = statepage(v)) != nil)
		return err;
	v->regs = openfile(v, "regs", ORDWR);
	if(v->regs < 0)
		return syserr("vCPU regs");
	v->irqposted = -1;
	v->ready = 1;
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
	close(v->run);
	close(v->regs);
	close(v->ctl);
	v->ctl = -1;
}

/* v's stats file (vmx(3)) into buf, NUL-terminated; its length or -1. */
long
vcpustats(Vcpu *v, char *buf, long n)
{
	int fd;
	long m;

	fd = openfile(v, "stats", OREAD);
	if(fd < 0)
		return -1;
	m = pread(fd, buf, n-1, 0);
	close(fd);
	if(m < 0)
		return -1;
	buf[m] = 0;
	return m;
}

/*
 * The processor's APIC virtualization, where it has all of it (vmx(3),
 * ctl apic): the local APIC's registers in the vCPU's virtual-APIC
 * page, the xAPIC's guest-physical page backed by the segment's first
 * page, which the guest never reaches through it, and virtual-
 * interrupt delivery. Where the processor lacks any of it, the map is
 * put back and the local APIC stays wholly the monitor's, as with -A.
 */
static char*
vcpuapic(Vcpu *v, int map)
{
	char err[ERRMAX];

	if(fprint(map, "rw- uc %#ux %#ux %s 0\n", Lapicbase, Lapicbase+Pagesize, pages.seg.name) < 0)
		return syserr("mapping the virtual APIC");
	if(fprint(v->ctl, "apic %s %#ux %#ux vid", pages.seg.name, APICPAGE(v), Lapicbase) < 0){
		rerrstr(err, sizeof err);
		if(strstr(err, "cpu lacks") == nil)
			return syserr("vCPU apic");
		if(fprint(map, "--- uc %#ux %#ux\n", Lapicbase, Lapicbase+Pagesize) < 0)
			return syserr("unmapping the virtual APIC");
		return nil;
	}
	v->vid = 1;
	lapicvirt(v->apicid, (u32int*)(pages.base + APICPAGE(v)));
	return nil;
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
	if(err == nil && !conf.noapicvirt)
		err = vcpuapic(v, fd);
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

/*
 * The next exit, or *ack, into x: one read of run, which first
 * applies what the page marks dirty. An exit that comes with an
 * *ack follows it, from the page, at the next call.
 */
int
vcpuwait(Vcpu *v, Exit *x)
{
	Vmxstate *s;
	uchar what;
	u32int r;
	long n;

	s = v->st;
	if(v->held)
		v->held = 0;
	else{
		inguest(v, 1);
		n = read(v->run, &what, 1);
		inguest(v, 0);
		if(n != 1)
			return -1;
		__atomic_store_n(&v->pagepost, 0, __ATOMIC_SEQ_CST);
		v->ready = (what & Whatexit) != 0;
		v->nsnap = -1;
		if(what & Whatack){
			memset(x, 0, sizeof *x);
			strcpy(x->name, "*ack");
			x->qual = s->ack;
			v->held = (what & Whatexit) != 0;
			return 0;
		}
	}
	r = s->reason & 0xffff;
	x->failed = (s->reason & Vmxfailed) != 0;
	if(r == Vmxexception)
		snprint(x->name, sizeof x->name, "#%d", s->intinfo & 0xff);
	else if(r < Vmxnreason && exitnames[r] != nil)
		strcpy(x->name, exitnames[r]);
	else
		snprint(x->name, sizeof x->name, "?%d", r);
	x->qual = s->qual;
	x->pc = s->pc;
	x->sp = s->gpr[Vmxsp];
	x->ilen = s->ilen;
	x->iinfo = s->iinfo;
	x->excode = s->intcode;
	x->va = s->va;
	x->pa = s->pa;
	x->ax = s->gpr[Vmxax];
	x->has = Hax | Hva | Hpa;
	if(r == Vmxexception && (s->intinfo & 1<<11))
		x->has |= Hexcode;
	if(s->what & Whatdatabreak)
		x->has |= Hdatabreak;
	trace("%s %#llux pc %#llux\n", x->name, x->qual, x->pc);
	return 0;
}

uvlong
vcpureg(Vcpu *v, char *name)
{
	char buf[Regsmax];
	Regval *r;
	long n;
	int i;

	for(i = 0; i < nelem(pageregs); i++)
		if(strcmp(pageregs[i].name, name) == 0)
			return *(u64int*)((uchar*)v->st + pageregs[i].off);
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

/* Set at the next entry, through the page; registers it lacks through regs, now. */
void
vcpuset(Vcpu *v, char *name, uvlong val)
{
	int i;

	for(i = 0; i < nelem(pageregs); i++)
		if(pageregs[i].dirty != 0 && strcmp(pageregs[i].name, name) == 0){
			*(u64int*)((uchar*)v->st + pageregs[i].off) = val;
			v->st->dirty |= pageregs[i].dirty;
			return;
		}
	if(fprint(v->regs, "%s %#llux\n", name, val) < 0)
		fatal("%s", syserr(name));
	v->nsnap = -1;
}

int
vcpuctl(Vcpu *v, char *fmt, ...)
{
	char buf[64];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprint(buf, sizeof buf, fmt, args);
	va_end(args);
	return write(v->ctl, buf, n) == n ? 0 : -1;
}

/* One leaf's answers by subleaf as view sees it; whether any differs from subleaf 0's. */
static int
leafanswers(u32int leaf, u32int r[Nsubleaf][4], Cpuview *view)
{
	int sub, differ;

	differ = 0;
	for(sub = 0; sub < Nsubleaf; sub++){
		hostcpuid(leaf, sub, r[sub]);
		cpuidpolicy(leaf, sub, r[sub], view);
		if(leaf == 1)
			r[sub][2] &= ~Osxsave;
		if(memcmp(r[sub], r[0], sizeof r[0]) != 0)
			differ = 1;
	}
	return differ;
}

/*
 * cpuidpolicy's answers as the cpuid table, for the leaves whose
 * answers do not depend on the guest's CR4 or XCR0 (compared at both
 * ends); one line for a leaf whose first subleaves agree, one per
 * subleaf otherwise. The rest go to user space, guestcpuid.
 */
static char*
cpuidtable(Vcpu *v, int fd)
{
	u32int r[Nsubleaf][4], q[Nsubleaf][4], range[3][2], leaf, max;
	Cpuview lo, hi;
	char buf[Writemax], *p, *e;
	int i, sub, differ;

	lo.apicid = hi.apicid = v->apicid;
	lo.ncpu = hi.ncpu = ncpu;
	lo.cr4 = 0;
	lo.xcr0 = 1;
	hi.cr4 = ~0ULL;
	hi.xcr0 = ~0ULL;
	range[0][0] = 0;
	range[1][0] = Hyperleaf;
	range[2][0] = Extleaf;
	for(i = 0; i < 3; i++){
		leafanswers(range[i][0], r, &lo);
		max = r[0][0];
		range[i][1] = max >= range[i][0] && max - range[i][0] < 0x100 ? max : range[i][0];
	}
	for(i = 0; i < 3; i++)
		for(leaf = range[i][0]; leaf <= range[i][1]; leaf++){
			differ = leafanswers(leaf, r, &lo);
			differ |= leafanswers(leaf, q, &hi);
			if(memcmp(r, q, sizeof r) != 0)
				continue;
			p = buf;
			e = buf + sizeof buf;
			if(!differ)
				p = seprint(p, e, "%#ux * %#ux %#ux %#ux %#ux\n", leaf, r[0][0], r[0][1], r[0][2], r[0][3]);
			else
				for(sub = 0; sub < Nsubleaf; sub++)
					p = seprint(p, e, "%#ux %d %#ux %#ux %#ux %#ux\n", leaf, sub, r[sub][0], r[sub][1], r[sub][2], r[sub][3]);
			if(write(fd, buf, p - buf) != p - buf)
				return syserr("writing the cpuid table");
		}
	return nil;
}

/* The CPUID table, msr.c's constant MSRs and HLT to the kernel. */
char*
vcpupolicy(Vcpu *v)
{
	char buf[Writemax], *p, *e, *err;
	u32int msr;
	u64int val;
	int fd, i;

	fd = openfile(v, "cpuid", OWRITE|OTRUNC);
	if(fd < 0)
		return syserr("vCPU cpuid");
	err = cpuidtable(v, fd);
	close(fd);
	if(err != nil)
		return err;
	p = buf;
	e = buf + sizeof buf;
	for(i = 0; msrconst(i, &msr, &val) == 0; i++)
		p = seprint(p, e, "%#ux const %#llux\n", msr, val);
	fd = openfile(v, "msr", OWRITE|OTRUNC);
	if(fd < 0)
		return syserr("vCPU msr");
	if(write(fd, buf, p - buf) != p - buf){
		close(fd);
		return syserr("writing the msr policy");
	}
	close(fd);
	/* a HLT waits in the kernel for the irq this loop posts, or the clock proc's stop */
	if(fprint(v->ctl, "hlt kernel") < 0)
		return syserr("vCPU hlt");
	return nil;
}
