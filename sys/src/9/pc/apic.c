/*
 * The local APIC: interrupt acknowledgement, each processor's
 * periodic clock, and interrupts between processors.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "ureg.h"

enum
{
	Msrapicbase	= 0x1b,
	Apicenable	= 1<<11,

	Rid		= 0x020,
	Rtpr		= 0x080,
	Reoi		= 0x0b0,
	Rsvr		= 0x0f0,
	Resr		= 0x280,
	Ricrlo		= 0x300,
	Ricrhi		= 0x310,
	Rlvttimer	= 0x320,
	Rlvtlint0	= 0x350,
	Rlvtlint1	= 0x360,
	Rlvterror	= 0x370,
	Rinitcount	= 0x380,
	Rcurcount	= 0x390,
	Rdivide		= 0x3e0,

	Svrenable	= 1<<8,
	Lvtmasked	= 1<<16,
	Lvtperiodic	= 1<<17,
	Lvtnmi		= 4<<8,
	Divide16	= 3,

	Icrfixed	= 0<<8,		/* Ricrlo: delivery mode */
	Icrinit		= 5<<8,
	Icrstartup	= 6<<8,
	Icrpending	= 1<<12,
	Icrassert	= 1<<14,
};

static volatile u32int *apicbase;
static u32int timercount;	/* per tick */

static u32int
apicr(int r)
{
	return apicbase[r/4];
}

static void
apicw(int r, u32int v)
{
	apicbase[r/4] = v;
}

int
apicid(void)
{
	return apicr(Rid) >> 24;
}

void
apiceoi(void)
{
	apicw(Reoi, 0);
}

static void
apicerror(Ureg*, void*)
{
	apicw(Resr, 0);
	iprint("cpu%d: apic error %#ux\n", m->machno, apicr(Resr));
}

static void
apicspurious(Ureg*, void*)
{
}

void
apicinit(void)
{
	uvlong base;

	base = rdmsr(Msrapicbase);
	wrmsr(Msrapicbase, base | Apicenable);
	apicbase = KADDR(base & ~0xfffULL);
	apicw(Rsvr, Svrenable | Vspurious);
	apicw(Rtpr, 0);
	apicw(Rlvtlint0, Lvtmasked);
	apicw(Rlvtlint1, m->machno == 0 ? Lvtnmi : Lvtmasked);
	apicw(Rlvterror, Vapicerror);
	apicw(Resr, 0);
	m->apicid = apicid();
	if(m->machno == 0){
		intrenable(Vapicerror, apicerror, nil, "apicerror");
		intrenable(Vspurious, apicspurious, nil, "spurious");
	}
}

static void
clockintr(Ureg*, void*)
{
	m->ticks++;
	if(m->machno == 0)
		timersrun();
	if(up != nil)
		up->cputime++;
}

/*
 * On the boot processor, count the APIC timer and the TSC against
 * 10 ms of the PIT; the others take its numbers. Then start the timer
 * at conf.hz.
 */
void
apictimerinit(void)
{
	u32int elapsed;
	uvlong tsc;

	apicw(Rdivide, Divide16);
	apicw(Rlvttimer, Lvtmasked | Vclock);
	if(m->machno == 0){
		apicw(Rinitcount, ~0U);
		tsc = rdtsc();
		pitwait(10);
		elapsed = ~0U - apicr(Rcurcount);
		tsc = rdtsc() - tsc;
		m->cpuhz = tsc * 100;
		timercount = elapsed * 100 / conf.hz;
		if(timercount == 0)
			timercount = 1;
		intrenable(Vclock, clockintr, nil, "clock");
	}else
		m->cpuhz = mach0.cpuhz;
	apicw(Rlvttimer, Lvtperiodic | Vclock);
	apicw(Rinitcount, timercount);
}

static void
icr(int apicid, u32int lo)
{
	apicw(Ricrhi, (u32int)apicid << 24);
	apicw(Ricrlo, lo);
	while(apicr(Ricrlo) & Icrpending)
		pause();
}

/* Interrupt the processor with the given APIC id with vector vec. */
void
apicipi(int apicid, int vec)
{
	uintptr s;

	s = splhi();
	icr(apicid, Icrfixed | Icrassert | vec);
	splx(s);
}

/*
 * INIT, then the startup IPI twice as the SDM's MP initialization
 * protocol has it (8.4.4.1), to start the processor in real mode at
 * page vec. The second is harmless if the first started it.
 */
void
apicstartap(int apicid, int vec)
{
	icr(apicid, Icrinit | Icrassert);
	microdelay(10*1000);
	icr(apicid, Icrstartup | Icrassert | vec);
	microdelay(200);
	icr(apicid, Icrstartup | Icrassert | vec);
	microdelay(200);
}
