/* The demo guest: greets over COM1, shows what it runs on, exits 0. */
#include <u.h>
#include "guest.h"

enum {
	Hz	= 100,
	Nticks	= 10,
};

void
main(u32int magic, uintptr info)
{
	char vendor[13], hv[13];
	ulong n;

	uartinit();
	parseboot(magic, info);
	trapinit();
	print("Hello from a vmx guest!\n");
	print("booted by %s from %s\n", boot.protocol, boot.loader);
	print("memory %lludM\n", (boot.ramtotal + (1<<20) - 1) >> 20);
	cpuvendor(vendor);
	print("cpu %s\n", vendor);
	print("hypervisor %s\n", hypervisor(hv) ? hv : "none");
	timerinit(Hz);
	n = waitticks(Nticks);
	timerstop();
	print("timer %lud ticks\n", n);
	print("Goodbye.\n");
	exitvm(0);
}
