/*
 * The exit loop: take an exit from the state page (one read of run),
 * hand it to the device or instruction it concerns, bring the
 * devices' timers and input up to date, post the next interrupt, and
 * read run again, which applies the registers the handlers changed.
 */
#include <u.h>
#include <libc.h>
#include <x86.h>
#include "dat.h"
#include "fns.h"

typedef struct Handler Handler;
struct Handler {
	char	*name;
	void	(*f)(Vcpu*, Exit*);
};

enum {
	/* I/O exit qualification */
	Iosize		= 7,
	Ioin		= 1<<3,
	Iostring	= 1<<4,

	/* EPT violation qualification */
	Eptwrite	= 1<<1,
	Eptfetch	= 1<<2,
	Eptlinear	= 1<<7,		/* the guest linear address is valid */

	/* DR7 (SDM Vol. 3, "Debug Registers"): breakpoint n's enables at 2n, R/W and LEN at 16+4n */
	Dr7write	= 1,		/* R/W 01: data writes */
	Dr7data		= 3,		/* R/W 11: data reads and writes */

	/* pending debug exceptions (SDM Vol. 3, "Guest Non-Register State") */
	Pendbp		= 1<<12,	/* an enabled breakpoint matched */

	/* APIC-access qualification: the offset, and how the page was touched */
	Apicoff		= 0xfff,
	Apicread	= 0<<12,
	Apicwrite	= 1<<12,
	Apichow		= 0xf<<12,

	/* control register access qualification */
	Crmovto		= 0,
	Crmovfrom	= 1,
	Crclts		= 2,
	Crlmsw		= 3,

	Cr0ignored	= 0x1ffaffc0,	/* reserved bits 31:0: writes are ignored */

	Eferbits	= 1<<0 | 1<<8 | 1<<10 | 1<<11,	/* SCE, LME, LMA, NXE */

	Maxinsn		= 15,
};

static char *gprs[16] = {
	"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

/* Insn.seg's order */
static char *segbases[] = {"esbase", "csbase", "ssbase", "dsbase", "fsbase", "gsbase"};

static int ending;
static int resetting;	/* the guest ended by resetting the machine */
static char endstatus[ERRMAX];

/*
 * The guest is over; each runguest returns status once the exit in
 * hand is done. Whatever ends it while a reset is pending, such as a
 * note, ends vmx instead of the restart.
 */
static void
end(char *status, int reset)
{
	int i;

	if(ending && !resetting)
		return;
	strecpy(endstatus, endstatus + sizeof endstatus, status);
	resetting = reset;
	ending = 1;
	for(i = 0; i < ncpu; i++)
		wake(&cpus[i]);
}

void
endguest(char *status)
{
	end(status, 0);
}

/* Port 0xf4: rc sees V in $status, nothing for 0. */
void
guestexit(u32int v)
{
	char buf[16];

	buf[0] = 0;
	if(v != 0)
		snprint(buf, sizeof buf, "%ud", v);
	endguest(buf);
}

/*
 * The PC's firmware takes over: a warm start goes on with the guest
 * as it is; otherwise the PC restarts (see guestrestart), or with vmx
 * -R, ends.
 */
static void
reset(char *status)
{
	if(!conf.noreboot && warmstart())
		return;
	end(status, 1);
}

void
guestreset(void)
{
	reset("reset");
}

/* Whether the guest ends by a reset. */
int
guestresets(void)
{
	return resetting;
}

/* After guestresets, once the guest's procs are gone: 1 if the guest may start again, and it is no longer ending. */
int
guestrestart(void)
{
	if(!resetting)
		return 0;
	resetting = 0;
	ending = 0;
	return 1;
}

static void
skip(Vcpu *v, Exit *x)
{
	vcpuset(v, "pc", x->pc + x->ilen);
}

/* Timers due, input arrived, and the next interrupt posted if none is waiting. */
static void
service(Vcpu *v)
{
	int i;

	serialpoll();
	virtiopoll();
	setdeadline(timerpoll(now()));
	if(v->nmipending){
		v->nmipending = 0;
		if(vcpuctl(v, "exc #2") < 0)
			fatal("exc: %r");
	}
	for(i = 0; i < ncpu; i++)
		postirq(&cpus[i]);
}

static void
ioexit(Vcpu *v, Exit *x)
{
	u16int port;
	u64int val, mask;
	int size;

	if(x->qual & Iostring)
		fatal("string I/O at pc %#llux is not emulated", x->pc);
	port = x->qual >> 16;
	size = (x->qual & Iosize) + 1;
	mask = sizemask(size);
	if(x->qual & Ioin){
		if(iodispatch(Ioport, 0, port, size, &val) < 0)
			trace("unknown port %#ux read\n", port);
		/* a 32-bit in clears the upper half, as any 32-bit result does */
		vcpuset(v, "ax", size == 4 ? val : (x->ax & ~mask) | val);
	}else{
		val = x->ax & mask;
		if(iodispatch(Ioport, 1, port, size, &val) < 0)
			trace("unknown port %#ux written %#llux\n", port, val);
	}
	skip(v, x);
}

static uvlong
getgpr(Vcpu *v, Insn *in, int size)
{
	uvlong val;

	val = vcpureg(v, gprs[in->reg]);
	if(in->highbyte)
		val >>= 8;
	return val & sizemask(size);
}

/* The register takes val as an instruction writing size bytes of it would leave it. */
static void
setgpr(Vcpu *v, Insn *in, uvlong val, int size)
{
	uvlong old;

	old = vcpureg(v, gprs[in->reg]);
	if(in->highbyte)
		val = (old & ~0xff00ULL) | (val & 0xff) << 8;
	else if(size < 4)
		val = (old & ~sizemask(size)) | (val & sizemask(size));
	else
		val &= sizemask(size);
	vcpuset(v, gprs[in->reg], val);
}

/* Up to Maxinsn bytes of the instruction at the guest's pc; returns how many. */
static int
fetchcode(Vcpu *v, Exit *x, uchar *code, int *mode)
{
	Paging pg;
	uvlong linear, pa, perm;
	uchar *p;
	int n;

	pg.cr0 = vcpureg(v, "cr0real");
	pg.cr3 = vcpureg(v, "cr3");
	pg.cr4 = vcpureg(v, "cr4real");
	pg.efer = vcpureg(v, "efer");
	perm = vcpureg(v, "csperm");
	if((pg.efer & Eferlma) && (perm & Permlong))
		*mode = 64;
	else
		*mode = (perm & Permdb) ? 32 : 16;
	linear = vcpureg(v, "csbase") + x->pc;
	for(n = 0; n < Maxinsn; n++){
		if(pagewalk(&pg, *mode == 64 ? linear + n : (u32int)(linear + n), &pa) < 0)
			break;
		if((p = memptr(pa, 1)) == nil)
			break;
		code[n] = *p;
	}
	return n;
}

/*
 * The data breakpoints the access of size bytes at linear address va
 * matches, each covering LEN bytes from its address rounded down to
 * them: their #DB is owed after the instruction, as the processor
 * owes it (the kernel says when DR7 has any: Hdatabreak).
 */
static void
databreak(Vcpu *v, uvlong va, int size, int write)
{
	static int lens[4] = {1, 2, 8, 4};
	char name[4];
	uvlong dr7, lo, bits;
	int i, rw, len;

	dr7 = vcpureg(v, "dr7");
	bits = 0;
	for(i = 0; i < 4; i++){
		rw = dr7 >> (16+4*i) & 3;
		if((dr7 >> 2*i & 3) == 0 || !(rw == Dr7data || (rw == Dr7write && write)))
			continue;
		len = lens[dr7 >> (18+4*i) & 3];
		snprint(name, sizeof name, "dr%d", i);
		lo = vcpureg(v, name) & ~(uvlong)(len-1);
		if(va < lo + len && va + size > lo)
			bits |= 1<<i;
	}
	if(bits != 0)
		vcpuset(v, "pendingdebug", vcpureg(v, "pendingdebug") | bits | Pendbp);
}

/*
 * The linear address of in's memory operand, for exits that give
 * none: its segment's base (in 64-bit mode only FS's and GS's count)
 * plus base, scaled index and displacement in the address size.
 */
static uvlong
memlinear(Vcpu *v, Exit *x, Insn *in, int mode)
{
	uvlong ea, base;

	ea = in->disp;
	if(in->base >= 0)
		ea += vcpureg(v, gprs[in->base]);
	if(in->index >= 0)
		ea += in->scale * vcpureg(v, gprs[in->index]);
	if(in->riprel)
		ea += x->pc + in->len;
	ea &= sizemask(in->addrsize);
	base = 0;
	if(mode != 64 || in->memseg == Sfs || in->memseg == Sgs)
		base = vcpureg(v, segbases[in->memseg]);
	return mode == 64 ? base + ea : (u32int)(base + ea);
}

/*
 * The instruction at pc touched guest-physical pa, which is no RAM:
 * emulate it, which in and mode then describe.
 */
static void
mmio(Vcpu *v, Exit *x, uvlong pa, Insn *in, int *mode)
{
	uchar code[Maxinsn];
	u64int val;
	int n;

	n = fetchcode(v, x, code, mode);
	if(x86decode(code, n, *mode, in) < 0)
		fatal("cannot decode the instruction at pc %#llux touching %#llux", x->pc, pa);
	switch(in->op){
	case Omov:
		if(in->memdst){
			val = in->hasimm ? in->imm : getgpr(v, in, in->size);
			if(iodispatch(Iomem, 1, pa, in->size, &val) < 0)
				trace("unclaimed MMIO write %#llux\n", pa);
			break;
		}
		/* fall through */
	case Omovzx:
	case Omovsx:
		if(iodispatch(Iomem, 0, pa, in->size, &val) < 0)
			trace("unclaimed MMIO read %#llux\n", pa);
		if(in->op == Omovsx && in->size < 8){
			n = 64 - 8*in->size;
			val = (u64int)((s64int)(val << n) >> n);
		}
		setgpr(v, in, val, in->opsize);
		break;
	default:
		fatal("MMIO by the instruction at pc %#llux is not emulated", x->pc);
	}
	vcpuset(v, "pc", x->pc + in->len);
}

static void
mmioexit(Vcpu *v, Exit *x)
{
	Insn in;
	int mode;

	if(x->qual & Eptfetch)
		fatal("guest ran into unmapped memory at %#llux (pc %#llux)", x->pa, x->pc);
	mmio(v, x, x->pa, &in, &mode);
	if((x->has & Hdatabreak) && (x->qual & Eptlinear))
		databreak(v, x->va, in.size, (x->qual & Eptwrite) != 0);
}

/*
 * An access to the xAPIC's page that the processor leaves to the
 * monitor (the timer's count, sizes other than 32 bits): emulated as
 * MMIO, before it happened. The exit gives no linear address for the
 * data breakpoints: the instruction does.
 */
static void
apicaccexit(Vcpu *v, Exit *x)
{
	Insn in;
	u32int how;
	int mode;

	how = x->qual & Apichow;
	if(how != Apicread && how != Apicwrite)
		fatal("local APIC access of kind %ud at pc %#llux is not emulated", how >> 12, x->pc);
	mmio(v, x, Lapicbase + (x->qual & Apicoff), &in, &mode);
	if(x->has & Hdatabreak)
		databreak(v, memlinear(v, x, &in, mode), in.size, how == Apicwrite);
}

/* The guest wrote a local APIC register, which the processor put in the page; pc is past the write. */
static void
apicwriteexit(Vcpu *v, Exit *x)
{
	lapicwritten(x->qual & Apicoff);
}

/* The guest's EOI, which the processor carried out, ended a vector of the EOI-exit bitmap. */
static void
eoiexit(Vcpu *v, Exit *x)
{
	lapiceoi(x->qual & 0xff);
}

static void
cpuidexit(Vcpu *v, Exit *x)
{
	u32int r[4];

	guestcpuid(v, vcpureg(v, "ax"), vcpureg(v, "cx"), r);
	vcpuset(v, "ax", r[0]);
	vcpuset(v, "bx", r[1]);
	vcpuset(v, "cx", r[2]);
	vcpuset(v, "dx", r[3]);
	skip(v, x);
}

static void
gp(Vcpu *v)
{
	if(vcpuctl(v, "exc #gp,0") < 0)
		fatal("exc: %r");
}

static void
ud(Vcpu *v)
{
	if(vcpuctl(v, "exc #ud") < 0)
		fatal("exc: %r");
}

/* EFER, PAT and DEBUGCTL live in the VMCS, the TSC deadline in the local APIC, the rest in msr.c. */
static void
rdmsrexit(Vcpu *v, Exit *x)
{
	u32int msr;
	u64int val;

	msr = vcpureg(v, "cx");
	if(msr == Msrefer)
		val = vcpureg(v, "efer");
	else if(msr == Msrpat)
		val = vcpureg(v, "pat");
	else if(msr == Msrtscdeadline)
		val = lapicdeadline();
	else if(msr == Msrdebugctl)
		val = vcpureg(v, "debugctl");
	else if(msrread(&v->msrs, msr, &val) < 0){
		trace("unknown MSR %#ux read\n", msr);
		gp(v);
		return;
	}
	vcpuset(v, "ax", (u32int)val);
	vcpuset(v, "dx", val >> 32);
	skip(v, x);
}

static void
wrmsrexit(Vcpu *v, Exit *x)
{
	u32int msr;
	u64int val, tsc;

	msr = vcpureg(v, "cx");
	val = vcpureg(v, "dx") << 32 | (u32int)vcpureg(v, "ax");
	if(msr == Msrefer && (val & ~(u64int)Eferbits) == 0)
		vcpuset(v, "efer", val);
	else if(msr == Msrtscdeadline){
		/* due when the guest's TSC, the host's plus the offset, reaches val */
		tsc = hosttsc() + v->msrs.tscoffset;
		lapicsetdeadline(val, val > tsc ? tscafter(val - tsc) : now());
	}
	else if(msr == Msrdebugctl && (val & ~(u64int)Debugctlbtf) == 0)
		vcpuset(v, "debugctl", val);
	else if(msr != Msrefer && msr != Msrdebugctl && msrwrite(&v->msrs, msr, val) == 0){
		/* those the processor uses while the guest runs */
		if(msr == Msrpat)
			vcpuset(v, "pat", val);
		else if(msr == Msrtsc || msr == Msrtscadjust)
			vcpuset(v, "tscoffset", v->msrs.tscoffset);
		else if(msr == Msrtscaux)
			vcpuset(v, "tscaux", val);
	}else{
		trace("MSR %#ux write %#llux refused\n", msr, val);
		gp(v);
		return;
	}
	skip(v, x);
}

/*
 * Sleep until an interrupt can wake the guest. With interrupts off
 * only an NMI can, from another vCPU: a lone vCPU ends the guest.
 */
static void
hltexit(Vcpu *v, Exit *x)
{
	int off, n;

	off = (vcpureg(v, "flags") & Flagsif) == 0;
	/*
	 * With virtual-interrupt delivery the kernel halts the guest until
	 * the processor can deliver (ctl hlt kernel); this exit was a stop.
	 * The HLT ends if the devices now have an interrupt for it, else
	 * goes on in the kernel: resumed at the HLT, the guest would take
	 * the interrupt before it and halt again after.
	 */
	if(v->vid && !off){
		if(!v->nmipending && !v->initpending){
			service(v);
			if(lapicnext(v->apicid) < 0 && v->irqposted < 0)
				return;
		}
		skip(v, x);
		return;
	}
	skip(v, x);
	if(v->irqposted >= 0)
		return;
	if(off && ncpu == 1){
		fprint(2, "vmx: guest halted with interrupts disabled at pc %#llux\n", x->pc);
		endguest("halted");
		return;
	}
	for(n = 0;; n++){
		service(v);
		if((!off && v->irqposted >= 0) || v->nmipending || v->initpending || ending)
			return;
		/* the last idle's wakeup brought nothing */
		if(n > 0)
			v->idlesempty++;
		idle(v);
	}
}

/*
 * The checks of MOV to CR0 (SDM Vol. 2, MOV—Move to/from Control
 * Registers): returns 0 if val must raise #GP.
 */
static int
setcr0(Vcpu *v, uvlong val)
{
	uvlong efer;

	if(val >> 32 != 0)
		return 0;
	val = (val & ~(uvlong)Cr0ignored) | Cr0et;
	if(((val & Cr0nw) && !(val & Cr0cd)) || ((val & Cr0pg) && !(val & Cr0pe)))
		return 0;
	efer = vcpureg(v, "efer");
	if((val & Cr0pg) && (efer & Eferlme) && !(vcpureg(v, "cr4fake") & Cr4pae))
		return 0;
	/* paging stays on in 64-bit mode */
	if(!(val & Cr0pg) && (efer & Eferlma) && (vcpureg(v, "csperm") & Permlong))
		return 0;
	vcpuset(v, "cr0real", val);
	vcpuset(v, "cr0fake", val);
	return 1;
}

static int
setcr4(Vcpu *v, uvlong val)
{
	if((val & ~v->cr4ok) != 0)
		return 0;
	if(!(val & Cr4pae) && (vcpureg(v, "efer") & Eferlma))
		return 0;
	vcpuset(v, "cr4real", val);
	vcpuset(v, "cr4fake", val);
	return 1;
}

/* CR8 is bits 7:4 of the local APIC's TPR (SDM Vol. 3, "Interaction of Task Priorities between CR8 and APIC"). */
static int
cr8(Vcpu *v, int type, char *gpr)
{
	uvlong val;

	if(type == Crmovfrom){
		vcpuset(v, gpr, lapictpr() >> 4);
		return 1;
	}
	val = vcpureg(v, gpr);
	if(val >> 4 != 0)
		return 0;
	lapicsettpr(val << 4);
	return 1;
}

/*
 * A write of CR0 or CR4 that changes a bit the monitor or kernel
 * keeps, or any access to CR8.
 */
static void
movcrexit(Vcpu *v, Exit *x)
{
	int cr, type, ok;
	char *gpr;
	uvlong val, old;

	cr = x->qual & 15;
	type = x->qual >> 4 & 3;
	gpr = gprs[x->qual >> 8 & 15];
	if(cr == 8)
		ok = cr8(v, type, gpr);
	else{
		switch(type){
		case Crmovto:
			val = vcpureg(v, gpr);
			break;
		case Crclts:
			val = vcpureg(v, "cr0fake") & ~(uvlong)Cr0ts;
			break;
		case Crlmsw:
			/* sets PE but never clears it */
			old = vcpureg(v, "cr0fake");
			val = (old & ~0xeULL) | (x->qual >> 16 & 0xf);
			break;
		default:
			fatal("read of cr%d at pc %#llux", cr, x->pc);
			return;
		}
		if(cr != 0 && cr != 4)
			fatal("write of cr%d at pc %#llux", cr, x->pc);
		ok = cr == 0 ? setcr0(v, val) : setcr4(v, val);
	}
	if(ok)
		skip(v, x);
	else
		gp(v);
}

/* XSETBV (SDM Vol. 2): only XCR0, at CPL 0, with a value CPUID allows. */
static void
xsetbvexit(Vcpu *v, Exit *x)
{
	u32int leafd[4];
	uvlong val;

	if(!(vcpureg(v, "cr4fake") & Cr4osxsave)){
		ud(v);
		return;
	}
	val = vcpureg(v, "dx") << 32 | (u32int)vcpureg(v, "ax");
	guestcpuid(v, 0xd, 0, leafd);
	if((vcpureg(v, "ssperm") & Permdpl) != 0 || (u32int)vcpureg(v, "cx") != 0 || !xcr0valid(val, leafd)){
		gp(v);
		return;
	}
	vcpuset(v, "xcr0", val);
	skip(v, x);
}

static void
triplefault(Vcpu *v, Exit *x)
{
	fprint(2, "vmx: guest triple fault at pc %#llux\n", x->pc);
	reset("triple fault");
}

static void
undefined(Vcpu *v, Exit *x)
{
	ud(v);
}

/* Exits that only gave the monitor a chance to look: stop, host interrupts. */
static void
resume(Vcpu *v, Exit *x)
{
}

static Handler handlers[] = {
	{"io", ioexit},
	{"eptfault", mmioexit},
	{".cpuid", cpuidexit},
	{".rdmsr", rdmsrexit},
	{".wrmsr", wrmsrexit},
	{".hlt", hltexit},
	{"movcr", movcrexit},
	{"apicacc", apicaccexit},
	{"apicwrite", apicwriteexit},
	{"eoi", eoiexit},
	{".xsetbv", xsetbvexit},
	{"triplef", triplefault},
	{".invd", skip},
	{".wbinvd", skip},
	{".invlpg", skip},
	{".pause", skip},
	{".vmcall", undefined},
	{".vmclear", undefined},
	{".vmlaunch", undefined},
	{".vmptrld", undefined},
	{".vmptrst", undefined},
	{".vmread", undefined},
	{".vmresume", undefined},
	{".vmwrite", undefined},
	{".vmxoff", undefined},
	{".vmxon", undefined},
	{".invept", undefined},
	{".invvpid", undefined},
	{"extirq", resume},
	{"irqwin", resume},
	{"preempt", resume},
	{"monitortrap", resume},
};

static void
handle(Vcpu *v, Exit *x)
{
	Handler *h;

	if(x->failed)
		fatal("VM entry failed: %s %#llux pc %#llux", x->name, x->qual, x->pc);
	if(x->name[0] == '#'){
		/* an exception the kernel traps: the guest's to handle */
		if(((x->has & Hexcode) ? vcpuctl(v, "exc %s,%llud", x->name, x->excode) : vcpuctl(v, "exc %s", x->name)) < 0)
			fatal("exc: %r");
		return;
	}
	for(h = handlers; h < handlers + nelem(handlers); h++)
		if(strcmp(h->name, x->name) == 0){
			h->f(v, x);
			return;
		}
	fatal("unhandled exit: %s %#llux pc %#llux", x->name, x->qual, x->pc);
}

/* Runs the guest until it ends; returns the exit status for vmx. */
char*
runguest(Vcpu *v)
{
	Exit x;

	cpulock(v);
	service(v);
	cpuunlock();
	while(!ending){
		if(vcpuwait(v, &x) < 0){
			/* a note ended the read and the guest */
			if(ending)
				break;
			fatal("run: %r");
		}
		cpulock(v);
		if(strcmp(x.name, "*ack") == 0)
			irqtaken(v, x.qual);	/* delivered while the guest runs on */
		else
			handle(v, &x);
		service(v);
		/* after INIT, once the exit behind an *ack is handled */
		if(v->initpending && !v->held)
			waitsipi(v);
		cpuunlock();
	}
	if(v == &cpus[0])
		serialflush();
	return endstatus;
}

int
guestending(void)
{
	return ending;
}
