/* PIT channel 0 as a periodic timer on IRQ 0 of the 8259 pair. */
#include <u.h>
#include "guest.h"

enum {
	Pic1	= 0x20,
	Pic2	= 0xa0,
	Icw1	= 0x11,	/* edge triggered, cascaded, ICW4 follows */
	Icw4	= 0x01,	/* 8086 mode */
	Eoi	= 0x20,

	Pitch0	= 0x40,
	Pitmode	= 0x43,
	Rategen	= 0x34,	/* channel 0, low then high byte, mode 2 */
	Pithz	= 1193182,
};

static volatile ulong ticks;

static void
tick(void)
{
	ticks++;
}

void
picinit(u8int mask1, u8int mask2)
{
	outb(Pic1, Icw1);
	outb(Pic2, Icw1);
	outb(Pic1+1, Virq0);
	outb(Pic2+1, Virq0+8);
	outb(Pic1+1, 1<<2);	/* slave on IRQ 2 */
	outb(Pic2+1, 2);	/* slave's cascade identity */
	outb(Pic1+1, Icw4);
	outb(Pic2+1, Icw4);
	outb(Pic1+1, mask1);
	outb(Pic2+1, mask2);
}

void
piceoi(int irq)
{
	if(irq >= 8)
		outb(Pic2, Eoi);
	outb(Pic1, Eoi);
}

void
timerinit(int hz)
{
	uint div;

	irqhandler[0] = tick;
	picinit(~1, ~0);
	div = Pithz / hz;
	outb(Pitmode, Rategen);
	outb(Pitch0, div);
	outb(Pitch0, div >> 8);
}

/* Sleep with interrupts on until N ticks have come; returns how many did. */
ulong
waitticks(ulong n)
{
	ulong start;

	start = ticks;
	while(ticks - start < n)
		asm volatile("sti; hlt; cli" ::: "memory");
	return ticks - start;
}

void
timerstop(void)
{
	outb(Pic1+1, 0xff);
	outb(Pic2+1, 0xff);
	irqhandler[0] = nil;
}
