/*
 * Several processors, as a PC's kernel starts and uses them: the
 * boot processor sends INIT and SIPI to each other local APIC, which
 * starts in real mode at the page the SIPI names, goes to protected
 * mode and counts the IPIs and its own timer's interrupts it takes;
 * then the boot processor sends itself an NMI. 32-bit guests only:
 * the trampoline enters 32-bit protected mode.
 */
#include <u.h>
#include "guest.h"

enum {
	Maxap	= 8,
	Apstack	= 4096,
	Trampoline = 0x8000,	/* where the trampoline runs: SIPI vector 8 */

	Rid	= 0x20,
	Rldr	= 0xd0,
	Rdfr	= 0xe0,
	Reoi	= 0xb0,
	Rsvr	= 0xf0,
	Ricrlo	= 0x300,
	Ricrhi	= 0x310,
	Rtimer	= 0x320,
	Rlint0	= 0x350,
	Rinit	= 0x380,
	Rdiv	= 0x3e0,

	Icrinit	= 5<<8 | 1<<14,
	Icrsipi	= 6<<8,
	Icrnmi	= 4<<8,
	Icrlogical = 1<<11,
	Icrlowest = 1<<8,
	Toself	= 1<<18,
	Toothers = 3<<18,
	Masked	= 1<<16,
	Periodic = 1<<17,
	Dfrcluster = 0x0fffffff,

	Vtick	= Vlapic0,		/* the lowest: ticks must not hold IPIs back */
	Vanswer	= 0x60,		/* plus the AP's id, to the boot processor: two of one vector may merge */
	Vipi	= Vlapic0+15,	/* to an AP; the second one makes it answer */
	Vlowest	= 0x70,		/* to all APs in lowest priority mode */
	Vcluster = 0x78,	/* to logical destinations in the cluster model */
	Vclowest = 0x79,	/* the same, in lowest priority mode */
	Vcom2	= 0x7a,		/* COM2's I/O APIC pin */

	Wait	= 200000000,	/* TSC ticks (instructions under Bochs) to wait for a processor */
	Ticks	= 5,
};

static volatile u32int*
lapicreg(int r)
{
	return (u32int*)(uintptr)(Lapic + r);
}

void
lapiceoi(void)
{
	*lapicreg(Reoi) = 0;
}

#ifndef __x86_64__

static volatile int boots[Maxap], ipis[Maxap], ticks[Maxap], answers;
static volatile int spinreq[Maxap], spinning[Maxap], lowests, initbsp;
static volatile int ldrreq[Maxap], ldrset[Maxap], took[Maxap];
static int nup;		/* processors up, after smp */
static uchar stacks[Maxap][Apstack];
uintptr apsp;		/* the next AP's stack, for the trampoline */

void	apmain(void);

/* Copied to Trampoline: real mode to flat 32-bit protected mode, then apmain on apsp. */
asm(
	".code16\n"
	".globl apboot, apbootend\n"
	"apboot:\n"
	"	cli\n"
	"	xorw %ax, %ax\n"
	"	movw %ax, %ds\n"
	"	lgdtl 0x8000 + (apgdt - apboot)\n"
	"	movl %cr0, %eax\n"
	"	orl $1, %eax\n"
	"	movl %eax, %cr0\n"
	"	ljmpl $0x08, $(0x8000 + (ap32 - apboot))\n"
	".code32\n"
	"ap32:\n"
	"	movl $0x10, %eax\n"
	"	movw %ax, %ds\n"
	"	movw %ax, %es\n"
	"	movw %ax, %ss\n"
	"	movl apsp, %esp\n"
	"	movl $apmain, %eax\n"
	"	call *%eax\n"
	"1:	hlt\n"
	"	jmp 1b\n"
	"apgdt:\n"
	"	.word 31\n"
	"	.long gdt\n"
	"apbootend:\n"
	".text\n"
);
extern char apboot[], apbootend[];

static int
myid(void)
{
	return *lapicreg(Rid) >> 24;
}

static void
send(int dest, u32int lo)
{
	*lapicreg(Ricrhi) = (u32int)dest << 24;
	*lapicreg(Ricrlo) = lo;
}

static void
ipi(int)
{
	int id;

	id = myid();
	if(++ipis[id] == 2){
		*lapicreg(Ricrhi) = 0;
		*lapicreg(Ricrlo) = Vanswer + id;
	}
}

static void
tick(int)
{
	ticks[myid()]++;
}

static void
answer(int)
{
	answers++;
}

static void
lowest(int)
{
	__atomic_add_fetch(&lowests, 1, __ATOMIC_SEQ_CST);
}

/* An AP's C entry: its own local APIC, logical id 1<<id, and a timer. */
void
apmain(void)
{
	int id;

	trapinit();
	id = myid();
	boots[id]++;
	*lapicreg(Rsvr) = 0x1ff;
	*lapicreg(Rlint0) = Masked;
	*lapicreg(Rldr) = 1 << (24 + id);
	*lapicreg(Rdiv) = 0xb;
	*lapicreg(Rtimer) = Periodic | Vtick;
	*lapicreg(Rinit) = 1000000;	/* 10 ms at 100 MHz */
	for(;;){
		/* asked to, spin with interrupts open and no exits */
		if(spinreq[id]){
			spinning[id] = 1;
			asm volatile("sti");
			while(spinreq[id])
				;
			asm volatile("cli");
			spinning[id] = 0;
		}
		/* asked to, take a logical id in the cluster model */
		if(ldrreq[id]){
			*lapicreg(Rdfr) = Dfrcluster;
			*lapicreg(Rldr) = ldrreq[id] << 24;
			ldrreq[id] = 0;
			ldrset[id] = 1;
		}
		/* asked to, send the boot processor INIT */
		if(initbsp == id){
			initbsp = 0;
			send(0, Icrinit);
		}
		asm volatile("sti; hlt; cli");
	}
}

static void
pause(u64int ticks)
{
	u64int t0;

	t0 = rdtsc();
	while(rdtsc() - t0 < ticks)
		;
}

static uchar
sum(uchar *p, int n)
{
	uchar s;

	for(s = 0; n-- > 0; p++)
		s += *p;
	return s;
}

/* Waits until *p reaches n; 0 if it did not in time. */
static int
await(volatile int *p, int n)
{
	u64int t0;

	t0 = rdtsc();
	while(*p < n)
		if(rdtsc() - t0 > Wait)
			return 0;
	return 1;
}

static void
smp(char *arg)
{
	uchar *p;
	u32int lint0;
	int n, i, ok;

	n = arg != nil ? parsesize(arg) : 2;
	if(n < 2 || n > Maxap){
		check("smp", 0, "smp=%d: between 2 and %d", n, Maxap);
		return;
	}
	lapichandler[Vtick - Vlapic0] = tick;
	lapichandler[Vipi - Vlapic0] = ipi;
	for(i = 1; i < n; i++)
		lapichandler[Vanswer + i - Vlapic0] = answer;
	*lapicreg(Rsvr) = 0x1ff;
	lint0 = *lapicreg(Rlint0);
	*lapicreg(Rlint0) = Masked;	/* the 8259 is for the checks after this one */
	for(p = (uchar*)Trampoline, i = 0; i < apbootend - apboot; i++)
		p[i] = apboot[i];
	for(i = 1; i < n; i++){
		apsp = (uintptr)stacks[i] + Apstack;
		send(i, Icrinit);
		send(i, Icrsipi | Trampoline >> 12);
		if(!await(&boots[i], 1)){
			check("smp", 0, "cpu%d did not start", i);
			return;
		}
		/* a second SIPI, as kernels send, finds it running */
		send(i, Icrsipi | Trampoline >> 12);
	}
	print("smp %d processors up\n", n);
	asm volatile("sti");
	ok = 1;
	for(i = 1; i < n && ok; i++){
		send(i, Vipi);
		ok = await(&ipis[i], 1);
	}
	if(!ok){
		check("smp", 0, "cpu%d took no fixed IPI", i-1);
		return;
	}
	send(0, Toothers | Vipi);
	for(i = 1; i < n && ok; i++)
		ok = await(&ipis[i], 2);
	if(!ok || !await(&answers, n-1)){
		check("smp", 0, "broadcast: cpu%d ipis %d, %d answers", i-1, ipis[i-1], answers);
		return;
	}
	send(1<<1, Icrlogical | Vipi);
	if(!await(&ipis[1], 3)){
		check("smp", 0, "cpu1 took no logical IPI");
		return;
	}
	for(i = 1; i < n && ok; i++)
		ok = await(&ticks[i], Ticks);
	if(!ok){
		check("smp", 0, "cpu%d's timer: %d ticks", i-1, ticks[i-1]);
		return;
	}
	send(0, Toself | Icrnmi);
	ok = await(&nmis, 1);
	asm volatile("cli");
	*lapicreg(Rlint0) = lint0;
	for(i = 1; i < n; i++)
		print("cpu%d boots %d ipis %d ticks %d\n", i, boots[i], ipis[i], ticks[i]);
	print("answers %d nmis %d\n", answers, nmis);
	for(i = 2; i < n; i++)
		if(ipis[i] != 2)
			ok = 0;
	for(i = 1; i < n; i++)
		if(boots[i] != 1)
			ok = 0;
	check("smp", ok && ipis[1] == 3 && answers == n-1 && nmis == 1, "counts wrong");
	nup = n;
}

/*
 * The last AP, spinning in the guest where nothing makes it exit,
 * takes an NMI and a fixed IPI from this processor.
 */
static void
spin(char *arg)
{
	int id, nmi0, ipi0, ok;
	u64int t0;

	if(nup < 2){
		check("smpspin", 0, "no AP: run smp first");
		return;
	}
	id = nup - 1;
	spinreq[id] = 1;
	ok = await(&spinning[id], 1);
	nmi0 = nmis;
	ipi0 = ipis[id];
	t0 = rdtsc();
	send(id, Icrnmi);
	ok &= await(&nmis, nmi0+1);
	send(id, Vipi);
	ok &= await(&ipis[id], ipi0+1);
	print("smpspin: cpu%d took both in %lud ticks\n", id, (ulong)(rdtsc() - t0));
	spinreq[id] = 0;
	check("smpspin", ok, "cpu%d spinning: %d nmis, %d ipis", id, nmis - nmi0, ipis[id] - ipi0);
}

/* An IPI in lowest priority mode to every AP's logical id is taken by one of them. */
static void
lowestprio(char *arg)
{
	int i, mask, ok;

	if(nup < 2){
		check("smplowest", 0, "no AP: run smp first");
		return;
	}
	lapichandler[Vlowest - Vlapic0] = lowest;
	mask = 0;
	for(i = 1; i < nup; i++)
		mask |= 1<<i;
	send(mask, Icrlogical | Icrlowest | Vlowest);
	ok = await(&lowests, 1);
	pause(Wait/10);
	check("smplowest", ok && lowests == 1, "taken %d times", lowests);
}

static void
tookit(int)
{
	__atomic_add_fetch(&took[myid()], 1, __ATOMIC_SEQ_CST);
}

/* Which processors took one each of what was sent since took was cleared, as bits; -1 if one took more. */
static int
takers(void)
{
	int i, m;

	m = 0;
	for(i = 0; i < nup; i++){
		if(took[i] > 1)
			return -1;
		if(took[i] == 1)
			m |= 1<<i;
	}
	return m;
}

enum {
	Sfixed,
	Slowest,
	Snmi,
	Sioapic,
};

/*
 * Clears took, sends to the logical destination dest, waits for the
 * processors of wait and for strays: who took it, as takers says.
 */
static int
sendto(int how, int dest, int wait)
{
	int i;

	for(i = 0; i < nup; i++)
		took[i] = 0;
	switch(how){
	case Sfixed:
		send(dest, Icrlogical | Vcluster);
		break;
	case Slowest:
		send(dest, Icrlogical | Icrlowest | Vclowest);
		break;
	case Snmi:
		send(dest, Icrlogical | Icrnmi);
		break;
	case Sioapic:
		com2route(Vcom2, dest);
		com2line(1);
		com2line(0);
		break;
	}
	for(i = 0; i < nup; i++)
		if(wait & 1<<i)
			await(&took[i], 1);
	pause(Wait/20);
	return takers();
}

static void
nmitook(void)
{
	tookit(Vnmi);
}

/*
 * The cluster model of logical destinations (SDM Vol. 3, "Logical
 * Destination Mode"): cpu0 and cpu1 are members 1 and 2 of cluster 0,
 * cpu2 member 1 of cluster 1. Fixed IPIs, NMIs and the I/O APIC's
 * interrupts reach the members named in the cluster named, all ones
 * reaches everyone; in lowest priority mode one of those named takes
 * it; INIT stops the one named alone. Needs three processors.
 */
static void
cluster(char *arg)
{
	static char *hows[] = {"fixed", "lowest", "nmi", "ioapic"};
	static struct {
		int	how;
		int	dest;
		int	want;
	} sends[] = {
		{Sfixed, 0x02, 1<<1},		/* one member */
		{Sfixed, 0x03, 1<<0 | 1<<1},	/* two */
		{Sfixed, 0x11, 1<<2},		/* another cluster's */
		{Sfixed, 0x14, 0},		/* a member cluster 1 lacks */
		{Sfixed, 0x21, 0},		/* a cluster with no one */
		{Sfixed, 0xff, 1<<0 | 1<<1 | 1<<2},
		{Slowest, 0x13, 1<<2},
		{Snmi, 0x11, 1<<2},
		{Snmi, 0x21, 0},
		{Sioapic, 0x11, 1<<2},
		{Sioapic, 0x12, 0},
	};
	u32int lint0;
	int i, ok, got, t1, t2, stopped, restarted;

	if(nup != 3){
		check("smpcluster", 0, "run smp=3 first");
		return;
	}
	lapichandler[Vcluster - Vlapic0] = tookit;
	lapichandler[Vclowest - Vlapic0] = tookit;
	lapichandler[Vcom2 - Vlapic0] = tookit;
	lint0 = *lapicreg(Rlint0);
	*lapicreg(Rlint0) = Masked;	/* COM2's irq stays out of the 8259's path */
	*lapicreg(Rdfr) = Dfrcluster;
	*lapicreg(Rldr) = 0x01 << 24;
	ldrreq[1] = 0x02;
	ldrreq[2] = 0x11;
	ok = await(&ldrset[1], 1) && await(&ldrset[2], 1);
	nmitrap = nmitook;
	asm volatile("sti");
	for(i = 0; i < nelem(sends) && ok; i++){
		got = sendto(sends[i].how, sends[i].dest, sends[i].want);
		if(got != sends[i].want){
			print("smpcluster: %s to 0x%x taken by 0x%x, want 0x%x\n",
				hows[sends[i].how], sends[i].dest, got, sends[i].want);
			ok = 0;
		}
	}
	/* lowest priority to two: one of them takes it */
	if(ok){
		got = sendto(Slowest, 0x03, 0);
		ok = got == 1<<0 || got == 1<<1;
		if(!ok)
			print("smpcluster: lowest to 0x3 taken by 0x%x\n", got);
	}
	nmitrap = nil;
	com2route(0, 0);
	asm volatile("cli");
	*lapicreg(Rlint0) = lint0;
	if(!ok){
		check("smpcluster", 0, "interrupts to the wrong processors");
		return;
	}
	/* INIT to cpu2 alone: its ticks stop, cpu1's go on, a SIPI restarts it */
	send(0x11, Icrlogical | Icrinit);
	pause(Wait/20);
	t1 = ticks[1];
	t2 = ticks[2];
	pause(Wait/4);
	stopped = ticks[2] == t2 && ticks[1] > t1;
	apsp = (uintptr)stacks[2] + Apstack;
	send(2, Icrsipi | Trampoline >> 12);
	restarted = await(&boots[2], 2);
	check("smpcluster", stopped && restarted, "init to cluster 1's member 1: cpu2 stopped %d, restarted %d", stopped, restarted);
}

/* INIT stops cpu1, its timer too, until a SIPI starts it again from the trampoline. */
static void
init(char *arg)
{
	int t, stopped, restarted;

	if(nup < 2){
		check("smpinit", 0, "no AP: run smp first");
		return;
	}
	send(1, Icrinit);
	pause(Wait/20);
	t = ticks[1];
	pause(Wait/4);
	stopped = ticks[1] == t;
	apsp = (uintptr)stacks[1] + Apstack;
	send(1, Icrsipi | Trampoline >> 12);
	restarted = await(&boots[1], 2);
	check("smpinit", stopped && restarted, "cpu1 after INIT: %d ticks, boots %d", ticks[1] - t, boots[1]);
}

/*
 * INIT from cpu1 sends this processor, the boot processor, back to the
 * reset vector, where a PC's firmware restarts the machine: vmx ends
 * with status reset (smp.rc checks it) before this can say it ran on.
 */
static void
initboot(char *arg)
{
	if(nup < 2){
		check("smpinitbsp", 0, "no AP: run smp first");
		return;
	}
	initbsp = 1;
	pause(Wait);
	check("smpinitbsp", 0, "ran on after INIT from cpu1");
}

/* The MP floating pointer, on a 16-byte boundary in [lo, hi) with a good checksum. */
static uchar*
mpfind(uintptr lo, uintptr hi)
{
	uchar *p;

	for(p = (uchar*)lo; p + 16 <= (uchar*)hi; p += 16)
		if(memcmp(p, "_MP_", 4) == 0 && p[8] == 1 && sum(p, 16) == 0)
			return p;
	return nil;
}

/*
 * The MP configuration table (MultiProcessor Specification 1.4)
 * found where the spec says to look without an EBDA: the last KB of
 * base memory, the BIOS ROM. It must list want processors, one
 * the boot processor with this one's APIC id, the buses, the I/O APIC
 * and ISA irq 4 on pin 4.
 */
static void
mptable(char *arg)
{
	uchar *fp, *t, *e, *p;
	int want, procs, bp, buses, ioapics, com1, extint, bad;

	want = arg != nil ? parsesize(arg) : 0;
	fp = mpfind(639*1024, 640*1024);
	if(fp == nil)
		fp = mpfind(0xf0000, 0x100000);
	if(fp == nil){
		check("mptable", 0, "no floating pointer");
		return;
	}
	t = (uchar*)(uintptr)*(u32int*)(fp + 4);
	if(t == nil || memcmp(t, "PCMP", 4) != 0 || sum(t, *(u16int*)(t+4)) != 0){
		check("mptable", 0, "no configuration table, or a bad one, at 0x%lux", (ulong)t);
		return;
	}
	procs = bp = buses = ioapics = com1 = extint = bad = 0;
	e = t + *(u16int*)(t+4);
	for(p = t + 44; p < e && !bad; )
		switch(p[0]){
		case 0:
			if(p[3] & 1)
				procs++;
			if((p[3] & 2) && p[1] == myid())
				bp++;
			p += 20;
			break;
		case 1:
			if(memcmp(p+2, "PCI   ", 6) == 0 || memcmp(p+2, "ISA   ", 6) == 0)
				buses++;
			p += 8;
			break;
		case 2:
			if((p[3] & 1) && *(u32int*)(p+4) == 0xfec00000)
				ioapics++;
			p += 8;
			break;
		case 3:
			if(p[1] == 0 && p[5] == 4 && p[7] == 4)
				com1++;
			p += 8;
			break;
		case 4:
			if(p[1] == 3 && p[7] == 0)
				extint++;
			p += 8;
			break;
		default:
			bad = 1;
		}
	print("mptable at 0x%lux: %d processors, %d buses, %d I/O APICs\n", (ulong)fp, procs, buses, ioapics);
	check("mptable", !bad && procs == want && bp == 1 && buses == 2 && ioapics == 1 && com1 == 1 && extint == 1,
		"%d processors (want %d), boot processor %d, buses %d, I/O APICs %d, irq 4 %d, ExtINT %d, bad entry %d",
		procs, want, bp, buses, ioapics, com1, extint, bad);
}

Check smpchecks[] = {
	{"smp", smp},
	{"smpspin", spin},
	{"smplowest", lowestprio},
	{"smpinit", init},
	{"smpinitbsp", initboot},
	{"smpcluster", cluster},
	{"mptable", mptable},
	{nil, nil},
};

#else

Check smpchecks[] = {
	{nil, nil},
};

#endif
