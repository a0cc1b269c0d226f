/*
 * Board ports with nothing behind them worth modelling: the POST
 * code and delay ports, the fast A20 and reset port 0x92, and the
 * debug-exit port 0xf4 through which a test guest ends the run with
 * the status it writes.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Post = 0x80,
	Delay = 0xed,
	Sysctl = 0x92,
	Debugexit = 0xf4,

	/* port 0x92 */
	Fastreset = 1<<0,
	Fasta20 = 1<<1,
};

static uchar sysctl;

static u64int
idlein(Iodev *d, uvlong port, int size)
{
	return ~0;
}

static void
idleout(Iodev *d, uvlong port, int size, u64int val)
{
}

static u64int
sysctlin(Iodev *d, uvlong port, int size)
{
	return sysctl;
}

static void
sysctlout(Iodev *d, uvlong port, int size, u64int val)
{
	sysctl = val & Fasta20;
	if(val & Fastreset)
		guestreset();
}

static void
exitout(Iodev *d, uvlong port, int size, u64int val)
{
	guestexit(val);
}

static Iodev ports[] = {
	{.name = "post", .base = Post, .len = 1, .read = idlein, .write = idleout},
	{.name = "delay", .base = Delay, .len = 1, .read = idlein, .write = idleout},
	{.name = "sysctl", .base = Sysctl, .len = 1, .read = sysctlin, .write = sysctlout},
	{.name = "debugexit", .base = Debugexit, .len = 1, .read = idlein, .write = exitout},
};

static void
init(void)
{
	int i;

	for(i = 0; i < nelem(ports); i++)
		ioregister(Ioport, &ports[i]);
	sysctl = Fasta20;
}

Vdev sysportsdev = {"sysports", init};
