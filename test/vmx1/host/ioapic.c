#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

enum {
	Base	= 0xfec00000,
	Eoi	= 0xfee000b0,
	Irr	= 0xfee00200,
	Svr	= 0xfee000f0,
	Lint0	= 0xfee00350,
};

static u32int
rd(int r)
{
	mmiow(Base, r);
	return mmior(Base+0x10);
}

static void
wr(int r, u32int v)
{
	mmiow(Base, r);
	mmiow(Base+0x10, v);
}

/* The 8259 pair masked as the kernel leaves it, the local APIC enabled. */
static void
setup(void)
{
	ioapicdev.init();
	lapicdev.init();
	i8259dev.init();
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
	mmiow(Svr, 0x1ff);
	mmiow(Lint0, 1<<16);
}

int
main(void)
{
	u32int c;
	int v;

	lapicdev.init();
	ioapicdev.init();
	i8259dev.init();

	setup();
	check("version", rd(1) == 0x170020, "version %#x", rd(1));
	check("reset-masked", rd(0x10+2*4) == 1<<16, "pin 4 %#x", rd(0x10+2*4));
	wr(0x10+2*4+1, 0xff000000);
	wr(0x10+2*4, 0x24);
	check("redir-readback", rd(0x10+2*4) == 0x24 && rd(0x10+2*4+1) == 0xff000000,
		"%#x %#x", rd(0x10+2*4), rd(0x10+2*4+1));

	/* edge: COM1's irq 4 once per rising edge */
	irqline(4, 1);
	v = takeintr(0);
	check("edge", v == 0x24, "vector %#x", v);
	mmiow(Eoi, 0);
	irqline(4, 1);
	check("edge-once", takeintr(0) == -1, "second interrupt without an edge");
	irqline(4, 0);
	irqline(4, 1);
	check("edge-again", takeintr(0) == 0x24, "second edge lost");
	mmiow(Eoi, 0);

	/* masked pins send nothing */
	setup();
	irqline(3, 1);
	check("masked", takeintr(0) == -1, "masked pin delivered");

	/* level: remote IRR holds it until EOI, then it is sent again if still high */
	setup();
	wr(0x10+2*10, 1<<15 | 0x3a);
	irqline(10, 1);
	check("level", takeintr(0) == 0x3a && (rd(0x10+2*10) & 1<<14), "not delivered, or no remote irr");
	mmiow(Eoi, 0);
	check("level-reasserts", takeintr(0) == 0x3a, "held level lost after eoi");
	irqline(10, 0);
	mmiow(Eoi, 0);
	check("level-withdrawn", takeintr(0) == -1 && !(rd(0x10+2*10) & 1<<14), "sent after the line dropped");

	/* the EOI register clears the remote IRR of its vector only */
	setup();
	wr(0x10+2*10, 1<<15 | 0x3a);
	irqline(10, 1);
	takeintr(0);
	irqline(10, 0);
	mmiow(Base+0x40, 0x3b);
	v = rd(0x10+2*10) & 1<<14;
	mmiow(Base+0x40, 0x3a);
	check("eoi-register", v && !(rd(0x10+2*10) & 1<<14), "remote irr %#x, then %#x", v, rd(0x10+2*10));
	mmiow(Eoi, 0);
	irqline(10, 1);
	v = takeintr(0);
	mmiow(Base+0x40, 0x3a);
	check("eoi-register-resends", v == 0x3a && (rd(0x10+2*10) & 1<<14) && (mmior(Irr+0x10) & 1<<26),
		"held level not sent again");

	/* a level held while masked is sent on unmasking */
	setup();
	wr(0x10+2*9, 1<<16 | 1<<15 | 0x39);
	irqline(9, 1);
	check("level-masked", takeintr(0) == -1, "masked");
	wr(0x10+2*9, 1<<15 | 0x39);
	check("level-unmask", takeintr(0) == 0x39, "lost on unmask");

	/* for no local APIC: lost; a level one goes once its entry names one */
	setup();
	wr(0x10+2*4+1, 5<<24);
	wr(0x10+2*4, 0x24);
	irqline(4, 1);
	check("no-destination", takeintr(0) == -1 && takeintr(1) == -1, "taken");
	wr(0x10+2*10+1, 5<<24);
	wr(0x10+2*10, 1<<15 | 0x3a);
	irqline(10, 1);
	v = rd(0x10+2*10) & 1<<14;
	wr(0x10+2*10+1, 0);
	check("level-once-named", !v && takeintr(0) == 0x3a && (rd(0x10+2*10) & 1<<14), "remote irr %#x before", v);
	mmiow(Eoi, 0);

	/* nor for a software-disabled one, such as vCPU 1's after setup */
	setup();
	wr(0x10+2*10+1, 1<<24);
	wr(0x10+2*10, 1<<15 | 0x3a);
	irqline(10, 1);
	v = rd(0x10+2*10) & 1<<14;
	lapicuse(1);
	c = mmior(Irr+0x10);
	lapicuse(0);
	check("disabled-destination", !v && c == 0, "remote irr %#x, irr %#x", v, c);

	/* the 8259 sees the same lines */
	setup();
	outb(0x20, 0x11); outb(0x21, 0x20); outb(0x21, 0x04); outb(0x21, 0x01);
	outb(0x21, 0);
	mmiow(Lint0, 7<<8);
	irqline(1, 1);
	check("8259-too", takeintr(0) == 0x21, "8259 did not see irq 1");

	return checkstatus();
}
