/*
 * The application processors: each one the MADT lists is started
 * through the code at APBOOT (apboot.s), one at a time, and comes to
 * squidboy on its own Mach's stack, then to the scheduler. Halted
 * processors are woken for ready processes.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "ureg.h"

extern char apboot[], apbootend[], apstart[];
extern uvlong apstack, apmach, apentry;

enum { Startms = 1000 };	/* how long a processor has to say it runs */

void
squidboy(Mach *mach)
{
	wrmsr(MSRGSBASE, (uintptr)mach);
	/* too late: mpinit gave up on it */
	if(machp[mach->machno] != mach)
		halt();
	mmuapinit();
	cpuidentify();
	idtload();
	gdtinit();
	fpuinit();
	vmxapinit();
	apicinit();
	apictimerinit();
	print("cpu%d: started, apic %d\n", m->machno, m->apicid);
	coherence();
	m->online = 1;
	schedinit();
}

/*
 * A process is ready: a halted processor looks for it. ready holds
 * no lock here, and the idle loop sets Mach.idle before it looks at
 * the run queue a last time.
 */
void
wakeidle(void)
{
	Mach *mp;
	int i;

	coherence();
	for(i = 0; i < conf.nmach; i++){
		mp = machp[i];
		if(mp != m && mp->idle && __atomic_exchange_n(&mp->idle, 0, __ATOMIC_SEQ_CST)){
			apicipi(mp->apicid, Vwake);
			return;
		}
	}
}

static void
wakeintr(Ureg*, void*)
{
}

/* Where the copy at APBOOT keeps the word that x names in the kernel. */
static uvlong*
low(uvlong *x)
{
	return KADDR(APBOOT + ((char*)x - apboot));
}

static int
startap(int machno, int apicid)
{
	Mach *mach;
	int i;

	mach = pagealloczero(MACHSIZE);
	if(mach == nil){
		print("cpu%d: no memory for its Mach\n", machno);
		return -1;
	}
	mach->self = mach;
	mach->machno = machno;
	mach->apicid = apicid;
	*low(&apstack) = (uintptr)mach + MACHSIZE;
	*low(&apmach) = (uintptr)mach;
	*low(&apentry) = (uintptr)apstart;
	machp[machno] = mach;
	coherence();
	apicstartap(apicid, APBOOT/BY2PG);
	for(i = 0; i < Startms && !mach->online; i++)
		microdelay(1000);
	if(!mach->online){
		print("cpu%d: apic %d did not start\n", machno, apicid);
		machp[machno] = nil;
		/* it may yet run: its Mach stays */
		return -1;
	}
	return 0;
}

void
mpinit(void)
{
	int i;

	if(acpi.ncpu < 2)
		return;
	intrenable(Vwake, wakeintr, nil, "wake");
	memmove(KADDR(APBOOT), apboot, apbootend - apboot);
	mmuapboot(KADDR(APPML4));
	for(i = 0; i < acpi.ncpu && conf.nmach < MAXMACH; i++){
		if(acpi.cpuapicid[i] == m->apicid)
			continue;
		if(startap(conf.nmach, acpi.cpuapicid[i]) == 0)
			conf.nmach++;
	}
}
