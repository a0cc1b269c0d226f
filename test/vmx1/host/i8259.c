#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

/* The sequence PC operating systems use: vectors 0x20 and 0x28. */
static void
setup(int icw4)
{
	i8259dev.init();
	outb(0x20, 0x11);
	outb(0x21, 0x20);
	outb(0x21, 0x04);
	outb(0x21, icw4);
	outb(0xa0, 0x11);
	outb(0xa1, 0x28);
	outb(0xa1, 0x02);
	outb(0xa1, icw4);
}

static int
isr(u16int port)
{
	outb(port, 0x0b);
	return inb(port);
}

static int
irr(u16int port)
{
	outb(port, 0x0a);
	return inb(port);
}

static void
pulse(int irq)
{
	i8259line(irq, 1);
	i8259line(irq, 0);
}

int
main(void)
{
	int v, w;

	i8259dev.init();

	setup(0x01);
	check("init-imr-clear", inb(0x21) == 0 && inb(0xa1) == 0, "imr %#x %#x", inb(0x21), inb(0xa1));
	check("idle-not-pending", !i8259pending(), "pending");
	pulse(0);
	check("edge-pending", i8259pending(), "irq 0 not pending");
	check("irr-read", irr(0x20) == 0x01, "irr %#x", irr(0x20));
	v = i8259ack();
	check("ack-vector", v == 0x20, "vector %#x", v);
	check("ack-sets-isr", isr(0x20) == 0x01, "isr %#x", isr(0x20));
	check("ack-clears-irr", irr(0x20) == 0, "irr %#x", irr(0x20));
	check("in-service-not-pending", !i8259pending(), "pending");
	outb(0x20, 0x20);
	check("eoi-clears-isr", isr(0x20) == 0, "isr %#x", isr(0x20));

	setup(0x01);
	pulse(3);
	pulse(1);
	v = i8259ack();
	check("priority-lower-irq-first", v == 0x21, "vector %#x", v);
	check("lower-priority-blocked", !i8259pending(), "irq 3 got through irq 1 in service");
	pulse(0);
	v = i8259ack();
	check("higher-priority-nests", v == 0x20, "vector %#x", v);
	check("nested-isr", isr(0x20) == 0x03, "isr %#x", isr(0x20));
	outb(0x20, 0x20);
	check("nonspecific-eoi-highest", isr(0x20) == 0x02, "isr %#x", isr(0x20));
	check("still-blocked", !i8259pending(), "pending");
	outb(0x20, 0x61);
	v = i8259ack();
	check("specific-eoi-then-next", v == 0x23, "vector %#x", v);
	outb(0x20, 0x63);
	check("specific-eoi", isr(0x20) == 0, "isr %#x", isr(0x20));

	setup(0x01);
	outb(0x21, 0x10);
	pulse(4);
	check("masked-not-pending", !i8259pending(), "pending");
	check("masked-still-requested", irr(0x20) == 0x10, "irr %#x", irr(0x20));
	outb(0x21, 0x00);
	check("unmask-pending", i8259pending() && i8259ack() == 0x24, "not delivered");

	setup(0x01);
	pulse(12);
	check("slave-pending", i8259pending(), "not pending");
	v = i8259ack();
	check("slave-vector", v == 0x2c, "vector %#x", v);
	check("slave-isr", isr(0xa0) == 0x10 && isr(0x20) == 0x04, "isr %#x %#x", isr(0xa0), isr(0x20));
	pulse(9);
	check("slave-lower-blocked", !i8259pending(), "pending");
	outb(0xa0, 0x20);
	outb(0x20, 0x20);
	check("slave-next-after-eoi", i8259pending() && i8259ack() == 0x29, "irq 9 lost");
	outb(0xa0, 0x20);
	outb(0x20, 0x20);
	outb(0xa1, 0x01);
	pulse(8);
	check("slave-mask", !i8259pending(), "pending");
	outb(0xa1, 0x00);
	check("slave-unmask", i8259pending() && i8259ack() == 0x28, "lost");

	setup(0x03);
	pulse(5);
	v = i8259ack();
	check("autoeoi-vector", v == 0x25, "vector %#x", v);
	check("autoeoi-no-isr", isr(0x20) == 0, "isr %#x", isr(0x20));
	pulse(6);
	check("autoeoi-next", i8259pending() && i8259ack() == 0x26, "lost");

	setup(0x01);
	check("spurious", i8259ack() == 0x27, "not ir7");
	check("spurious-no-isr", isr(0x20) == 0, "isr %#x", isr(0x20));

	setup(0x01);
	i8259line(0, 1);
	i8259line(0, 1);
	i8259ack();
	outb(0x20, 0x20);
	check("edge-once", !i8259pending(), "second request without an edge");
	i8259line(0, 0);

	setup(0x01);
	outb(0x4d0, 0xff);
	outb(0x4d1, 0xff);
	check("elcr-mask", inb(0x4d0) == 0xf8 && inb(0x4d1) == 0xde, "elcr %#x %#x", inb(0x4d0), inb(0x4d1));
	check("elcr-word", inp(0x4d0, 2) == 0xdef8, "elcr %#x", inp(0x4d0, 2));
	outp(0x4d0, 2, 0x0400);
	i8259line(10, 1);
	v = i8259ack();
	check("level-vector", v == 0x2a, "vector %#x", v);
	outb(0xa0, 0x20);
	outb(0x20, 0x20);
	check("level-reasserts", i8259pending(), "level request lost after eoi");
	i8259ack();
	outb(0xa0, 0x20);
	outb(0x20, 0x20);
	i8259line(10, 0);
	check("level-withdrawn", !i8259pending(), "pending after line dropped");
	outp(0x4d0, 2, 0);

	setup(0x01);
	outb(0x20, 0xc3);
	pulse(1);
	pulse(5);
	v = i8259ack();
	check("set-priority", v == 0x25, "vector %#x", v);
	outb(0x20, 0xa0);
	v = i8259ack();
	check("rotate-eoi", v == 0x21, "vector %#x", v);
	pulse(6);
	pulse(7);
	outb(0x20, 0x20);
	v = i8259ack();
	check("rotated-order", v == 0x26, "vector %#x after rotation to 5", v);

	setup(0x01);
	pulse(3);
	outb(0x20, 0x0c);
	w = inb(0x20);
	check("poll", w == 0x83 && isr(0x20) == 0x08, "poll %#x isr %#x", w, isr(0x20));
	outb(0x20, 0x0c);
	check("poll-empty", inb(0x20) == 0, "poll");

	return checkstatus();
}
