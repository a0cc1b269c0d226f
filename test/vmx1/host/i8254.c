#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

/* Nanoseconds from the fake clock's start to the middle of tick 2k/2. */
static vlong
halfticks(vlong twok)
{
	return twok * 1000000000LL / (2 * 1193182);
}

static vlong t0;

static void
at(vlong twok)
{
	advance(t0 + halfticks(twok) - fakenow);
}

static void
begin(void)
{
	i8254dev.init();
	memset(irqedges, 0, sizeof irqedges);
	fakenow += 1000000000;
}

static void
setcount(int ch, u16int n)
{
	outb(0x40 + ch, n & 0xff);
	outb(0x40 + ch, n >> 8);
	t0 = fakenow;
	/* the control word may already have raised OUT */
	memset(irqedges, 0, sizeof irqedges);
}

static int
status(int ch)
{
	outb(0x43, 0xe0 | 2 << ch);
	return inb(0x40 + ch);
}

static int
out(int ch)
{
	return status(ch) >> 7;
}

static int
latched(int ch)
{
	int v;

	outb(0x43, ch << 6);
	v = inb(0x40 + ch);
	return v | inb(0x40 + ch) << 8;
}

static int
out2(void)
{
	return inb(0x61) >> 5 & 1;
}

int
main(void)
{
	int v, w, st;

	i8254dev.init();

	begin();
	outb(0x43, 0x30);
	st = status(0);
	check("mode0-status", st == 0x70, "status %#x", st);
	setcount(0, 1000);
	check("mode0-out-low", out(0) == 0 && irqlevel[0] == 0, "out %d irq %d", out(0), irqlevel[0]);
	check("mode0-count-loaded", (status(0) & 0x40) == 0, "null count still set");
	at(2*500+1);
	v = latched(0);
	check("mode0-counts-down", v == 500, "count %d", v);
	check("mode0-still-low", irqedges[0] == 0, "early irq");
	at(2*1000+1);
	check("mode0-terminal", out(0) == 1 && irqlevel[0] == 1 && irqedges[0] == 1, "out %d edges %d", out(0), irqedges[0]);
	at(2*1100+1);
	v = latched(0);
	check("mode0-wraps", v == 65536 - 100, "count %d", v);
	check("mode0-one-irq", irqedges[0] == 1, "edges %d", irqedges[0]);

	begin();
	outb(0x43, 0x34);
	setcount(0, 100);
	at(2*1000+1);
	check("mode2-periods", irqedges[0] == 10, "edges %d", irqedges[0]);
	at(2*1050+1);
	v = latched(0);
	check("mode2-count", v == 50, "count %d", v);
	at(2*1099+1);
	check("mode2-low-pulse", out(0) == 0, "out high on the last tick");
	at(2*1100+1);
	check("mode2-reload", out(0) == 1 && latched(0) == 100, "out %d count %d", out(0), latched(0));

	begin();
	outb(0x43, 0x36);
	setcount(0, 1000);
	at(2*250+1);
	check("mode3-high-half", out(0) == 1, "low");
	at(2*750+1);
	check("mode3-low-half", out(0) == 0, "high");
	v = latched(0);
	check("mode3-count-by-two", v == 500, "count %d", v);
	at(2*5000+1);
	check("mode3-edges", irqedges[0] == 5, "edges %d", irqedges[0]);

	begin();
	outb(0x43, 0x38);
	setcount(0, 50);
	check("mode4-out-high", out(0) == 1, "low");
	at(2*50+1);
	check("mode4-strobe", out(0) == 0, "no strobe");
	at(2*51+1);
	check("mode4-after-strobe", out(0) == 1 && irqedges[0] == 1, "out %d edges %d", out(0), irqedges[0]);
	at(2*200000);
	check("mode4-once", irqedges[0] == 1, "edges %d", irqedges[0]);

	begin();
	outb(0x43, 0xb2);
	setcount(2, 100);
	check("mode1-waits", out2() == 1 && latched(2) == 100, "out %d count %d", out2(), latched(2));
	outb(0x61, 1);
	t0 = fakenow;
	check("mode1-trigger", out2() == 0, "out high");
	at(2*60+1);
	check("mode1-counting", latched(2) == 40, "count %d", latched(2));
	at(2*100+1);
	check("mode1-done", out2() == 1, "out low");
	outb(0x61, 0);
	outb(0x61, 1);
	t0 = fakenow;
	check("mode1-retrigger", out2() == 0, "out high");

	begin();
	outb(0x43, 0xba);
	setcount(2, 20);
	at(2*100);
	check("mode5-no-gate-no-strobe", out2() == 1 && latched(2) == 20, "count %d", latched(2));
	outb(0x61, 1);
	t0 = fakenow;
	at(2*20+1);
	check("mode5-strobe", out2() == 0, "no strobe");
	at(2*21+1);
	check("mode5-after", out2() == 1, "low");

	begin();
	outb(0x61, 1);
	outb(0x43, 0xb0);
	setcount(2, 1000);
	at(2*300+1);
	outb(0x61, 0);
	at(2*5000);
	v = latched(2);
	check("gate-pauses-mode0", v == 700, "count %d", v);
	outb(0x61, 1);
	t0 = fakenow;
	at(2*699+1);
	check("gate-resume-low", out2() == 0, "high early");
	at(2*700+1);
	check("gate-resume-terminal", out2() == 1, "still low");

	begin();
	outb(0x43, 0xb4);
	setcount(2, 100);
	check("mode2-gate-low-holds", out2() == 1 && latched(2) == 100, "count %d", latched(2));
	check("port61-gate-bit", (inb(0x61) & 1) == 0, "gate bit set");
	outb(0x61, 3);
	check("port61-bits", (inb(0x61) & 0x0f) == 3, "%#x", inb(0x61));

	begin();
	outb(0x43, 0x34);
	setcount(0, 1000);
	at(2*100+1);
	outb(0x43, 0x00);
	at(2*400+1);
	v = inb(0x40);
	v |= inb(0x40) << 8;
	check("latch-holds", v == 900, "count %d", v);
	v = latched(0);
	check("latch-released", v == 600, "count %d", v);
	outb(0x43, 0x00);
	outb(0x43, 0x00);
	at(2*500+1);
	v = inb(0x40);
	v |= inb(0x40) << 8;
	check("latch-first-wins", v == 600, "count %d", v);

	outb(0x43, 0xc2);
	st = inb(0x40);
	v = inb(0x40);
	v |= inb(0x40) << 8;
	check("readback-status-then-count", st == 0xb4 && v == 500, "status %#x count %d", st, v);

	begin();
	outb(0x43, 0x14);
	outb(0x40, 0x40);
	t0 = fakenow;
	memset(irqedges, 0, sizeof irqedges);
	at(2*16+1);
	v = inb(0x40);
	w = inb(0x40);
	check("lsb-only", v == 48 && w == 48, "reads %d %d", v, w);
	at(2*640+1);
	check("lsb-period", irqedges[0] == 10, "edges %d", irqedges[0]);

	begin();
	outb(0x43, 0x24);
	outb(0x40, 0x01);
	t0 = fakenow;
	memset(irqedges, 0, sizeof irqedges);
	at(2*56+1);
	v = latched(0);
	check("msb-only", v == 0, "msb %d", v);
	at(2*2560+1);
	check("msb-period", irqedges[0] == 10, "edges %d", irqedges[0]);

	begin();
	outb(0x43, 0x31);
	setcount(0, 0x1000);
	at(2*100+1);
	v = latched(0);
	check("bcd-count", v == 0x0900, "count %#x", v);
	at(2*1000+1);
	check("bcd-terminal", out(0) == 1, "low");

	begin();
	outb(0x43, 0x34);
	setcount(0, 0);
	at(2*655360+1);
	check("count0-is-65536", irqedges[0] == 10, "edges %d", irqedges[0]);

	begin();
	v = inb(0x61) & 0x10;
	advance(15085);
	w = inb(0x61) & 0x10;
	check("refresh-toggles", v != w, "bit 4 stuck at %#x", v);

	return checkstatus();
}
