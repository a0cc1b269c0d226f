#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

#define Sec 1000000000LL

enum {
	Leapeve = 1709251198,	/* 2024-02-29 23:59:58 UTC, a Thursday */
};

static int
cmos(int reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static void
setcmos(int reg, int v)
{
	outb(0x70, reg);
	outb(0x71, v);
}

/* Runs the clock to just past its next update. */
static void
syncsecond(void)
{
	int s;

	s = cmos(0);
	while(cmos(0) == s)
		advance(1000000);
}

int
main(void)
{
	int v;

	conf.epoch = Leapeve;
	rtcdev.init();

	check("bcd-sec", cmos(0) == 0x58, "%#x", cmos(0));
	check("bcd-min", cmos(2) == 0x59, "%#x", cmos(2));
	check("bcd-hour", cmos(4) == 0x23, "%#x", cmos(4));
	check("bcd-wday", cmos(6) == 5, "%#x", cmos(6));
	check("bcd-date", cmos(7) == 0x29 && cmos(8) == 0x02 && cmos(9) == 0x24, "%#x-%#x-%#x", cmos(9), cmos(8), cmos(7));
	check("century", cmos(0x32) == 0x20, "%#x", cmos(0x32));
	check("reg-a-default", (cmos(0x0a) & 0x7f) == 0x26, "%#x", cmos(0x0a));
	check("reg-d-valid", cmos(0x0d) == 0x80, "%#x", cmos(0x0d));

	advance(2*Sec + Sec/2);
	check("rollover-leap-day", cmos(7) == 0x01 && cmos(8) == 0x03 && cmos(4) == 0 && cmos(0) == 0,
		"%#x/%#x %#x:%#x", cmos(8), cmos(7), cmos(4), cmos(0));
	check("rollover-wday", cmos(6) == 6, "%d", cmos(6));

	check("uip-mid-second", (cmos(0x0a) & 0x80) == 0, "set");
	syncsecond();
	advance(Sec - 2000000);
	check("uip-before-update", cmos(0x0a) & 0x80, "clear");
	advance(2000000);

	setcmos(0x0b, 0x06);
	check("binary-date", cmos(7) == 1 && cmos(8) == 3 && cmos(9) == 24 && cmos(0x32) == 20, "%d %d %d", cmos(7), cmos(8), cmos(9));
	setcmos(0x0b, 0x00);
	check("12h-midnight", cmos(4) == 0x12, "%#x", cmos(4));

	setcmos(0x0b, 0x82);
	setcmos(4, 0x13);
	setcmos(2, 0x45);
	setcmos(0, 0x30);
	setcmos(7, 0x31);
	setcmos(8, 0x12);
	setcmos(9, 0x99);
	setcmos(0x32, 0x19);
	advance(5*Sec);
	check("set-freezes", cmos(0) == 0x30, "sec %#x", cmos(0));
	setcmos(0x0b, 0x02);
	advance(Sec + 1);
	check("set-time", cmos(4) == 0x13 && cmos(2) == 0x45 && cmos(0) == 0x31, "%#x:%#x:%#x", cmos(4), cmos(2), cmos(0));
	check("set-date", cmos(7) == 0x31 && cmos(8) == 0x12 && cmos(9) == 0x99 && cmos(0x32) == 0x19, "%#x%#x-%#x-%#x",
		cmos(0x32), cmos(9), cmos(8), cmos(7));
	check("set-wday", cmos(6) == 6, "%d", cmos(6));
	setcmos(0x0b, 0x00);
	check("12h-pm", cmos(4) == 0x81, "%#x", cmos(4));
	setcmos(4, 0x92);
	setcmos(0x0b, 0x02);
	check("12h-write-noon", cmos(4) == 0x12, "%#x", cmos(4));
	setcmos(0x0b, 0x06);
	setcmos(4, 7);
	check("binary-write", cmos(4) == 7, "%d", cmos(4));
	setcmos(0x0b, 0x02);

	cmos(0x0c);
	setcmos(0x0b, 0x42);
	advance(1000000);
	check("periodic-irq", irqlevel[8] == 1, "irq low");
	v = cmos(0x0c);
	check("periodic-flags", v == 0xc0, "%#x", v);
	check("c-read-lowers", irqlevel[8] == 0, "irq high");
	check("c-read-clears", cmos(0x0c) == 0, "flags left");
	memset(irqedges, 0, sizeof irqedges);
	for(v = 0; v < 100; v++){
		advance(976563);
		cmos(0x0c);
	}
	check("periodic-1024hz", irqedges[8] == 100, "%d interrupts in 100 periods", irqedges[8]);
	setcmos(0x0a, 0x2f);
	cmos(0x0c);
	memset(irqedges, 0, sizeof irqedges);
	advance(Sec/2 + 1);
	check("periodic-2hz", irqedges[8] == 1, "%d", irqedges[8]);
	cmos(0x0c);
	setcmos(0x0a, 0x26);

	setcmos(0x0b, 0x02);
	cmos(0x0c);
	advance(1000000);
	v = cmos(0x0c);
	check("pf-without-pie", v == 0x40 && irqlevel[8] == 0, "%#x", v);
	setcmos(0x0a, 0x20);
	cmos(0x0c);
	advance(1000000);
	check("rate-zero-no-pf", (cmos(0x0c) & 0x40) == 0, "pf set");

	syncsecond();
	cmos(0x0c);
	setcmos(0x0b, 0x12);
	advance(Sec - 2000000);
	check("update-not-yet", irqlevel[8] == 0, "early");
	advance(2000000);
	check("update-irq", irqlevel[8] == 1, "irq low");
	v = cmos(0x0c);
	check("update-flags", v == 0x90, "%#x", v);

	setcmos(0x0b, 0x22);
	syncsecond();
	cmos(0x0c);
	v = (cmos(0) >> 4) * 10 + (cmos(0) & 0xf);
	v = (v + 2) % 60;
	setcmos(1, (v / 10) << 4 | v % 10);
	setcmos(3, 0xff);
	setcmos(5, 0xc0);
	advance(Sec);
	check("alarm-not-yet", irqlevel[8] == 0, "early");
	advance(Sec);
	check("alarm-irq", irqlevel[8] == 1, "irq low at %#x alarm %#x", cmos(0), cmos(1));
	v = cmos(0x0c);
	check("alarm-flags", v == 0xb0, "%#x", v);

	setcmos(0x0b, 0x82);
	check("set-clears-uie", (cmos(0x0b) & 0x10) == 0, "%#x", cmos(0x0b));
	setcmos(0x0b, 0x02);

	outb(0x70, 0x80 | 0x40);
	outb(0x71, 0xa5);
	check("nmi-bit-ignored", cmos(0x40) == 0xa5, "%#x", cmos(0x40));

	/* 4.5G: 3.5G below the PCI hole, 1G above 4G */
	conf.mem = 9ULL<<29;
	rtcdev.init();
	check("mem-base", cmos(0x15) == 0x80 && cmos(0x16) == 0x02, "%#x %#x", cmos(0x15), cmos(0x16));
	check("mem-ext-capped", cmos(0x17) == 0xff && cmos(0x18) == 0xff && cmos(0x30) == 0xff && cmos(0x31) == 0xff, "%#x", cmos(0x17));
	check("mem-above16m", cmos(0x34) == 0x00 && cmos(0x35) == 0xdf, "%#x %#x", cmos(0x34), cmos(0x35));
	check("mem-above4g", cmos(0x5b) == 0x00 && cmos(0x5c) == 0x40 && cmos(0x5d) == 0, "%#x %#x %#x", cmos(0x5b), cmos(0x5c), cmos(0x5d));
	conf.mem = 32ULL<<20;
	rtcdev.init();
	check("mem-ext", cmos(0x17) == 0x00 && cmos(0x18) == 0x7c, "%#x %#x", cmos(0x17), cmos(0x18));
	check("mem-checksum", (cmos(0x2e) << 8 | cmos(0x2f)) == 0x80 + 0x02 + 0x7c, "%#x", cmos(0x2e) << 8 | cmos(0x2f));

	setcmos(0x0b, 0x72);
	rtcdev.init();
	check("init-clears-enables", cmos(0x0b) == 0x02, "%#x", cmos(0x0b));

	return checkstatus();
}
