/*
 * The I/O APIC at its default address, 24 pins with ISA irq n on
 * pin n, each routed by its redirection entry to a vector of the
 * local APIC. ISA lines go to it and to the 8259 pair alike, as on a
 * PC; the guest masks the controller it does not use.
 *
 * Its pins behave as the 82093AA datasheet says: an edge on a masked
 * pin is lost; a level interrupt sets the entry's remote IRR when a
 * local APIC accepts it and is not sent again until an EOI of its
 * vector clears that, whereupon a line still asserted sends it again;
 * a level held while masked is sent on unmasking. An interrupt no
 * local APIC accepts (none is the destination, or only software-
 * disabled ones) is lost, but a level one leaves the remote IRR clear
 * and is sent again when its entry is next written. It is the version
 * 0x20 a PC chipset has, whose EOI register ends a vector's remote
 * IRR as a local APIC's EOI broadcast does.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Ioapiclen	= 0x1000,
	Npins		= Ioapicpins,

	Ioregsel	= 0x00,
	Iowin		= 0x10,
	Ioeoi		= 0x40,
	Rid		= 0x00,
	Rver		= 0x01,
	Rarb		= 0x02,
	Rredir		= 0x10,

	Version		= Ioapicversion | (Npins-1)<<16,

	/* redirection entry */
	Delmode		= 7<<8,		/* fixed and lowest priority are 0 and 1 */
	Lowest		= 1<<8,
	Destlogical	= 1<<11,
	Delivs		= 1<<12,
	Activelow	= 1<<13,
	Remoteirr	= 1<<14,
	Level		= 1<<15,
	Masked		= 1<<16,
	Writable	= 0xff0000000001afffULL,
};

static struct {
	u32int	sel;
	u32int	id;
	u64int	redir[Npins];
	u32int	lines;		/* input levels */
} io;

static int
asserted(int pin)
{
	return (io.lines >> pin & 1) != ((io.redir[pin] & Activelow) != 0);
}

/* Send the pin's vector if it is asserted and may be. */
static void
deliver(int pin)
{
	u64int r;
	int n;

	r = io.redir[pin];
	if((r & Masked) || !asserted(pin) || (r & Delmode) > Lowest)
		return;
	if((r & Level) && (r & Remoteirr))
		return;
	n = lapicdeliver(r >> 56, (r & Destlogical) != 0, r & 0xff, (r & Level) != 0, (r & Delmode) == Lowest);
	if((r & Level) && n > 0)
		io.redir[pin] |= Remoteirr;
}

static void
ioapicline(int pin, int level)
{
	int was;

	was = asserted(pin);
	if(level)
		io.lines |= 1<<pin;
	else
		io.lines &= ~(1<<pin);
	/* an edge interrupt is sent on the rising edge, a level one while asserted */
	if(asserted(pin) && (!was || (io.redir[pin] & Level)))
		deliver(pin);
}

void
irqline(int irq, int level)
{
	if(irq < 0 || irq >= 16)
		return;
	i8259line(irq, level);
	ioapicline(irq, level);
}

/* An EOI of level-triggered vec: the pins that sent it may send again. */
void
ioapiceoi(int vec)
{
	int i;

	for(i = 0; i < Npins; i++)
		if((io.redir[i] & 0xff) == vec && (io.redir[i] & Remoteirr)){
			io.redir[i] &= ~Remoteirr;
			deliver(i);
		}
}

static u32int
ioapicreg(u32int r)
{
	u64int e;

	switch(r){
	case Rid:
		return io.id;
	case Rver:
		return Version;
	case Rarb:
		return io.id;
	}
	if(r >= Rredir && r < Rredir + 2*Npins){
		e = io.redir[(r - Rredir) / 2];
		return r & 1 ? e >> 32 : e;
	}
	return 0;
}

static void
setioapicreg(u32int r, u32int v)
{
	u64int *e;
	int pin;

	if(r == Rid){
		io.id = v & 0x0f000000;
		return;
	}
	if(r < Rredir || r >= Rredir + 2*Npins)
		return;
	pin = (r - Rredir) / 2;
	e = &io.redir[pin];
	if(r & 1)
		*e = (*e & 0xffffffffULL) | (u64int)v << 32;
	else
		*e = (*e & ~0xffffffffULL) | v;
	*e = (*e & Writable) | (*e & (Remoteirr|Delivs));
	if(!(*e & Level))
		*e &= ~Remoteirr;
	/* a level interrupt held while masked is sent on unmasking */
	if(*e & Level)
		deliver(pin);
}

static u64int
ioapicread(Iodev*, uvlong addr, int size)
{
	switch(addr - Ioapicbase){
	case Ioregsel:
		return io.sel;
	case Iowin:
		return ioapicreg(io.sel);
	}
	return 0;
}

static void
ioapicwrite(Iodev*, uvlong addr, int size, u64int val)
{
	switch(addr - Ioapicbase){
	case Ioregsel:
		io.sel = val & 0xff;
		break;
	case Iowin:
		setioapicreg(io.sel, val);
		break;
	case Ioeoi:
		ioapiceoi(val & 0xff);
		break;
	}
}

/* Power-on state: every pin masked. */
static void
reset(void)
{
	int i;

	memset(&io, 0, sizeof io);
	for(i = 0; i < Npins; i++)
		io.redir[i] = Masked;
}

static Iodev ioapicmmio = {.name = "ioapic", .base = Ioapicbase, .len = Ioapiclen,
	.read = ioapicread, .write = ioapicwrite};

static void
init(void)
{
	ioregister(Iomem, &ioapicmmio);
	reset();
}

Vdev ioapicdev = {"ioapic", init};
