/*
 * The 8253 interval timer, used only to measure the other clocks, and
 * the time since boot from the TSC.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"

enum
{
	Pitfreq		= 1193182,
	Pitctl		= 0x43,
	Pitch2		= 0x42,
	Port61		= 0x61,
	Gate2		= 1<<0,
	Speaker		= 1<<1,
	Out2		= 1<<5,
	Ch2mode0	= 0xb0,		/* channel 2, lobyte/hibyte, interrupt on terminal count */
};

static uvlong tsc0;

/* Busy-wait ms milliseconds (at most 50) with channel 2. */
void
pitwait(int ms)
{
	u32int count;
	u8int v;

	count = Pitfreq * ms / 1000;
	v = inb(Port61);
	outb(Port61, (v & ~Speaker) & ~Gate2);
	outb(Pitctl, Ch2mode0);
	outb(Pitch2, count);
	outb(Pitch2, count >> 8);
	outb(Port61, (v & ~Speaker) | Gate2);
	while((inb(Port61) & Out2) == 0)
		pause();
	outb(Port61, v & ~Gate2);
}

void
clockinit(void)
{
	tsc0 = rdtsc();
	apictimerinit();
}

vlong
nsec(void)
{
	uvlong t, hz;

	hz = mach0.cpuhz;
	if(hz == 0)
		return 0;
	t = rdtsc() - tsc0;
	return (t / hz) * 1000000000ULL + (t % hz) * 1000000000ULL / hz;
}

ulong
seconds(void)
{
	return (bootnsec + nsec()) / 1000000000LL;
}

void
microdelay(int us)
{
	vlong end;

	end = nsec() + (vlong)us*1000;
	while(nsec() < end)
		pause();
}
