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
static Iodev postio, delayio, sysctlio, exitio;

static u32int
idlein(Iodev *d, u16int port, int size)
{
	return ~0;
}

static void
idleout(Iodev *d, u16int port, int size, u32int val)
{
}

static u32int
sysctlin(Iodev *d, u16int port, int size)
{
	return sysctl;
}

static void
sysctlout(Iodev *d, u16int port, int size, u32int val)
{
	sysctl = val & Fasta20;
	if(val & Fastreset)
		guestreset();
}

static void
exitout(Iodev *d, u16int port, int size, u32int val)
{
	guestexit(val);
}

void
sysportsinit(void)
{
	postio = (Iodev){.name = "post", .lo = Post, .hi = Post, .in = idlein, .out = idleout};
	delayio = (Iodev){.name = "delay", .lo = Delay, .hi = Delay, .in = idlein, .out = idleout};
	sysctlio = (Iodev){.name = "sysctl", .lo = Sysctl, .hi = Sysctl, .in = sysctlin, .out = sysctlout};
	exitio = (Iodev){.name = "debugexit", .lo = Debugexit, .hi = Debugexit, .in = idlein, .out = exitout};
	ioregister(&postio);
	ioregister(&delayio);
	ioregister(&sysctlio);
	ioregister(&exitio);
	sysctl = Fasta20;
}
