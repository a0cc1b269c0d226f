#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

static int
obf(void)
{
	return inb(0x64) & 1;
}

int
main(void)
{
	int v, w, x;
	u64int val;

	i8042dev.init();
	/* 0x61 to 0x63 are not the controller's: the PIT's port 0x61 must reach i8254.c */
	check("ports-0x60-0x64-only", iodispatch(Ioport, 0, 0x61, 1, &val) < 0 && iodispatch(Ioport, 0, 0x63, 1, &val) < 0,
		"i8042 claims ports between its two");

	v = inb(0x64);
	check("status-idle", v == 0x14, "status %#x", v);
	outb(0x64, 0xaa);
	check("cmd-flag", inb(0x64) & 0x08, "last write not marked as command");
	check("selftest-obf", obf() && irqlevel[1] == 1, "no data");
	v = inb(0x60);
	check("selftest", v == 0x55, "%#x", v);
	check("read-empties", !obf() && irqlevel[1] == 0, "still full");
	check("empty-rereads-last", inb(0x60) == 0x55, "%#x", inb(0x60));

	outb(0x64, 0x20);
	v = inb(0x60);
	check("cmdbyte-default", v == 0x45, "%#x", v);
	outb(0x64, 0x60);
	outb(0x60, 0x44);
	outb(0x64, 0x20);
	check("cmdbyte-write", inb(0x60) == 0x44, "not written");
	check("no-irq-when-disabled", irqlevel[1] == 0, "irq raised");
	outb(0x64, 0x60);
	outb(0x60, 0x47);

	outb(0x64, 0xab);
	check("kbd-test", inb(0x60) == 0x00, "failed");
	outb(0x64, 0xa9);
	check("no-aux", inb(0x60) != 0x00, "aux claims to work");

	outb(0x60, 0xff);
	v = inb(0x60);
	w = inb(0x60);
	check("kbd-reset", v == 0xfa && w == 0xaa, "%#x %#x", v, w);
	outb(0x60, 0xf2);
	v = inb(0x60);
	w = inb(0x60);
	x = inb(0x60);
	check("kbd-identify", v == 0xfa && w == 0xab && x == 0x83, "%#x %#x %#x", v, w, x);
	outb(0x60, 0xed);
	v = inb(0x60);
	outb(0x60, 0x07);
	w = inb(0x60);
	check("kbd-leds", v == 0xfa && w == 0xfa && !obf(), "%#x %#x", v, w);
	outb(0x60, 0xee);
	check("kbd-echo", inb(0x60) == 0xee, "no echo");

	outb(0x64, 0xd0);
	v = inb(0x60);
	check("outport-a20", v & 0x02, "%#x", v);
	outb(0x64, 0xdd);
	outb(0x64, 0xd0);
	check("a20-off", (inb(0x60) & 0x02) == 0, "still on");
	outb(0x64, 0xd1);
	outb(0x60, 0x03);
	outb(0x64, 0xd0);
	check("outport-write", inb(0x60) == 0x03, "not written");
	check("no-reset-yet", nresets == 0, "reset");
	outb(0x64, 0xd1);
	outb(0x60, 0x02);
	check("outport-reset-line", nresets == 1, "resets %d", nresets);
	outb(0x64, 0xfe);
	check("pulse-reset", nresets == 2, "resets %d", nresets);
	outb(0x64, 0xff);
	check("pulse-none", nresets == 2, "resets %d", nresets);

	return checkstatus();
}
