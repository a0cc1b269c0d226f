/*
 * Interrupt delivery through the local APIC, as the SDM (Vol. 3,
 * "Advanced Programmable Interrupt Controller") has it: vectors
 * requested while interrupts are off are taken highest first, one
 * each time the last one's EOI lowers the processor priority; only
 * a higher class than the TPR and the class in service gets in; an
 * EOI ends the highest vector in service. Self-IPIs make the
 * requests; each handler records its vector. Then the I/O APIC's
 * edge and level pins, and the interrupts that are lost: those a
 * software-disabled local APIC refuses, those for a local APIC that
 * no processor has.
 */
#include <u.h>
#include "guest.h"

enum {
	Rtpr	= 0x80,
	Rppr	= 0xa0,
	Rsvr	= 0xf0,
	Risr	= 0x100,
	Rirr	= 0x200,
	Ricrlo	= 0x300,
	Ricrhi	= 0x310,
	Rtimer	= 0x320,
	Rlint0	= 0x350,

	Toself	= 1<<18,
	Icrnmi	= 4<<8,
	Masked	= 1<<16,
	Maxtaken = 16,
	Settle	= 100000,	/* TSC ticks for what is deliverable to come in */
};

static volatile int taken[Maxtaken], ntaken;
static u32int lint0;
static volatile u32int pprseen, isrseen, nestedisr;

static volatile u32int*
lapicreg(int r)
{
	return (u32int*)(uintptr)(Lapic + r);
}

static int
bit(int base, int vec)
{
	return *lapicreg(base + 0x10*(vec/32)) >> vec%32 & 1;
}

static void
selfipi(int vec)
{
	*lapicreg(Ricrlo) = Toself | vec;
}

static void
took(int vec)
{
	if(ntaken < Maxtaken)
		taken[ntaken++] = vec;
}

/* Takes whatever may come in with interrupts open for a while. */
static void
settle(void)
{
	u64int t0;

	t0 = rdtsc();
	asm volatile("sti");
	while(rdtsc() - t0 < Settle)
		;
	asm volatile("cli");
}

/* Whether the handlers took exactly the vectors of want, in order. */
static int
tookinorder(char *name, int *want, int n)
{
	int i, ok;

	ok = ntaken == n;
	for(i = 0; i < n && ok; i++)
		ok = taken[i] == want[i];
	if(!ok){
		print("%s: took", name);
		for(i = 0; i < ntaken; i++)
			print(" 0x%x", taken[i]);
		print("\n");
	}
	ntaken = 0;
	return ok;
}

/*
 * The local APIC on, the 8259 kept out, its lines masked too: COM2's
 * irq 3 would stay requested there; finish lets it in again for the
 * checks after.
 */
static void
setup(int *vecs, int n)
{
	int i;

	for(i = 0; i < n; i++)
		lapichandler[vecs[i] - Vlapic0] = took;
	picinit(~0, ~0);
	*lapicreg(Rsvr) = 0x1ff;
	lint0 = *lapicreg(Rlint0);
	*lapicreg(Rlint0) = Masked;
	*lapicreg(Rtpr) = 0;
	ntaken = 0;
}

static void
finish(void)
{
	*lapicreg(Rtpr) = 0;
	*lapicreg(Rlint0) = lint0;
}

/* Five vectors of four classes requested at once, in no order. */
static void
order(char *arg)
{
	static int sent[] = {0x41, 0xe1, 0x3a, 0x7e, 0x52};
	static int want[] = {0xe1, 0x7e, 0x52, 0x41, 0x3a};
	int i, pending;

	setup(sent, nelem(sent));
	for(i = 0; i < nelem(sent); i++)
		selfipi(sent[i]);
	pending = 1;
	for(i = 0; i < nelem(sent); i++)
		pending &= bit(Rirr, sent[i]) && !bit(Risr, sent[i]);
	settle();
	finish();
	check("lapicorder", tookinorder("lapicorder", want, nelem(want)) && pending,
		"taken out of priority order, or in service before taken");
}

static void
tprtook(int vec)
{
	took(vec);
	pprseen = *lapicreg(Rppr);
}

/*
 * The TPR, raised after two were requested, holds back its class and
 * those below; the PPR shows the class in service.
 */
static void
tpr(char *arg)
{
	static int sent[] = {0x45, 0x62, 0x55};
	static int first[] = {0x62};
	static int then[] = {0x55, 0x45};
	int ok, held;

	setup(sent, nelem(sent));
	lapichandler[0x62 - Vlapic0] = tprtook;
	selfipi(0x45);
	selfipi(0x55);
	*lapicreg(Rtpr) = 0x50;
	selfipi(0x62);
	settle();
	ok = tookinorder("lapictpr", first, nelem(first));
	held = bit(Rirr, 0x45) && bit(Rirr, 0x55) && *lapicreg(Rppr) == 0x50;
	*lapicreg(Rtpr) = 0;
	settle();
	ok &= tookinorder("lapictpr", then, nelem(then));
	finish();
	check("lapictpr", ok && held && pprseen == 0x60,
		"held %d, ppr in 0x62 0x%ux", held, pprseen);
}

/*
 * In 0x41's handler with interrupts open: 0x92 comes in at once and
 * its EOI ends it, not 0x41; 0x43, in 0x41's class, waits for 0x41's.
 */
static void
nest41(int vec)
{
	took(vec);
	asm volatile("sti");
	selfipi(0x43);
	selfipi(0x92);
	isrseen = bit(Risr, 0x41) && !bit(Risr, 0x92) && !bit(Risr, 0x43) && bit(Rirr, 0x43);
	pprseen = *lapicreg(Rppr);
	asm volatile("cli");
}

static void
nest92(int vec)
{
	took(vec);
	nestedisr = bit(Risr, 0x41) && bit(Risr, 0x92);
}

static void
nesting(char *arg)
{
	static int sent[] = {0x43};
	static int want[] = {0x41, 0x92, 0x43};

	setup(sent, nelem(sent));
	lapichandler[0x41 - Vlapic0] = nest41;
	lapichandler[0x92 - Vlapic0] = nest92;
	selfipi(0x41);
	settle();
	finish();
	check("lapicnest", tookinorder("lapicnest", want, nelem(want)) && isrseen && nestedisr && pprseen == 0x40,
		"isr after 0x92 %d, isr in 0x92 %d, ppr 0x%ux", isrseen, nestedisr, pprseen);
}

/*
 * The I/O APIC's pins as the 82093AA datasheet has them, with the EOI
 * register of version 0x20. COM2's THR-empty interrupt is the line:
 * enabling it in the IER raises irq 3 while the THR stays empty,
 * disabling it drops the line; the handler drops it on its drop'th
 * interrupt.
 */
enum {
	Ioapic	= 0xfec00000,
	Ioregsel = 0x00,
	Iowin	= 0x10,
	Ioeoi	= 0x40,
	Ioapicver = 0x01,
	Redir3	= 0x10 + 2*3,	/* COM2's pin, irq 3 */

	Pinmasked = 1<<16,
	Level	= 1<<15,
	Pinlogical = 1<<11,
	Remoteirr = 1<<14,

	Com2	= 0x2f8,
	Ier	= 1,
	Ethre	= 1<<1,
	Vcom2	= 0x83,
};

static volatile int com2n, com2drop;

static u32int
ioapicrd(int r)
{
	*(volatile u32int*)(Ioapic + Ioregsel) = r;
	return *(volatile u32int*)(Ioapic + Iowin);
}

static void
ioapicwr(int r, u32int v)
{
	*(volatile u32int*)(Ioapic + Ioregsel) = r;
	*(volatile u32int*)(Ioapic + Iowin) = v;
}

void
com2line(int up)
{
	outb(Com2+Ier, up ? Ethre : 0);
}

static void
com2(int vec)
{
	if(++com2n == com2drop)
		com2line(0);
}

/*
 * For smp.c: COM2's pin sends vec, edge-triggered, to the logical
 * destination dest; vec 0 masks it.
 */
void
com2route(int vec, int dest)
{
	ioapicwr(Redir3+1, (u32int)dest<<24);
	ioapicwr(Redir3, vec != 0 ? Pinlogical | vec : Pinmasked);
}

/* Takes what comes with the pin set to entry; returns how many, the line dropped on the drop'th. */
static int
pin(u32int entry, int drop)
{
	com2n = 0;
	com2drop = drop;
	ioapicwr(Redir3, entry);
	settle();
	return com2n;
}

static void
ioapic(char *arg)
{
	u32int ver, rirr, rirrdown, rirreoi;
	int level, held, unmasked, eoireg, lost, edge;

	setup(nil, 0);
	lapichandler[Vcom2 - Vlapic0] = com2;
	ver = ioapicrd(Ioapicver) & 0xff;
	ioapicwr(Redir3+1, 0);		/* to local APIC 0 */

	/* level: remote IRR set on delivery; the line held through two EOIs is sent thrice */
	ioapicwr(Redir3, Pinmasked | Level | Vcom2);
	com2line(1);
	rirr = ioapicrd(Redir3) & Remoteirr;
	ioapicwr(Redir3, Level | Vcom2);
	rirr = !rirr && (ioapicrd(Redir3) & Remoteirr) && bit(Rirr, Vcom2);
	level = pin(Level | Vcom2, 3) == 3 && !(ioapicrd(Redir3) & Remoteirr);

	/* masked while held: sent on unmasking */
	ioapicwr(Redir3, Pinmasked | Level | Vcom2);
	com2line(1);
	held = pin(Pinmasked | Level | Vcom2, 1) == 0;
	unmasked = pin(Level | Vcom2, 1) == 1;

	/* the remote IRR stays when the line drops; the EOI register ends it */
	com2line(1);
	com2line(0);
	rirrdown = ioapicrd(Redir3) & Remoteirr;
	*(volatile u32int*)(Ioapic + Ioeoi) = Vcom2;
	rirreoi = ioapicrd(Redir3) & Remoteirr;
	eoireg = pin(Level | Vcom2, 0) == 1 && rirrdown && !rirreoi;

	/* edge: lost while masked; a line held through the EOI is sent once */
	ioapicwr(Redir3, Pinmasked | Vcom2);
	com2line(1);
	com2line(0);
	lost = pin(Vcom2, 0) == 0;
	com2line(1);
	edge = pin(Vcom2, 0) == 1;
	com2line(0);

	ioapicwr(Redir3, Pinmasked);
	finish();
	print("ioapic version 0x%x\n", ver);
	check("ioapic", ver == 0x20 && rirr && level && held && unmasked && eoireg && lost && edge,
		"remote irr %d, level %d, held %d, unmasked %d, eoi register %d, edge lost %d, edge %d",
		rirr, level, held, unmasked, eoireg, lost, edge);
}

/*
 * A software-disabled local APIC (SDM Vol. 3, "Local APIC State
 * After It Has Been Software Disabled") refuses fixed interrupts,
 * a self-IPI and the I/O APIC's alike, holds the one requested
 * before, takes an NMI, and keeps its LVT entries masked.
 */
static void
apicoff(char *arg)
{
	static int sent[] = {0x45, 0x46, Vcom2};
	static int want[] = {0x45};
	u64int t0;
	int refused, held, nmi, masked, nmi0;

	setup(sent, nelem(sent));
	ioapicwr(Redir3+1, 0);
	ioapicwr(Redir3, Pinmasked | Vcom2);
	selfipi(0x45);
	*lapicreg(Rsvr) = 0xff;
	selfipi(0x46);
	ioapicwr(Redir3, Vcom2);
	com2line(1);
	com2line(0);
	refused = bit(Rirr, 0x45) && !bit(Rirr, 0x46) && !bit(Rirr, Vcom2);
	settle();
	held = ntaken == 0;
	nmi0 = nmis;
	*lapicreg(Ricrhi) = 0;
	*lapicreg(Ricrlo) = Icrnmi;
	for(t0 = rdtsc(); nmis == nmi0 && rdtsc() - t0 < Settle; )
		;
	nmi = nmis == nmi0 + 1;
	*lapicreg(Rtimer) = 0x30;
	masked = (*lapicreg(Rtimer) & Masked) != 0;
	*lapicreg(Rsvr) = 0x1ff;
	settle();
	ioapicwr(Redir3, Pinmasked);
	finish();
	check("lapicoff", tookinorder("lapicoff", want, nelem(want)) && refused && held && nmi && masked,
		"refused %d, held %d, nmi %d, lvt masked %d", refused, held, nmi, masked);
}

/*
 * An I/O APIC interrupt for a local APIC no processor has is lost:
 * an edge for good, a level until its entry names one.
 */
static void
nodest(char *arg)
{
	static int want[] = {Vcom2};
	int edge, rirr, level;

	setup(want, nelem(want));
	ioapicwr(Redir3+1, 5<<24);
	ioapicwr(Redir3, Vcom2);
	com2line(1);
	com2line(0);
	settle();
	edge = ntaken == 0;
	lapichandler[Vcom2 - Vlapic0] = com2;
	com2n = 0;
	com2drop = 1;
	ioapicwr(Redir3, Level | Vcom2);
	com2line(1);
	settle();
	rirr = com2n == 0 && !(ioapicrd(Redir3) & Remoteirr);
	ioapicwr(Redir3+1, 0);
	settle();
	level = com2n == 1;
	ioapicwr(Redir3, Pinmasked);
	finish();
	check("ioapicnodest", edge && rirr && level, "edge lost %d, no remote irr %d, level sent once named %d",
		edge, rirr, level);
}

Check intrchecks[] = {
	{"lapicorder", order},
	{"lapictpr", tpr},
	{"lapicnest", nesting},
	{"ioapic", ioapic},
	{"lapicoff", apicoff},
	{"ioapicnodest", nodest},
	{nil, nil},
};
