/*
 * The MP configuration table (Intel MultiProcessor Specification
 * 1.4, chapter 4) beside the ACPI tables, for guests that find their
 * processors and interrupt routing the older way. The floating
 * pointer lies at the start of the BIOS ROM area, which the spec's
 * search covers, and the table after it lists each vCPU (the first
 * as the boot processor), the PCI and ISA buses, the I/O APIC, each
 * ISA irq on the pin of its number (the SCI level-triggered, active
 * high, as the MADT says), each PCI function's INTx on the pin its
 * interrupt line names (level-triggered, active high as the monitor's
 * lines are, and in place of that ISA irq), and the 8259's ExtINT on
 * the first vCPU's
 * LINT0, the one wired to it. There is no IMCR: the 8259 reaches the
 * processor in virtual wire mode. It lies in the legacy hole the
 * memory map reserves.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Mpaddr		= 0xf0000,
	Fplen		= 16,
	Hdrlen		= 44,
	Mpmax		= 0x1000,
	Specrev		= 4,		/* 1.4 */

	/* entry types and lengths */
	Eproc		= 0,
	Ebus		= 1,
	Eioapic		= 2,
	Eioint		= 3,
	Elocalint	= 4,
	Proclen		= 20,
	Otherlen	= 8,

	Enabled		= 1<<0,
	Bootproc	= 1<<1,

	/* interrupt types and flags */
	Intint		= 0,
	Intextint	= 3,
	Conforms	= 0,
	Highlevel	= 1<<0 | 3<<2,	/* active high, level-triggered */

	Pcibus		= 0,
	Isabus		= 1,
	Sciirq		= 9,
	Cascade		= 2,
};

static uchar*
entry(uchar *p, int type, int a, int b, int c)
{
	p[0] = type;
	p[1] = a;
	p[2] = b;
	p[3] = c;
	return p;
}

/* An interrupt assignment: from bus's irq to the I/O APIC's pin, or a local APIC's LINTn. */
static uchar*
intr(uchar *p, int type, int kind, int flags, int bus, int irq, int dest, int pin)
{
	p[0] = type;
	p[1] = kind;
	put16(p+2, flags);
	p[4] = bus;
	p[5] = irq;
	p[6] = dest;
	p[7] = pin;
	return p + Otherlen;
}

static void
init(void)
{
	uchar *fp, *t, *p;
	Pcidev *d;
	int i, n;
	u32int pcipins;	/* ISA irqs a PCI function's INTx uses */

	fp = memptr(Mpaddr, Mpmax);
	memset(fp, 0, Mpmax);
	t = fp + Fplen;
	p = t + Hdrlen;
	n = 0;
	for(i = 0; i < ncpu; i++, n++){
		entry(p, Eproc, i, Lapicversion, Enabled | (i == 0 ? Bootproc : 0));
		p += Proclen;
	}
	memmove(entry(p, Ebus, Pcibus, 0, 0) + 2, "PCI   ", 6);
	p += Otherlen;
	memmove(entry(p, Ebus, Isabus, 0, 0) + 2, "ISA   ", 6);
	p += Otherlen;
	entry(p, Eioapic, 0, Ioapicversion, Enabled);
	put32(p+4, Ioapicbase);
	p += Otherlen;
	n += 3;
	pcipins = 0;
	for(d = pcidevs(); d != nil; d = d->next)
		if(d->cfg[Pciintpin] != 0){
			p = intr(p, Eioint, Intint, Highlevel, Pcibus, d->dev<<2 | (d->cfg[Pciintpin]-1), 0, d->cfg[Pciintline]);
			pcipins |= 1 << d->cfg[Pciintline];
			n++;
		}
	for(i = 0; i < 16; i++)
		if(i != Cascade && !(pcipins >> i & 1)){
			p = intr(p, Eioint, Intint, i == Sciirq ? Highlevel : Conforms, Isabus, i, 0, i);
			n++;
		}
	p = intr(p, Elocalint, Intextint, Conforms, Isabus, 0, 0, 0);
	n++;
	if(p > fp + Mpmax)
		abort();

	memmove(t, "PCMP", 4);
	put16(t+4, p - t);
	t[6] = Specrev;
	memmove(t+8, "PLNINE  ", 8);
	memmove(t+16, "VMX         ", 12);
	put16(t+34, n);
	put32(t+36, Lapicbase);
	checksum(t, p - t, t+7);

	memmove(fp, "_MP_", 4);
	put32(fp+4, Mpaddr + Fplen);
	fp[8] = 1;		/* length in 16-byte units */
	fp[9] = Specrev;
	checksum(fp, Fplen, fp+10);
}

Vdev mptabledev = {"mptable", init};
