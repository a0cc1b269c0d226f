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
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Lapiclen	= 0x1000,
	Tick		= Sec/Lapichz,	/* ns per cycle of the timer's input */

	Rid		= 0x020,
	Rver		= 0x030,
	Rtpr		= 0x080,
	Rppr		= 0x0a0,
	Reoi		= 0x0b0,
	Rldr		= 0x0d0,
	Rdfr		= 0x0e0,
	Rsvr		= 0x0f0,
	Risr		= 0x100,
	Rtmr		= 0x180,
	Rirr		= 0x200,
	Resr		= 0x280,
	Ricrlo		= 0x300,
	Ricrhi		= 0x310,
	Rlvt		= 0x320,	/* timer, thermal, perfmon, LINT0, LINT1, error */
	Rinitcount	= 0x380,
	Rcurcount	= 0x390,
	Rdivide		= 0x3e0,

	Ltimer		= 0,
	Llint0		= 3,
	Lerror		= 5,
	Nlvt,

	Version		= Lapicversion | (Nlvt-1)<<16,
	Svrenable	= 1<<8,
	Lvtmasked	= 1<<16,
	Lvtperiodic	= 1<<17,
	Lvttimermode	= 3<<17,
	Lvtdeadline	= 2<<17,
	Lvtmode		= 7<<8,
	Extint		= 7<<8,
	Esrillegal	= 1<<7,		/* an illegal vector was sent or received */
	Icrbusy		= 1<<12,
	Icrlogical	= 1<<11,
	Icrassert	= 1<<14,
	Icrlevel	= 1<<15,
	Modefixed	= 0<<8,
	Modelowest	= 1<<8,
	Modenmi		= 4<<8,
	Modeinit	= 5<<8,
	Modesipi	= 6<<8,
};

typedef struct Lapic Lapic;
struct Lapic {
	int	id;
	u32int	tpr;
	u32int	ldr;
	u32int	dfr;
	u32int	svr;
	u32int	esr;		/* errors since the last write of ESR */
	u32int	esrseen;	/* what a read of ESR shows */
	u32int	icr[2];
	u32int	lvt[Nlvt];
	u32int	irr[8];
	u32int	isr[8];
	u32int	tmr[8];
	u32int	initcount;
	u32int	divide;
	vlong	start;		/* when the count was (re)loaded */
	u64int	deadline;	/* IA32_TSC_DEADLINE: the guest TSC awaited, 0 if disarmed */
	Timer	timer;
};

static Lapic apics[Maxcpu];
static Lapic *apic = apics;

/* The local APIC the next accesses and calls concern. */
void
lapicuse(int cpu)
{
	apic = &apics[cpu];
}

static int
testbit(u32int *v, int n)
{
	return v[n/32] >> n%32 & 1;
}

static void
setbit(u32int *v, int n, int on)
{
	if(on)
		v[n/32] |= 1 << n%32;
	else
		v[n/32] &= ~(1 << n%32);
}

/* The highest vector set in a 256-bit register, or -1. */
static int
highest(u32int *v)
{
	int i;

	for(i = 7; i >= 0; i--)
		if(v[i] != 0)
			return 32*i + 31 - __builtin_clz(v[i]);
	return -1;
}

/* Processor priority: the higher of the TPR and the class in service. */
static u32int
ppr(Lapic *a)
{
	int isv;

	isv = highest(a->isr);
	if(isv >= 0 && (isv & 0xf0) > (a->tpr & 0xf0))
		return isv & 0xf0;
	return a->tpr & 0xff;
}

/* Accept vec, as the I/O APIC or a local source sends it. */
void
lapicirq(int vec, int level)
{
	u32int e;

	if(vec < 16){
		apic->esr |= Esrillegal;
		e = apic->lvt[Lerror];
		if(!(e & Lvtmasked) && (e & 0xff) >= 16)
			lapicirq(e & 0xff, 0);
		return;
	}
	setbit(apic->irr, vec, 1);
	setbit(apic->tmr, vec, level);
}

/* Whether a is the physical or (flat model) logical destination dest. */
static int
isdest(Lapic *a, int dest, int logical)
{
	if(logical)
		return (a->ldr >> 24 & dest) != 0;
	return dest == 0xff || dest == a->id;
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
		if(testbit(to[i]->irr, vec) || testbit(to[i]->isr, vec))
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
		if(to[i]->svr & Svrenable)
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
	if(!(a->svr & Svrenable))
		return -1;
	v = highest(a->irr);
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
	if(vec < 0 || vec > 0xff || !testbit(a->irr, vec))
		return;
	setbit(a->irr, vec, 0);
	setbit(a->isr, vec, 1);
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
	return (apics[cpu].lvt[Llint0] & (Lvtmasked|Lvtmode)) == Extint;
}

static void
eoi(void)
{
	int v;

	v = highest(apic->isr);
	if(v < 0)
		return;
	setbit(apic->isr, v, 0);
	if(testbit(apic->tmr, v))
		ioapiceoi(v);
}

static vlong
cyclens(void)
{
	int d;

	/* divide by 2, 4, 8, 16, 32, 64, 128 or 1 from bits 0, 1 and 3 */
	d = (apic->divide & 3) | (apic->divide >> 1 & 4);
	return Tick * (d == 7 ? 1 : 2 << d);
}

static vlong
period(void)
{
	return apic->initcount * cyclens();
}

static int
deadlinemode(void)
{
	return (apic->lvt[Ltimer] & Lvttimermode) == Lvtdeadline;
}

static u32int
curcount(void)
{
	vlong n;

	if(apic->initcount == 0 || deadlinemode())
		return 0;
	n = (now() - apic->start) / cyclens();
	if(apic->lvt[Ltimer] & Lvtperiodic)
		return apic->initcount - n % apic->initcount;
	return n >= apic->initcount ? 0 : apic->initcount - n;
}

static void
timerfire(Timer *t)
{
	Lapic *was;
	vlong p;

	was = apic;
	apic = t->aux;
	if(!(apic->lvt[Ltimer] & Lvtmasked)){
		lapicirq(apic->lvt[Ltimer] & 0xff, 0);
		cpupoke(apic->id);
	}
	apic->deadline = 0;	/* a deadline gives one interrupt */
	p = period();
	if((apic->lvt[Ltimer] & Lvtperiodic) && p > 0){
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
	if(apic->initcount != 0)
		timerset(&apic->timer, apic->start + period());
}

static u32int
lapicreg(int r)
{
	switch(r){
	case Rid:
		return apic->id << 24;
	case Rver:
		return Version;
	case Rtpr:
		return apic->tpr;
	case Rppr:
		return ppr(apic);
	case Rldr:
		return apic->ldr;
	case Rdfr:
		return apic->dfr;
	case Rsvr:
		return apic->svr;
	case Resr:
		return apic->esrseen;
	case Ricrlo:
	case Ricrhi:
		return apic->icr[(r - Ricrlo) / 0x10];
	case Rinitcount:
		return apic->initcount;
	case Rcurcount:
		return curcount();
	case Rdivide:
		return apic->divide;
	}
	if(r >= Risr && r < Risr + 0x80)
		return apic->isr[(r - Risr) / 0x10];
	if(r >= Rtmr && r < Rtmr + 0x80)
		return apic->tmr[(r - Rtmr) / 0x10];
	if(r >= Rirr && r < Rirr + 0x80)
		return apic->irr[(r - Rirr) / 0x10];
	if(r >= Rlvt && r < Rlvt + 0x10*Nlvt)
		return apic->lvt[(r - Rlvt) / 0x10];
	return 0;
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
	if(((v ^ apic->lvt[Ltimer]) & Lvttimermode) == 0)
		return;
	if((v & Lvttimermode) != Lvtdeadline && !deadlinemode())
		return;
	timerstop(&apic->timer);
	apic->initcount = 0;
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

	if(!(apic->svr & Svrenable))
		v |= Lvtmasked;
	v &= bits[i];
	if(i == Ltimer)
		settimermode(v);
	apic->lvt[i] = v;
}

/* Whether the ICR's destination, as the sender's ICR gives it, includes a. */
static int
ipitarget(Lapic *from, Lapic *a)
{
	switch(from->icr[0] >> 18 & 3){
	case 1:
		return a == from;
	case 2:
		return 1;
	case 3:
		return a != from;
	}
	return isdest(a, from->icr[1] >> 24, (from->icr[0] & Icrlogical) != 0);
}

/* Send the IPI the ICR describes (SDM Vol. 3, "Issuing Interprocessor Interrupts"). */
static void
sendipi(void)
{
	Lapic *from, *a, *to[Maxcpu];
	int mode, vec, n;

	from = apic;
	mode = from->icr[0] & Lvtmode;
	vec = from->icr[0] & 0xff;
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
			if((from->icr[0] & (Icrassert|Icrlevel)) != Icrlevel)
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

/* Registers take 32-bit aligned writes; other writes are dropped. */
static void
lapicwrite(Iodev*, uvlong addr, int size, u64int val)
{
	int r, i;
	u32int v;

	r = addr - Lapicbase;
	if(size != 4 || (r & 0xf) != 0)
		return;
	v = val;
	switch(r){
	case Rtpr:
		lapicsettpr(v);
		break;
	case Reoi:
		eoi();
		break;
	case Rldr:
		apic->ldr = v & 0xff000000;
		break;
	case Rdfr:
		apic->dfr = v | 0x0fffffff;
		break;
	case Rsvr:
		apic->svr = v & 0x3ff;
		if(!(apic->svr & Svrenable))
			for(i = 0; i < Nlvt; i++)
				apic->lvt[i] |= Lvtmasked;
		break;
	case Resr:
		apic->esrseen = apic->esr;
		apic->esr = 0;
		break;
	case Ricrlo:
		/* delivered at once: never busy */
		apic->icr[0] = v & ~Icrbusy;
		sendipi();
		break;
	case Ricrhi:
		apic->icr[1] = v & 0xff000000;
		break;
	case Rinitcount:
		if(deadlinemode())
			break;
		apic->initcount = v;
		loadcount();
		break;
	case Rdivide:
		apic->divide = v & 0xb;
		loadcount();
		break;
	default:
		/* a new timer mode takes effect when the count next reaches 0 */
		if(r >= Rlvt && r < Rlvt + 0x10*Nlvt)
			setlvt((r - Rlvt) / 0x10, v);
	}
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
	return apic->tpr;
}

void
lapicsettpr(u32int tpr)
{
	apic->tpr = tpr & 0xff;
}

/* Power-on state: software-disabled, LINT0 in virtual wire mode. */
static void
reset(int cpu)
{
	int i;

	apic = &apics[cpu];
	timerstop(&apic->timer);
	memset(apic, 0, sizeof *apic);
	apic->id = cpu;
	apic->dfr = ~0;
	apic->svr = 0xff;
	for(i = 0; i < Nlvt; i++)
		apic->lvt[i] = Lvtmasked;
	apic->lvt[Llint0] = Extint;
	apic->timer.fire = timerfire;
	apic->timer.aux = apic;
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
