#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

int
main(void)
{
	u64int v;

	sysportsdev.init();

	check("post-absorbed", iodispatch(Ioport, 1, 0x80, 1, &(u64int){0x12}) == 0, "port 0x80 unclaimed");
	check("delay-absorbed", iodispatch(Ioport, 1, 0xed, 1, &(u64int){0}) == 0, "port 0xed unclaimed");
	check("unclaimed-reads-ones", iodispatch(Ioport, 0, 0x3e8, 2, &v) < 0 && v == 0xffff, "%#llx", v);
	check("a20-default", inb(0x92) == 0x02, "%#x", inb(0x92));
	outb(0x92, 0x00);
	check("a20-clear", inb(0x92) == 0x00 && nresets == 0, "%#x", inb(0x92));
	outb(0x92, 0x03);
	check("fast-reset", nresets == 1 && inb(0x92) == 0x02, "resets %d port %#x", nresets, inb(0x92));
	check("no-exit-yet", nexits == 0, "exited");
	outp(0xf4, 4, 0x12345678);
	check("debug-exit", nexits == 1 && exitstatus == 0x12345678, "exits %d status %#x", nexits, exitstatus);
	outb(0xf4, 0x81);
	check("debug-exit-byte", nexits == 2 && exitstatus == 0x81, "status %#x", exitstatus);

	return checkstatus();
}
