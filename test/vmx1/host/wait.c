#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

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
	regs();
	return checkstatus();
}
