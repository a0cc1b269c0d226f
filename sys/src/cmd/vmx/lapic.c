/*
 * Each vCPU's local APIC in xAPIC mode at its default address: the
 * registers a kernel programs at boot, interrupt priority from the
 * IRR, ISR and TPR, the timer counting down on the monitor's clock
 * or waiting for a TSC deadline, and IPIs through the ICR. It is the
 * CPU's interrupt input: the 8259 pair reaches the first vCPU's
 * through LINT0, left in virtual wire mode as a BIOS leaves it.
 * Moving or disabling it through the APIC base MSR is not emulated.
 *
 * The registers at 0xfee00000 are those of the vCPU whose exit is
 * being handled: the exit loop names it with lapicuse. Everything
 * here runs under the monitor's lock (cpus.c).
 *
 * Each register has one home, at its offset in a page: the monitor's
 * own, or, where the processor virtualizes the APIC (lapicvirt), the
 * vCPU's virtual-APIC page of #X. There the processor reads most
 * registers and writes the TPR itself, and with virtual-interrupt
 * delivery takes vectors from the IRR and keeps ISR and PPR; what it
 * cannot do reaches the emulation below as MMIO (apicacc exits), as
 * a register it has written (lapicwritten) or as an EOI it has done
 * (lapiceoi). Vectors accepted for such a vCPU wait in want until
 * cpus.c puts them in the IRR from the vCPU's own loop, or posts
 * them through #X.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include <xapic.h>

enum {
	Lapiclen	= 0x1000,
	Tick		= Sec/Lapichz,	/* ns per cycle of the timer's input */

	Version		= Lapicversion | (Nlvt-1)<<16,
	Lvttimermode	= 3<<17,
	Lvtdeadline	= 2<<17,
	Dfrmodel	= 0xfu<<28,
	Dfrflat		= 0xfu<<28,	/* else 0, the cluster model */
	Esrillegal	= 1<<7,		/* an illegal vector was sent or received */
};

typedef struct Lapic Lapic;
struct Lapic {
	int	id;
	u32int	*reg;		/* the registers at their offsets: own, or the virtual-APIC page */
	int	virt;		/* reg is the virtual-APIC page, with virtual-interrupt delivery */
	u32int	want[8];	/* accepted for the vIRR, not yet there */
	u32int	wantlevel[8];	/* of those, the level-triggered */
	u32int	esr;		/* errors since the last write of ESR, which shows them */
	vlong	start;		/* when the count was (re)loaded */
	u64int	deadline;	/* IA32_TSC_DEADLINE: the guest TSC awaited, 0 if disarmed */
	Timer	timer;
	u32int	own[Lapiclen/4];
};

/* Register r of a; the word of the 256-bit register r that holds bit n */
#define REG(a, r)	((a)->reg[(r)/4])
#define WORD(a, r, n)	REG(a, apicword(r, n))

static Lapic apics[Maxcpu];
static Lapic *apic = apics;

/* The local APIC the next accesses and calls concern. */
void
lapicuse(int cpu)
{
	apic = &apics[cpu];
}

static int
testbit(Lapic *a, int r, int n)
{
	return WORD(a, r, n) >> n%32 & 1;
}

static void
setbit(Lapic *a, int r, int n, int on)
{
	if(on)
		WORD(a, r, n) |= 1 << n%32;
	else
		WORD(a, r, n) &= ~(1 << n%32);
}

static u32int
ppr(Lapic *a)
{
	return REG(a, Apicppr);
}

/*
 * Processor priority, after the TPR or the ISR changed: the higher of
 * the TPR and the class in service (with virtual-interrupt delivery,
 * the processor keeps it too, SDM Vol. 3, 29.1.3).
 */
static void
setppr(Lapic *a)
{
	u32int tpr;
	int isv;

	tpr = REG(a, Apictpr) & 0xff;
	isv = apichighest(a->reg, Apicisr);
	REG(a, Apicppr) = isv >= 0 && (isv & 0xf0) > (tpr & 0xf0) ? isv & 0xf0 : tpr;
}

/* Accept vec, as the I/O APIC or a local source sends it. */
void
lapicirq(int vec, int level)
{
	u32int e;

	if(vec < 16){
		apic->esr |= Esrillegal;
		e = REG(apic, apiclvt(Lerror));
		if(!(e & Lvtmasked) && (e & 0xff) >= 16)
			lapicirq(e & 0xff, 0);
		return;
	}
	setbit(apic, Apictmr, vec, level);
	if(apic->virt){
		apic->want[vec/32] |= 1 << vec%32;
		if(level)
			apic->wantlevel[vec/32] |= 1 << vec%32;
		return;
	}
	setbit(apic, Apicirr, vec, 1);
}

/*
 * Whether a is the physical or logical destination dest. A logical
 * one is read by a's DFR (SDM Vol. 3, "Logical Destination Mode"):
 * in the flat model each bit names the APICs with that bit in their
 * logical id; in the cluster model the high four bits name a cluster
 * (the LDR's high four) and the low four its members, and all ones
 * names every APIC.
 */
static int
isdest(Lapic *a, int dest, int logical)
{
	u32int ldr;

	if(!logical)
		return dest == 0xff || dest == a->id;
	ldr = REG(a, Apicldr) >> 24;
	if((REG(a, Apicdfr) & Dfrmodel) == Dfrflat)
		return (ldr & dest) != 0;
	if(dest == 0xff)
		return 1;
	return (ldr & 0xf0) == (dest & 0xf0) && (ldr & dest & 0x0f) != 0;
}

/*
 * Lowest priority delivery (SDM Vol. 3, "Lowest Priority Delivery
 * Mode"): of the n destinations, the one that is the focus, with vec
 * requested or in service already, else the one whose processor
 * priority is lowest, the first on a tie.
 */
static Lapic*
arbitrate(Lapic **to, int n, int vec)
{
	Lapic *best;
	int i;

	best = to[0];
	for(i = 0; i < n; i++){
		if(testbit(to[i], Apicirr, vec) || testbit(to[i], Apicisr, vec))
			return to[i];
		if((ppr(to[i]) & 0xf0) < (ppr(best) & 0xf0))
			best = to[i];
	}
	return best;
}

/*
 * Vec to the n destinations, or to one of them in lowest priority
 * mode. A software-disabled local APIC takes neither kind (SDM Vol.
 * 3, "Local APIC State After It Has Been Software Disabled": it
 * answers only INIT, NMI, SMI and SIPI); with no destination left
 * the interrupt is lost. Returns how many took it.
 */
static int
accept(Lapic **to, int n, int vec, int level, int lowest)
{
	Lapic *was, *on[Maxcpu];
	int i, m;

	m = 0;
	for(i = 0; i < n; i++)
		if(REG(to[i], Apicsvr) & Svrenable)
			on[m++] = to[i];
	if(lowest && m > 1){
		on[0] = arbitrate(on, m, vec);
		m = 1;
	}
	was = apic;
	for(i = 0; i < m; i++){
		apic = on[i];
		lapicirq(vec, level);
		cpupoke(on[i]->id);
	}
	apic = was;
	return m;
}

/*
 * An interrupt from the I/O APIC or an MSI, fixed or lowest priority;
 * returns how many local APICs took it.
 */
int
lapicdeliver(int dest, int logical, int vec, int level, int lowest)
{
	Lapic *to[Maxcpu], *a;
	int n;

	n = 0;
	for(a = apics; a < apics + ncpu; a++)
		if(isdest(a, dest, logical))
			to[n++] = a;
	return accept(to, n, vec, level, lowest);
}

/*
 * The vector the vCPU would take next, or -1: the highest requested
 * whose priority class is above the processor's (SDM Vol. 3,
 * "Interrupt, Task, and Processor Priority"). It stays requested
 * until the vCPU takes it.
 */
int
lapicnext(int cpu)
{
	Lapic *a;
	int v;

	a = &apics[cpu];
	if(!(REG(a, Apicsvr) & Svrenable))
		return -1;
	v = apichighest(a->reg, Apicirr);
	if(v < 0 || (v & 0xf0) <= (ppr(a) & 0xf0))
		return -1;
	return v;
}

/* The vCPU took vec: in service until an EOI ends it. */
void
lapicack(int cpu, int vec)
{
	Lapic *a;

	a = &apics[cpu];
	if(vec < 0 || vec > 0xff || !testbit(a, Apicirr, vec))
		return;
	setbit(a, Apicirr, vec, 0);
	setbit(a, Apicisr, vec, 1);
	setppr(a);
}

/*
 * For the vCPU's own loop, the vCPU ready: the vectors accepted go
 * into the vIRR, and eoi becomes the TMR, whose vectors' EOIs must
 * exit so that the I/O APIC hears of them. While the APIC is
 * software-disabled the kernel has the processor deliver none (vmx(3)).
 */
void
lapicmerge(int cpu, u32int eoi[8])
{
	Lapic *a;
	int i;

	a = &apics[cpu];
	for(i = 0; i < 8; i++){
		REG(a, Apicirr + 0x10*i) |= a->want[i];
		a->want[i] = a->wantlevel[i] = 0;
		eoi[i] = REG(a, Apictmr + 0x10*i);
	}
}

/*
 * For another loop: the next edge-triggered vector accepted, which
 * it may post through #X, taken; -1 if none.
 */
int
lapicpost(int cpu)
{
	Lapic *a;
	u32int w;
	int i;

	a = &apics[cpu];
	for(i = 7; i >= 0; i--)
		if((w = a->want[i] & ~a->wantlevel[i]) != 0){
			w = 31 - __builtin_clz(w);
			a->want[i] &= ~(1 << w);
			return 32*i + w;
		}
	return -1;
}

/* Whether a level-triggered vector waits for the vCPU's loop: its EOI must exit before the processor takes it. */
int
lapicwaits(int cpu)
{
	Lapic *a;
	int i;

	a = &apics[cpu];
	for(i = 0; i < 8; i++)
		if(a->wantlevel[i] != 0)
			return 1;
	return 0;
}

/*
 * Whether the 8259's INTR reaches the vCPU: only the first vCPU's
 * LINT0 is wired to it, and it passes while an unmasked ExtINT, as
 * it is from reset on; software disabling masks it.
 */
int
lapicextint(int cpu)
{
	if(cpu != 0)
		return 0;
	return (REG(&apics[cpu], apiclvt(Llint0)) & (Lvtmasked|Lvtmode)) == Modeextint;
}

/* The service of vec ended: a level-triggered one's I/O APIC pin may send again. */
void
lapiceoi(int vec)
{
	if(testbit(apic, Apictmr, vec))
		ioapiceoi(vec);
}

static void
eoi(void)
{
	int v;

	v = apichighest(apic->reg, Apicisr);
	if(v < 0)
		return;
	setbit(apic, Apicisr, v, 0);
	setppr(apic);
	lapiceoi(v);
}

static vlong
cyclens(void)
{
	int d;

	/* divide by 2, 4, 8, 16, 32, 64, 128 or 1 from bits 0, 1 and 3 */
	d = (REG(apic, Apicdivide) & 3) | (REG(apic, Apicdivide) >> 1 & 4);
	return Tick * (d == 7 ? 1 : 2 << d);
}

static vlong
period(void)
{
	return REG(apic, Apicinitcount) * cyclens();
}

static int
deadlinemode(void)
{
	return (REG(apic, apiclvt(Ltimer)) & Lvttimermode) == Lvtdeadline;
}

static u32int
curcount(void)
{
	u32int init;
	vlong n;

	init = REG(apic, Apicinitcount);
	if(init == 0 || deadlinemode())
		return 0;
	n = (now() - apic->start) / cyclens();
	if(REG(apic, apiclvt(Ltimer)) & Lvtperiodic)
		return init - n % init;
	return n >= init ? 0 : init - n;
}

static void
timerfire(Timer *t)
{
	Lapic *was;
	vlong p;

	was = apic;
	apic = t->aux;
	if(!(REG(apic, apiclvt(Ltimer)) & Lvtmasked)){
		lapicirq(REG(apic, apiclvt(Ltimer)) & 0xff, 0);
		cpupoke(apic->id);
	}
	apic->deadline = 0;	/* a deadline gives one interrupt */
	p = period();
	if((REG(apic, apiclvt(Ltimer)) & Lvtperiodic) && p > 0){
		/* a monitor that fell behind skips the periods it missed */
		apic->start = t->when + (now() - t->when) / p * p;
		timerset(t, apic->start + p);
	}
	apic = was;
}

/* The count or divisor changed: start counting from now. */
static void
loadcount(void)
{
	apic->start = now();
	timerstop(&apic->timer);
	if(REG(apic, Apicinitcount) != 0)
		timerset(&apic->timer, apic->start + period());
}

/* Registers but the timer's count are read as they are in the page. */
static u32int
lapicreg(int r)
{
	if(r == Apiccurcount)
		return curcount();
	return REG(apic, r);
}

static u64int
lapicread(Iodev*, uvlong addr, int size)
{
	int off;

	off = addr - Lapicbase;
	return lapicreg(off & 0xff0) >> 8*(off & 3);
}

/* Leaving or entering TSC-deadline mode disarms the timer (SDM Vol. 3, "TSC-Deadline Mode"). */
static void
settimermode(u32int v)
{
	if(((v ^ REG(apic, apiclvt(Ltimer))) & Lvttimermode) == 0)
		return;
	if((v & Lvttimermode) != Lvtdeadline && !deadlinemode())
		return;
	timerstop(&apic->timer);
	REG(apic, Apicinitcount) = 0;
	apic->deadline = 0;
}

static void
setlvt(int i, u32int v)
{
	static u32int bits[Nlvt] = {
		0x700ff,	/* timer: vector, mask, mode */
		0x107ff,	/* thermal */
		0x107ff,	/* perfmon */
		0x1a7ff,	/* LINT0: vector, mode, polarity, trigger, mask */
		0x1a7ff,	/* LINT1 */
		0x100ff,	/* error */
	};

	if(!(REG(apic, Apicsvr) & Svrenable))
		v |= Lvtmasked;
	v &= bits[i];
	if(i == Ltimer)
		settimermode(v);
	REG(apic, apiclvt(i)) = v;
}

/* Whether the ICR's destination, as the sender's ICR gives it, includes a. */
static int
ipitarget(Lapic *from, Lapic *a)
{
	switch(REG(from, Apicicrlo) >> 18 & 3){
	case 1:
		return a == from;
	case 2:
		return 1;
	case 3:
		return a != from;
	}
	return isdest(a, REG(from, Apicicrhi) >> 24, (REG(from, Apicicrlo) & Icrlogical) != 0);
}

/* Send the IPI the ICR describes (SDM Vol. 3, "Issuing Interprocessor Interrupts"). */
static void
sendipi(void)
{
	Lapic *from, *a, *to[Maxcpu];
	int mode, vec, n;

	from = apic;
	mode = REG(from, Apicicrlo) & Lvtmode;
	vec = REG(from, Apicicrlo) & 0xff;
	n = 0;
	for(a = apics; a < apics + ncpu; a++){
		if(!ipitarget(from, a))
			continue;
		switch(mode){
		case Modefixed:
		case Modelowest:
			to[n++] = a;
			break;
		case Modenmi:
			cpunmi(a->id);
			break;
		case Modeinit:
			/* level de-assert is an INIT for nobody (82489DX's) */
			if((REG(from, Apicicrlo) & (Icrassert|Icrlevel)) != Icrlevel)
				cpuinit(a->id);
			break;
		case Modesipi:
			cpusipi(a->id, vec);
			break;
		}
	}
	accept(to, n, vec, 0, mode == Modelowest);
	apic = from;
}

/*
 * A write of v to register r, which the processor may have put in the
 * page already: each register keeps what it takes of v, and those
 * the guest cannot write are put back.
 */
static void
regwrite(int r, u32int v)
{
	int i;

	switch(r){
	case Apicid:
		REG(apic, Apicid) = apic->id << 24;
		break;
	case Apictpr:
		lapicsettpr(v);
		break;
	case Apiceoi:
		REG(apic, Apiceoi) = 0;
		eoi();
		break;
	case Apicldr:
		REG(apic, Apicldr) = v & 0xff000000;
		break;
	case Apicdfr:
		REG(apic, Apicdfr) = v | 0x0fffffff;
		break;
	case Apicsvr:
		REG(apic, Apicsvr) = v & 0x3ff;
		if(!(v & Svrenable))
			for(i = 0; i < Nlvt; i++)
				REG(apic, apiclvt(i)) |= Lvtmasked;
		break;
	case Apicesr:
		REG(apic, Apicesr) = apic->esr;
		apic->esr = 0;
		break;
	case Apicicrlo:
		/* delivered at once: never busy */
		REG(apic, Apicicrlo) = v & ~Icrpending;
		sendipi();
		break;
	case Apicicrhi:
		REG(apic, Apicicrhi) = v & 0xff000000;
		break;
	case Apicinitcount:
		if(deadlinemode()){
			REG(apic, Apicinitcount) = 0;
			break;
		}
		REG(apic, Apicinitcount) = v;
		loadcount();
		break;
	case Apicdivide:
		REG(apic, Apicdivide) = v & 0xb;
		loadcount();
		break;
	default:
		/* a new timer mode takes effect when the count next reaches 0 */
		if(r >= Apiclvt && r < apiclvt(Nlvt))
			setlvt((r - Apiclvt) / 0x10, v);
		else
			REG(apic, r) = 0;
	}
}

/* Registers take 32-bit aligned writes; other writes are dropped. */
static void
lapicwrite(Iodev*, uvlong addr, int size, u64int val)
{
	int r;

	r = addr - Lapicbase;
	if(size != 4 || (r & 0xf) != 0)
		return;
	if(r == Apicver || r == Apicppr || r == Apiccurcount || (r >= Apicisr && r < Apicesr))
		return;
	regwrite(r, val);
}

/* The processor put the guest's write of register r in the page (an apicwrite exit). */
void
lapicwritten(int r)
{
	if((r & 0xf) == 0 && r < Lapiclen)
		regwrite(r, REG(apic, r));
}

/* IA32_TSC_DEADLINE, which reads 0 outside TSC-deadline mode. */
u64int
lapicdeadline(void)
{
	return apic->deadline;
}

/*
 * A write of IA32_TSC_DEADLINE: the guest's TSC reaches tsc when the
 * monitor's clock reads when. 0 disarms; outside TSC-deadline mode
 * the write is ignored.
 */
void
lapicsetdeadline(u64int tsc, vlong when)
{
	if(!deadlinemode())
		return;
	timerstop(&apic->timer);
	apic->deadline = tsc;
	if(tsc != 0)
		timerset(&apic->timer, when);
}

u32int
lapictpr(void)
{
	return REG(apic, Apictpr);
}

void
lapicsettpr(u32int tpr)
{
	REG(apic, Apictpr) = tpr & 0xff;
	setppr(apic);
}

/* Power-on state: software-disabled, LINT0 in virtual wire mode. */
static void
reset(int cpu)
{
	int i;

	apic = &apics[cpu];
	timerstop(&apic->timer);
	if(apic->reg == nil)
		apic->reg = apic->own;
	memset(apic->reg, 0, Lapiclen);
	memset(apic->want, 0, sizeof apic->want);
	memset(apic->wantlevel, 0, sizeof apic->wantlevel);
	apic->esr = 0;
	apic->start = 0;
	apic->deadline = 0;
	apic->id = cpu;
	REG(apic, Apicid) = cpu << 24;
	REG(apic, Apicver) = Version;
	REG(apic, Apicdfr) = ~0;
	REG(apic, Apicsvr) = 0xff;
	for(i = 0; i < Nlvt; i++)
		REG(apic, apiclvt(i)) = Lvtmasked;
	REG(apic, apiclvt(Llint0)) = Modeextint;
	apic->timer.fire = timerfire;
	apic->timer.aux = apic;
}

/*
 * The vCPU's registers live in its virtual-APIC page from now on, the
 * processor delivering from its IRR; before the devices start.
 */
void
lapicvirt(int cpu, u32int *page)
{
	Lapic *a;

	a = &apics[cpu];
	memmove(page, a->reg != nil ? a->reg : a->own, Lapiclen);
	a->reg = page;
	a->virt = 1;
}

/* The vCPU and its page are gone (a reset): the registers are the monitor's own again. */
void
lapicown(int cpu)
{
	Lapic *a;

	a = &apics[cpu];
	a->reg = a->own;
	a->virt = 0;
}

/* INIT: the power-on state but for the id (SDM Vol. 3, "Local APIC State After an INIT Reset"). */
void
lapicreset(int cpu)
{
	Lapic *was;

	was = apic;
	reset(cpu);
	apic = was;
}

static Iodev lapicmmio = {.name = "lapic", .base = Lapicbase, .len = Lapiclen,
	.read = lapicread, .write = lapicwrite};

static void
init(void)
{
	int i;

	ioregister(Iomem, &lapicmmio);
	for(i = 0; i < Maxcpu; i++)
		reset(i);
	apic = apics;
}

Vdev lapicdev = {"lapic", init};
