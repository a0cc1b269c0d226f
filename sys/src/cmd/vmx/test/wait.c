#include <u.h>
#include <libc.h>
#include "../dat.h"
#include "../fns.h"
#include "test.h"

static int
parse(char *line, Exit *x)
{
	char buf[Exitlinemax];

	strcpy(buf, line);
	return parseexit(buf, x);
}

static void
exits(void)
{
	Exit x;
	int r;

	r = parse("io 0x3f80008 pc 0x100234 sp 0x7fff0 ilen 0x1 iinfo 0x0 ax 0x4142", &x);
	check("wait-io", r == 0
		&& strcmp(x.name, "io") == 0 && !x.failed && x.qual == 0x3f80008 && x.pc == 0x100234
		&& x.sp == 0x7fff0 && x.ilen == 1 && x.ax == 0x4142 && x.has == Hax,
		"%s %llux %llux %llux", x.name, x.qual, x.pc, x.ax);
	r = parse("io 0 pc 0 sp 0 ilen 0x2 iinfo 0 ax 0", &x);
	check("wait-zero", r == 0 && x.qual == 0 && x.ilen == 2,
		"zero values without 0x");
	r = parse(".cpuid 0x0 pc 0x1000 sp 0x2000 ilen 0x2 iinfo 0x0\n", &x);
	check("wait-cpuid", r == 0
		&& strcmp(x.name, ".cpuid") == 0 && x.has == 0, "%s has %x", x.name, x.has);
	r = parse("#gp 0x0 pc 0x10 sp 0x20 ilen 0x3 iinfo 0x0 excode 0x18", &x);
	check("wait-exception", r == 0
		&& strcmp(x.name, "#gp") == 0 && x.excode == 0x18 && x.has == Hexcode, "%s", x.name);
	r = parse("eptfault 0x181 pc 0x10 sp 0x20 ilen 0x3 iinfo 0x0 va 0xfee00020 pa 0xfee00020", &x);
	check("wait-ept", r == 0
		&& x.va == 0xfee00020 && x.pa == 0xfee00020 && x.has == (Hva|Hpa), "va %llux pa %llux", x.va, x.pa);
	r = parse("!entrystate 0x0 pc 0x0 sp 0x0 ilen 0x0 iinfo 0x0", &x);
	check("wait-failed", r == 0
		&& x.failed && strcmp(x.name, "entrystate") == 0, "%s failed %d", x.name, x.failed);
	r = parse("*ack 32\n", &x);
	check("wait-ack", r == 0 && strcmp(x.name, "*ack") == 0 && x.qual == 32,
		"%s %llud", x.name, x.qual);
	r = parse("*ack 32 pc 0x0", &x);
	check("wait-ack-extra", r < 0, "accepted");
	r = parse("io 0x0 pc 0x0 foo 0x1", &x);
	check("wait-unknown-field", r < 0, "accepted");
	r = parse("io 0x0 pc", &x);
	check("wait-odd", r < 0, "accepted");
	r = parse("io 0x0 pc 0x10zz", &x);
	check("wait-badnum", r < 0, "accepted");
	r = parse("", &x);
	check("wait-empty", r < 0 && parse("!", &x) < 0, "accepted");
	r = parse("?70 0x0 pc 0x0 sp 0x0 ilen 0x0 iinfo 0x0", &x);
	check("wait-unknown-reason", r == 0
		&& strcmp(x.name, "?70") == 0, "%s", x.name);
}

static void
regs(void)
{
	char text[] = "pc 0x0000000000100000\nsp 0x0000000000000000\n\ncs 0x0008\ncsperm\t0x0000c09b\n";
	char bad[] = "pc 0x1 0x2\n";
	char badnum[] = "pc zz\n";
	Regval r[8];
	int n;

	n = parseregs(text, r, nelem(r));
	check("regs-parse", n == 4 && strcmp(r[0].name, "pc") == 0 && r[0].val == 0x100000
		&& strcmp(r[3].name, "csperm") == 0 && r[3].val == 0xc09b, "%d registers", n);
	check("regs-fields", parseregs(bad, r, nelem(r)) < 0, "accepted three fields");
	check("regs-number", parseregs(badnum, r, nelem(r)) < 0, "accepted a bad number");
	strcpy(text, "a 1\nb 2\nc 3\n");
	check("regs-max", parseregs(text, r, 2) < 0, "overflowed");
}

int
main(void)
{
	exits();
	regs();
	return checkstatus();
}
