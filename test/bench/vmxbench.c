/*
 * vmxbench: instructions per exit round trip through user space, for
 * ./mk bench under Bochs, where the TSC counts instructions. Each case
 * runs a one-instruction guest loop in real mode and answers every exit
 * with go, as a monitor would; the kernel's stats split the cost.
 */
#include <u.h>
#include <libc.h>
#include "../devvmx/realvm.h"

enum { Rounds = 2000 };

typedef struct Case Case;
struct Case
{
	char	*name;
	uchar	code[4];	/* the loop: an exiting instruction, then jmp back */
	char	*go;		/* the ctl message that resumes past the exit */
	int	irq;		/* wake each halt with an interrupt */
};

static Case cases[] = {
	{ "out",	{ 0xe6, 0x80, 0xeb, 0xfc }, "go pc=0x1002" },	/* out %al,$0x80 */
	{ "cpuid",	{ 0x0f, 0xa2, 0xeb, 0xfc }, "go pc=0x1002" },
	{ "hlt+irq",	{ 0xfb, 0xf4, 0xeb, 0xfc }, "go pc=0x1002", 1 },	/* sti; hlt */
};

static uvlong
rdtsc(void)
{
	u32int lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uvlong)hi<<32 | lo;
}

static uchar iret[] = { 0xcf };	/* the interrupt handler of hlt+irq */

static void
run(Case *c)
{
	char buf[256];
	Vm v;
	int i;
	uvlong t0, total, user, t1, e2u0, g2e0, ex0;

	newvm(&v, "bench", c->code, sizeof c->code, iret, c->irq ? sizeof iret : 0);
	xwrite(v.ctl, "go");
	read(v.wait, buf, sizeof buf);
	ex0 = vmstat(&v, "userexits");
	e2u0 = vmstat(&v, "exit2user");
	g2e0 = vmstat(&v, "go2entry");
	user = 0;
	t0 = rdtsc();
	for(i = 0; i < Rounds; i++){
		t1 = rdtsc();
		if(c->irq)
			xwrite(v.ctl, "irq 32");
		xwrite(v.ctl, c->go);
		user += rdtsc() - t1;
		read(v.wait, buf, sizeof buf);
		if(c->irq && strncmp(buf, "*ack", 4) == 0)
			read(v.wait, buf, sizeof buf);
	}
	total = rdtsc() - t0;
	print("%-8s %6llud instructions per round trip: exit to reader %llud, go to entry %llud, user-space ctl writes %llud (%llud exits read)\n",
		c->name, total/Rounds,
		(vmstat(&v, "exit2user") - e2u0)/Rounds, (vmstat(&v, "go2entry") - g2e0)/Rounds,
		user/Rounds, vmstat(&v, "userexits") - ex0);
	endvm(&v);
}

void
main(int argc, char *argv[])
{
	Case *c;
	uvlong t0;
	int i;

	for(c = cases; c < cases+nelem(cases); c++)
		if(argc < 2 || strcmp(argv[1], c->name) == 0)
			run(c);
	t0 = rdtsc();
	for(i = 0; i < Rounds; i++)
		nsec();
	print("%-8s %6llud instructions per call (nsec)\n", "syscall", (rdtsc() - t0)/Rounds);
	exits(nil);
}
