/*
 * The guest of ./mk bench's vmx-out line: OUTs to the POST port,
 * which vmx(1) answers (sysports.c), timed with the TSC, an
 * instruction count under Bochs. Each round trip is the kernel's
 * exit through the state page and run, as in vmxbench's out, plus
 * vmx(1)'s own loop: its exit dispatch, the port's lookup and
 * handler, and its return to run.
 */
#include <u.h>
#include "guest.h"

enum {
	Rounds	= 2000,
	Post	= 0x80,
};

void
main(u32int magic, uintptr info)
{
	u64int t0;
	ulong n;
	int i;

	uartinit();
	t0 = rdtsc();
	for(i = 0; i < Rounds; i++)
		outb(Post, 0);
	n = rdtsc() - t0;	/* a few million at most: no 64-bit division in a 32-bit guest */
	print("bench vmx-out %lud\n", n / Rounds);
	print("\tvmx-out: %d outs to port 0x80 that vmx(1) answers, each a round trip through it\n", Rounds);
	exitvm(0);
}
