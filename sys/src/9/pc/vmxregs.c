/*
 * Registers and events for #X: the table behind the regs file and
 * go's settings, fpregs, and the events of ctl exc, irq and extrap.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"
#include "vmx.h"

/*
 * Registers by name. Most are VMCS fields; the rest are kept in the
 * Vcpu (general registers, CR2, DR0-3, DR6, XCR0) or need care.
 */
enum
{
	Kvmcs,
	Kgpr,		/* field is the index in gpr */
	Kdr,		/* field is the DR number */
	Kxcr0,
	Ktscaux,
	Kcr0real,
	Kcr0fake,
	Kcr0mask,
	Kcr4real,
	Kcr4fake,
	Kcr4mask,
	Kefer,
	Kdr7,
	Kdebugctl,
	Kpendingdebug,
	Kflags,
	Kperm,
	Kcanon,		/* a base: canonical */
	Kreadonly,
};

typedef struct Vreg Vreg;
struct Vreg
{
	char	*name;
	u32int	field;
	int	size;		/* bytes */
	int	kind;
};

#define SEGREGS(n, i)\
	n,		Fguestsel+2*(i),	2,	Kvmcs,\
	n "base",	Fguestbase+2*(i),	8,	Kcanon,\
	n "limit",	Fguestlimit+2*(i),	4,	Kvmcs,\
	n "perm",	Fguestperm+2*(i),	4,	Kperm

static Vreg vregs[] = {
	"pc",		Frip,		8,	Kvmcs,
	"sp",		Frsp,		8,	Kvmcs,
	"flags",	Frflags,	8,	Kflags,
	"ax",		0,		8,	Kgpr,
	"bx",		1,		8,	Kgpr,
	"cx",		2,		8,	Kgpr,
	"dx",		3,		8,	Kgpr,
	"bp",		6,		8,	Kgpr,
	"si",		4,		8,	Kgpr,
	"di",		5,		8,	Kgpr,
	"r8",		7,		8,	Kgpr,
	"r9",		8,		8,	Kgpr,
	"r10",		9,		8,	Kgpr,
	"r11",		10,		8,	Kgpr,
	"r12",		11,		8,	Kgpr,
	"r13",		12,		8,	Kgpr,
	"r14",		13,		8,	Kgpr,
	"r15",		14,		8,	Kgpr,
	"gdtrbase",	Fgdtrbase,	8,	Kcanon,
	"gdtrlimit",	Fgdtrlimit,	4,	Kvmcs,
	"idtrbase",	Fidtrbase,	8,	Kcanon,
	"idtrlimit",	Fidtrlimit,	4,	Kvmcs,
	SEGREGS("cs", 1),
	SEGREGS("ds", 3),
	SEGREGS("es", 0),
	SEGREGS("fs", 4),
	SEGREGS("gs", 5),
	SEGREGS("ss", 2),
	SEGREGS("tr", 7),
	SEGREGS("ldtr", 6),
	"cr0real",	Fguestcr0,	8,	Kcr0real,
	"cr0fake",	Fcr0shadow,	8,	Kcr0fake,
	"cr0mask",	Fcr0mask,	8,	Kcr0mask,
	"cr4real",	Fguestcr4,	8,	Kcr4real,
	"cr4fake",	Fcr4shadow,	8,	Kcr4fake,
	"cr4mask",	Fcr4mask,	8,	Kcr4mask,
	"cr2",		Vcr2,		8,	Kgpr,
	"cr3",		Fguestcr3,	8,	Kvmcs,
	"pat",		Fguestpat,	8,	Kvmcs,
	"efer",		Fguestefer,	8,	Kefer,
	"xcr0",		0,		8,	Kxcr0,
	"tscoffset",	Ftscoffset,	8,	Kvmcs,
	"tscaux",	0,		4,	Ktscaux,
	"dr0",		0,		8,	Kdr,
	"dr1",		1,		8,	Kdr,
	"dr2",		2,		8,	Kdr,
	"dr3",		3,		8,	Kdr,
	"dr6",		6,		8,	Kdr,
	"dr7",		Fdr7,		8,	Kdr7,
	"debugctl",	Fguestdebugctl,	8,	Kdebugctl,
	"pendingdebug",	Fpendingdebug,	8,	Kpendingdebug,
	"instructionerror",	Finstrerror,	4,	Kreadonly,
	"exitreason",		Freason,	4,	Kreadonly,
	"exitqualification",	Fqual,		8,	Kreadonly,
	"exitinterruptinfo",	Fexitinfo,	4,	Kreadonly,
	"exitinterruptcode",	Fexitcode,	4,	Kreadonly,
	"exitinstructionlen",	Fexitilen,	4,	Kreadonly,
	"exitinstructioninfo",	Fexitinstr,	4,	Kreadonly,
	"exitva",		Fguestva,	8,	Kreadonly,
	"exitpa",		Fguestpa,	8,	Kreadonly,
	"idtinterruptinfo",	Fidtinfo,	4,	Kreadonly,
	"idtinterruptcode",	Fidtcode,	4,	Kreadonly,
};

/* What the guest reads of CR0 or CR4: the shadow's bits where the mask has the host own them. */
static uvlong
crfake(uvlong real, u32int maskfield, u32int shadowfield)
{
	uvlong mask;

	mask = vmcsread(maskfield);
	return (real & ~mask) | (vmcsread(shadowfield) & mask);
}

static uvlong
getreg(Vcpu *v, Vreg *r)
{
	switch(r->kind){
	case Kgpr:
		return v->gpr[r->field];
	case Kdr:
		return r->field == 6 ? v->dr6 : v->dr[r->field];
	case Kxcr0:
		return v->xcr0;
	case Ktscaux:
		return v->tscaux;
	case Kcr0fake:
		return crfake(vmcsread(Fguestcr0), Fcr0mask, Fcr0shadow);
	case Kcr4fake:
		return crfake(vmcsread(Fguestcr4), Fcr4mask, Fcr4shadow);
	}
	return vmcsread(r->field);
}

/* EFER.LMA and the IA-32e entry control follow EFER.LME and CR0.PG (26.3.1.1). */
static void
updatelma(void)
{
	uvlong efer, entry;

	efer = vmcsread(Fguestefer) & ~(uvlong)EFERLMA;
	entry = vmcsread(Fentry) & ~Entryguest64;
	if((efer & EFERLME) && (vmcsread(Fguestcr0) & CR0PG)){
		efer |= EFERLMA;
		entry |= Entryguest64;
	}
	vmcswrite(Fguestefer, efer);
	vmcswrite(Fentry, entry);
}

static int
canonical(uvlong a)
{
	return (uvlong)((vlong)(a<<16)>>16) == a;
}

/* The guest FPU image must restore without a fault (13.8). */
static void
checkfpu(uchar *a)
{
	u64int bv;
	int i;

	bv = *(u64int*)(a+Xsaveheader);
	if((bv & ~vmx.xcr0max) != 0)
		error("vmx: fpregs: unknown state components");
	for(i = 8; i < 64; i++)
		if(a[Xsaveheader+i] != 0)
			error("vmx: fpregs: reserved header bytes not zero");
	if((*(u32int*)(a+Mxcsroff) & ~vmx.mxcsrmask) != 0)
		error("vmx: fpregs: reserved mxcsr bits set");
}

/* The value r takes when x is written to it; an error if it cannot. Changes nothing. */
static uvlong
checkreg(Vreg *r, uvlong x)
{
	switch(r->kind){
	case Kreadonly:
		error("vmx: register is read-only");
	case Kgpr:
		return x;
	case Kdr:
		if(r->field == 6 && (x >> 32) != 0)
			error("vmx: invalid dr6");
		return x;
	case Kdr7:
		if((x >> 32) != 0)
			error("vmx: invalid dr7");
		break;
	case Kdebugctl:
		/* the other bits would trace or record branches into the host's buffers and MSRs */
		if((x & ~(uvlong)Debugctlbtf) != 0)
			error("vmx: invalid debugctl");
		break;
	case Kpendingdebug:
		if((x & ~(uvlong)(Pendbreaks|Pendbp|Pendbs)) != 0)
			error("vmx: invalid pendingdebug");
		break;
	case Kxcr0:
		if((x & Xcr0x87) == 0 || (x & ~vmx.xcr0max) != 0 || ((x & Xcr0avx) && !(x & Xcr0sse))
		|| ((x & Xcr0avx512) != 0 && (x & (Xcr0avx512|Xcr0avx)) != (Xcr0avx512|Xcr0avx)))
			error("vmx: invalid xcr0");
		return x;
	case Ktscaux:
		if((x >> 32) != 0)
			error("vmx: value too large");
		return x;
	case Kcr0real:
		x = (x & ~vmx.cr0kernel) | vmx.cr0forced;
		break;
	case Kcr0mask:
		x |= vmx.cr0kernel;
		break;
	case Kcr4real:
		x = (x & ~vmx.cr4kernel) | vmx.cr4forced;
		break;
	case Kcr4mask:
		x |= vmx.cr4kernel;
		break;
	case Kefer:
		if((x & ~(uvlong)(EFERSCE|EFERLME|EFERLMA|EFERNXE)) != 0)
			error("vmx: invalid efer");
		break;
	case Kflags:
		if((x & ~0x3f7fd7ULL) != 0)
			error("vmx: invalid flags");
		x |= Rflagsbit1;
		break;
	case Kperm:
		if((x & 0xfffe0f00) != 0)
			error("vmx: invalid segment permissions");
		break;
	case Kcanon:
		if(!canonical(x))
			error("vmx: non-canonical address");
		break;
	}
	if(r->size < 8 && (x >> 8*r->size) != 0)
		error("vmx: value too large");
	return x;
}

/*
 * The I/O breakpoints (DR7 R/W 10 with CR4.DE) that the port access of
 * an I/O exit matches, as pending debug exception bits: each covers
 * LEN bytes from its address rounded down to them (18.2.4, 18.2.5).
 */
static uvlong
iobreaks(Vcpu *v)
{
	static int lens[4] = { 1, 2, 8, 4 };
	uvlong dr7, qual, dr[4], dr6, bits, lo;
	int i, port, size, len;

	if((vmcsread(Freason) & 0xffff) != Vmxio || (vmcsread(Fguestcr4) & CR4DE) == 0)
		return 0;
	dr7 = vmcsread(Fdr7);
	qual = vmcsread(Fqual);
	port = qual >> Ioqualport & 0xffff;
	size = (qual & Ioqualsize) + 1;
	if(v->loaded)
		getdr(dr, &dr6);
	else
		memmove(dr, v->dr, sizeof dr);
	bits = 0;
	for(i = 0; i < 4; i++){
		if((dr7 >> 2*i & Dr7enables) == 0 || (dr7 >> (16+4*i) & 3) != Dr7rwio)
			continue;
		len = lens[dr7 >> (18+4*i) & 3];
		lo = dr[i] & ~(uvlong)(len-1);
		if(port < lo + len && port + size > lo)
			bits |= 1<<i;
	}
	return bits != 0 ? bits | Pendbp : 0;
}

/*
 * Whether the access of the EPT violation or APIC-access exit (both
 * fault-like: the access is not done) that v exited with may owe the
 * #DB of a data breakpoint: DR7 enables one for writes or for reads
 * and writes (R/W 01 or 11, 18.2.4). The monitor that carries out the
 * access knows its size and matches it, setting pendingdebug. The
 * trap-like APIC exits (apicwrite, eoi, tpr) need nothing: the
 * processor saves the #DB of the write they follow as pending (27.3.4).
 */
int
databreakable(void)
{
	uvlong dr7;
	int i;

	dr7 = vmcsread(Fdr7);
	if((dr7 & Dr7anyenable) == 0)
		return 0;	/* none enabled: every MMIO exit asks */
	for(i = 0; i < 4; i++)
		if((dr7 >> 2*i & Dr7enables) != 0 && (dr7 >> (16+4*i) & 1) != 0)
			return 1;
	return 0;
}

/*
 * Moving pc past an instruction is a monitor (or vmxanswer) completing
 * it, and the processor's rules for a completed instruction follow:
 * the one-instruction shadow of STI or MOV SS ends (24.4.2), or
 * "sti; hlt" resumed after the HLT could never take an interrupt; an
 * IN or OUT owes the #DB of the I/O breakpoints it matches; and with
 * RFLAGS.TF the instruction owes a single-step #DB. The pending debug
 * exceptions field delivers them after VM entry, setting DR6: one #DB
 * with whatever the exit left pending there (26.6.3).
 */
void
setpc(Vcpu *v, uvlong pc)
{
	uvlong pend, irq;

	if(vmcsread(Frip) != pc){
		irq = vmcsread(Finterrupt);
		if(irq & Iblockmask)
			vmcswrite(Finterrupt, irq & ~Iblockmask);
		pend = iobreaks(v);
		if((vmcsread(Frflags) & Rflagstf) && (vmcsread(Fguestdebugctl) & Debugctlbtf) == 0)
			pend |= Pendbs;
		if(pend != 0)
			vmcswrite(Fpendingdebug, vmcsread(Fpendingdebug) | pend);
	}
	vmcswrite(Frip, pc);
}

/* Write what checkreg allowed; the caller holds v with its VMCS current. */
static void
putreg(Vcpu *v, Vreg *r, uvlong x)
{
	switch(r->kind){
	case Kgpr:
		v->gpr[r->field] = x;
		return;
	case Kdr:
		if(r->field == 6)
			v->dr6 = x;
		else
			v->dr[r->field] = x;
		return;
	case Kxcr0:
		v->xcr0 = x;
		return;
	case Ktscaux:
		v->tscaux = x;
		return;
	}
	if(r->field == Frip){
		setpc(v, x);
		return;
	}
	vmcswrite(r->field, x);
	if(r->kind == Kcr0real || r->kind == Kefer)
		updatelma();
	/* a monitor emulating MOV to CR0 or CR4 must flush as it would (4.10.4.1) */
	if(r->kind == Kcr0real || r->kind == Kcr4real)
		v->flushvpid = 1;
}

static void
setreg(Vcpu *v, Vreg *r, uvlong x)
{
	putreg(v, r, checkreg(r, x));
}

/* One "name value" line per register; nil-terminated buffer [p, e). */
char*
vmxregsread(Vcpu *v, char *p, char *e)
{
	Vreg *r;
	uintptr s;

	s = vmcslock(v, 0);
	for(r = vregs; r < vregs+nelem(vregs); r++)
		p = seprint(p, e, "%s %#.*llux\n", r->name, 2*r->size, getreg(v, r));
	vmcsunlock(v, s);
	return p;
}

static Vreg*
lookreg(char *name)
{
	Vreg *r;

	for(r = vregs; r < vregs+nelem(vregs); r++)
		if(strcmp(r->name, name) == 0)
			return r;
	error("unknown register");
	return nil;
}

/* Set one register; the caller holds v with its VMCS current. */
static void
setregnamed(Vcpu *v, char *name, char *val)
{
	setreg(v, lookreg(name), parsenum(val, "invalid value"));
}

/*
 * go's settings, "name=value;name=value;", parsed in place: go comes
 * with every exit. The caller holds v with its VMCS current.
 */
void
setregs(Vcpu *v, char *settings)
{
	char *p, *next, *val;

	for(p = settings; p != nil && *p != 0; p = next){
		val = nil;
		for(next = p; *next != 0 && *next != ';'; next++)
			if(*next == '='){
				if(val != nil)
					error("number of fields wrong");
				val = next;
			}
		if(*next == ';')
			*next++ = 0;
		if(*p == 0)
			continue;
		if(val == nil)
			error("number of fields wrong");
		*val++ = 0;
		setregnamed(v, p, val);
	}
}

void
vmxsetreg(Vcpu *v, char *name, char *val)
{
	uintptr s;

	s = vmcslock(v, 1<<Vrunning);
	if(waserror()){
		vmcsunlock(v, s);
		nexterror();
	}
	setregnamed(v, name, val);
	poperror();
	vmcsunlock(v, s);
}

char *excnames[32] = {
	[0] "#de", [1] "#db", [3] "#bp", [4] "#of", [5] "#br", [6] "#ud", [7] "#nm",
	[8] "#df", [10] "#ts", [11] "#np", [12] "#ss", [13] "#gp", [14] "#pf",
	[16] "#mf", [17] "#ac", [18] "#mc", [19] "#xm", [20] "#ve",
};

/* Exceptions that push an error code (6.3.1). */
static int
haserrorcode(int vec)
{
	return vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21;
}

/*
 * The error code of ev, of type ext or hard with vector vec: given
 * (has), or 0 for an exception that pushes one. NMI is vector 2.
 */
static void
errorcode(Vevent *ev, int vec, int has, uvlong code)
{
	if(vec == 2 && ev->info == Ihard)
		ev->info = Inmi;
	if(has){
		if(ev->info != Ihard || !haserrorcode(vec))
			error("vmx: event takes no error code");
		/* VM entry takes no more than 16 bits (26.2.1.3) */
		if(code > 0xffff)
			error("vmx: invalid error code");
		ev->code = code;
		ev->info |= Icode;
	}else if(ev->info == Ihard && haserrorcode(vec))
		ev->info |= Icode;
}

/*
 * An event: #name, #N (exception N) or N (external interrupt N),
 * then optionally ",CODE" and ",ILEN".
 */
static Vevent
parseevent(char *s)
{
	Vevent ev;
	char *f[4], buf[64];
	int n, vec, i;
	uvlong x;

	if(strlen(s) >= sizeof buf)
		error("vmx: invalid event");
	strcpy(buf, s);
	n = getfields(buf, f, nelem(f), 0, ",");
	if(n < 1 || n > 3 || f[0][0] == 0)
		error("vmx: invalid event");
	memset(&ev, 0, sizeof ev);
	for(i = 0; i < nelem(excnames); i++)
		if(excnames[i] != nil && strcmp(excnames[i], f[0]) == 0)
			break;
	if(i < nelem(excnames)){
		vec = i;
		ev.info = Ihard;
	}else{
		s = f[0];
		ev.info = Iextint;
		if(*s == '#'){
			s++;
			ev.info = Ihard;
		}
		x = parsenum(s, "vmx: invalid vector");
		if(x > 255)
			error("vmx: invalid vector");
		vec = x;
		if(ev.info == Ihard && vec > 31)
			error("vmx: invalid exception vector");
	}
	x = 0;
	if(n >= 2 && f[1][0] != 0)
		x = parsenum(f[1], "vmx: invalid error code");
	errorcode(&ev, vec, n >= 2 && f[1][0] != 0, x);
	if(n == 3){
		x = parsenum(f[2], "vmx: invalid instruction length");
		if(x < 1 || x > 15)
			error("vmx: invalid instruction length");
		ev.ilen = x;
		if(ev.info == Ihard && (vec == 3 || vec == 4))
			ev.info = Isoftexc;
		else if(ev.info == Iextint)
			ev.info = Isoftint;
	}
	ev.info |= Ivalid | vec;
	return ev;
}

/* ctl exc (irq 0) and ctl irq (irq 1); irq with no event cancels. */
void
vmxevent(Vcpu *v, char *s, int irq)
{
	Vevent ev;

	memset(&ev, 0, sizeof ev);
	if(s != nil)
		ev = parseevent(s);
	if(irq){
		/* like stop, it reaches a running guest */
		vmxrefuse(v, 1<<Vending);
		ilock(&v->irqlock);
		v->irq = ev;
		v->irqpending = s != nil;
		iunlock(&v->irqlock);
		kick(v);
		wakeup(&v->hltr);
		return;
	}
	vmxlock(v, 0);
	v->exc = ev;
	v->excpending = 1;
	v->redeliverpending = 0;
	qunlock(v);
}

void
vmxextrap(Vcpu *v, u32int bitmap)
{
	uintptr s;

	s = vmcslock(v, 0);
	/* a machine check in the guest is the host's: never the guest's IDT (25.2) */
	vmcswrite(Fexcbitmap, bitmap | 1<<Vecmc);
	vmcsunlock(v, s);
}
/* fpregs: the guest's XSAVE image, checked before it is accepted. */
long
vmxfpuio(Vcpu *v, void *a, long n, vlong off, int write)
{
	uchar *tmp;

	if(off < 0)
		error(Enegoff);
	if(off >= vmx.xsavesize)
		return 0;
	if(n > vmx.xsavesize - off)
		n = vmx.xsavesize - off;
	vmxlock(v, write ? 1<<Vrunning : 0);
	if(waserror()){
		qunlock(v);
		nexterror();
	}
	if(!write)
		memmove(a, v->fpu+off, n);
	else{
		tmp = smalloc(vmx.xsavesize);
		memmove(tmp, v->fpu, vmx.xsavesize);
		memmove(tmp+off, a, n);
		if(waserror()){
			free(tmp);
			nexterror();
		}
		checkfpu(tmp);
		poperror();
		memmove(v->fpu, tmp, vmx.xsavesize);
		free(tmp);
	}
	poperror();
	qunlock(v);
	return n;
}

/*
 * The state page (vmxstate.h). Its registers are the ones of vregs
 * named in pagefields, so that a change through the page is checked
 * as a write of regs is. The monitor may write the page at any time:
 * each field is read once, and only the checked copy is used. Both
 * directions run on every exit, so they walk only the dirty bits and
 * unroll the copies.
 */
enum { Npagereg = 8 };

/* in the order of their dirty bits, from Dirtypc on; cr0 and cr4 have two */
static struct {
	char	*name;
	int	off;		/* in Vmxstate */
} pagefields[Npagereg] = {
	"pc",		offsetof(Vmxstate, pc),
	"flags",	offsetof(Vmxstate, flags),
	"cr0real",	offsetof(Vmxstate, cr0),
	"cr0fake",	offsetof(Vmxstate, cr0fake),
	"cr4real",	offsetof(Vmxstate, cr4),
	"cr4fake",	offsetof(Vmxstate, cr4fake),
	"efer",		offsetof(Vmxstate, efer),
	"pat",		offsetof(Vmxstate, pat),
};
static Vreg *pageregs[Npagereg];
/* the pagefields of dirty bit Dirtypc<<i: from pagefirst[i] to pagefirst[i+1] */
static int pagefirst[] = { 0, 1, 2, 4, 6, 7, 8 };
enum { Dirtypagebits = 6 };

/* Vmxstate.gpr index to Vcpu.gpr index; sp is the VMCS's */
static const int gprindex[Vmxngpr] = {
	0, 2, 3, 1, -1, 6, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14,
};

#define PAGEFIELD(s, i)	((volatile u64int*)((uchar*)(s) + pagefields[i].off))

/*
 * Fill the page with the registers and the last exit, whose reason it
 * returns; v's VMCS is current.
 */
u32int
statefill(Vcpu *v)
{
	Vmxstate *s;
	u32int reason;
	uvlong cr;
	int i;

	s = v->page;
#pragma GCC unroll 16
	for(i = 0; i < Vmxngpr; i++)
		if(gprindex[i] >= 0)
			s->gpr[i] = v->gpr[gprindex[i]];
	s->gpr[Vmxsp] = vmcsread(Frsp);
	s->pc = vmcsread(Frip);
	s->flags = vmcsread(Frflags);
	s->cr0 = cr = vmcsread(Fguestcr0);
	s->cr0fake = crfake(cr, Fcr0mask, Fcr0shadow);
	s->cr4 = cr = vmcsread(Fguestcr4);
	s->cr4fake = crfake(cr, Fcr4mask, Fcr4shadow);
	s->efer = vmcsread(Fguestefer);
	s->pat = vmcsread(Fguestpat);
	s->cr3 = vmcsread(Fguestcr3);
	s->csbase = vmcsread(Fguestbase+2*1);
	s->csperm = vmcsread(Fguestperm+2*1);
	s->dirty = 0;
	s->reason = reason = vmcsread(Freason);
	s->ilen = vmcsread(Fexitilen);
	s->qual = vmcsread(Fqual);
	s->iinfo = vmcsread(Fexitinstr);
	s->intinfo = vmcsread(Fexitinfo);
	s->intcode = vmcsread(Fexitcode);
	s->va = vmcsread(Fguestva);
	s->pa = vmcsread(Fguestpa);
	return reason;
}

/*
 * The page's events and APIC controls, checked all, then applied:
 * after its registers are checked and before they are applied, which
 * cannot fail. Off the common path, where only registers change.
 */
static void
stateevents(Vcpu *v, volatile Vmxstate *s, u32int dirty)
{
	Vevent exc, irq;
	Vapicset apic;
	u32int x;

	if(dirty & Dirtyexc){
		x = s->exc;
		if((x & ~(Evcode|0xff)) != 0 || (x & 0xff) > 31)
			error("vmx: state page: invalid exception");
		exc.info = Ihard;
		exc.code = 0;
		exc.ilen = 0;
		errorcode(&exc, x & 0xff, (x & Evcode) != 0, s->exccode);
		exc.info |= Ivalid | (x & 0xff);
	}
	if(dirty & Dirtyirq){
		x = s->irq;
		if(x > 255 && x != Irqnone)
			error("vmx: state page: invalid vector");
		irq.info = x == Irqnone ? 0 : Ivalid | Iextint | x;
		irq.code = 0;
		irq.ilen = 0;
	}
	if(dirty & Dirtyapic)
		apiccheck(v, s, &apic);

	if(dirty & Dirtyexc){
		v->exc = exc;
		v->excpending = 1;
		v->redeliverpending = 0;
	}
	if(dirty & Dirtyirq){
		ilock(&v->irqlock);
		v->irq = irq;
		v->irqpending = irq.info != 0;
		iunlock(&v->irqlock);
	}
	if(dirty & Dirtyapic)
		apicapply(v, &apic);
}

/*
 * Apply what the page marks dirty, all or nothing: everything is
 * checked before anything changes. v is ready, its VMCS current.
 */
void
stateapply(Vcpu *v)
{
	volatile Vmxstate *s;
	uvlong val[Npagereg];
	u32int dirty, rest, d;
	int b, i;

	s = v->page;
	if(s == nil || (dirty = s->dirty) == 0)
		return;
	if((dirty & ~Dirtyall) != 0)
		error("vmx: state page: unknown dirty bits");
	/*
	 * pc, which nearly every exit changes, is any value (checkreg),
	 * and goes first, as its dirty bit is the lowest: the loops
	 * are for the rest.
	 */
	rest = dirty>>16 & ((1<<Dirtypagebits)-1) & ~1;
	for(d = rest; d != 0; d &= d-1){
		b = __builtin_ctz(d);
		for(i = pagefirst[b]; i < pagefirst[b+1]; i++)
			val[i] = checkreg(pageregs[i], *PAGEFIELD(s, i));
	}
	if(dirty & (Dirtyexc|Dirtyirq|Dirtyapic))
		stateevents(v, s, dirty);
	for(d = dirty & ((1<<Vmxngpr)-1); d != 0; d &= d-1){
		i = __builtin_ctz(d);
		if(gprindex[i] < 0)
			vmcswrite(Frsp, s->gpr[i]);
		else
			v->gpr[gprindex[i]] = s->gpr[i];
	}
	if(dirty & Dirtypc)
		setpc(v, s->pc);
	for(d = rest; d != 0; d &= d-1){
		b = __builtin_ctz(d);
		for(i = pagefirst[b]; i < pagefirst[b+1]; i++)
			putreg(v, pageregs[i], val[i]);
	}
	__sync_fetch_and_and(&s->dirty, ~dirty);
}

/*
 * ctl state: the page at offset off of the sticky global segment
 * segname becomes v's state page; no segment detaches it.
 */
void
vmxstatepage(Vcpu *v, char *segname, uvlong off)
{
	Segment *seg, *old;
	Vmxstate *page;
	uintptr s;
	int i;

	seg = nil;
	page = nil;
	if(segname != nil)
		page = (Vmxstate*)stickypage(segname, off, &seg);
	if(waserror()){
		putseg(seg);
		nexterror();
	}
	s = vmcslock(v, 1<<Vrunning);
	poperror();
	old = v->pageseg;
	v->pageseg = seg;
	v->page = page;
	if(page != nil){
		if(pageregs[0] == nil)
			for(i = 0; i < Npagereg; i++)
				pageregs[i] = lookreg(pagefields[i].name);
		statefill(v);
	}
	vmcsunlock(v, s);
	if(old != nil)
		putseg(old);
}

/* The page goes with the vCPU. */
void
statefree(Vcpu *v)
{
	if(v->pageseg != nil)
		putseg(v->pageseg);
	v->pageseg = nil;
	v->page = nil;
}
