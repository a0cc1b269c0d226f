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
#include <xapic.h>

enum
{
	Msrapicbase	= 0x1b,
	Apicenable	= 1<<11,

	Divide16	= 3,
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
	return apicr(Apicid) >> 24;
}

void
apiceoi(void)
{
	apicw(Apiceoi, 0);
}

static void
apicerror(Ureg*, void*)
{
	apicw(Apicesr, 0);
	iprint("cpu%d: apic error %#ux\n", m->machno, apicr(Apicesr));
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
	apicw(Apicsvr, Svrenable | Vspurious);
	apicw(Apictpr, 0);
	apicw(apiclvt(Llint0), Lvtmasked);
	apicw(apiclvt(Llint1), m->machno == 0 ? Modenmi : Lvtmasked);
	apicw(apiclvt(Lerror), Vapicerror);
	apicw(Apicesr, 0);
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

	apicw(Apicdivide, Divide16);
	apicw(apiclvt(Ltimer), Lvtmasked | Vclock);
	if(m->machno == 0){
		apicw(Apicinitcount, ~0U);
		tsc = rdtsc();
		pitwait(10);
		elapsed = ~0U - apicr(Apiccurcount);
		tsc = rdtsc() - tsc;
		m->cpuhz = tsc * 100;
		timercount = elapsed * 100 / conf.hz;
		if(timercount == 0)
			timercount = 1;
		intrenable(Vclock, clockintr, nil, "clock");
	}else
		m->cpuhz = mach0.cpuhz;
	apicw(apiclvt(Ltimer), Lvtperiodic | Vclock);
	apicw(Apicinitcount, timercount);
}

static void
icr(int apicid, u32int lo)
{
	apicw(Apicicrhi, (u32int)apicid << 24);
	apicw(Apicicrlo, lo);
	while(apicr(Apicicrlo) & Icrpending)
		pause();
}

/* Interrupt the processor with the given APIC id with vector vec. */
void
apicipi(int apicid, int vec)
{
	uintptr s;

	s = splhi();
	icr(apicid, Modefixed | Icrassert | vec);
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
	icr(apicid, Modeinit | Icrassert);
	microdelay(10*1000);
	icr(apicid, Modesipi | Icrassert | vec);
	microdelay(200);
	icr(apicid, Modesipi | Icrassert | vec);
	microdelay(200);
}
