/*
 * The I/O APIC: ISA interrupts routed to the boot processor.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"

enum
{
	Ioregsel	= 0x00,
	Iowin		= 0x10,
	Rver		= 0x01,
	Rredir		= 0x10,

	Masked		= 1<<16,
	Level		= 1<<15,
	Activelow	= 1<<13,
};

static volatile u32int *ioapicaddr;
static int gsibase;
static int nredir;

static u32int
ioapicr(int r)
{
	ioapicaddr[Ioregsel/4] = r;
	return ioapicaddr[Iowin/4];
}

static void
ioapicw(int r, u32int v)
{
	ioapicaddr[Ioregsel/4] = r;
	ioapicaddr[Iowin/4] = v;
}

void
ioapicinit(void)
{
	int i;
	uvlong addr;

	addr = 0xfec00000;
	gsibase = 0;
	if(acpi.nioapic > 0){
		addr = acpi.ioapic[0].addr;
		gsibase = acpi.ioapic[0].gsibase;
	}
	ioapicaddr = KADDR(addr);
	nredir = ((ioapicr(Rver) >> 16) & 0xff) + 1;
	for(i = 0; i < nredir; i++){
		ioapicw(Rredir+2*i, Masked);
		ioapicw(Rredir+2*i+1, 0);
	}
}

/* Deliver ISA interrupt irq as vector vec to the boot processor. */
void
ioapicroute(int irq, int vec)
{
	int gsi, flags;
	u32int lo;

	gsi = acpi.isagsi[irq] - gsibase;
	if(gsi < 0 || gsi >= nredir)
		panic("ioapicroute: irq %d gsi %d out of range", irq, gsi);
	flags = acpi.isaflags[irq];
	lo = vec;
	if((flags & 3) == 3)
		lo |= Activelow;
	if(((flags >> 2) & 3) == 3)
		lo |= Level;
	ioapicw(Rredir+2*gsi+1, (u32int)mach0.apicid << 24);
	ioapicw(Rredir+2*gsi, lo);
}
