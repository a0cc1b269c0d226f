/*
 * vmxbench: instructions per exit round trip, for ./mk bench under
 * Bochs, where the TSC counts instructions. Each case runs a short
 * guest loop and answers every exit as a monitor would: through the
 * state page and run (out, hlt, mmio, and tpr-user and eoi-user, a
 * 64-bit guest's CR8 writes and a guest's xAPIC EOI writes without a
 * virtual APIC, the EOI skipped as vmx(1) would after decoding it), through wait and ctl go (out-text), or not at all:
 * the kernel answering from the vCPU's cpuid table (cpuid), or the
 * virtual APIC of ctl apic taking CR8 writes (tpr) and EOIs (eoi)
 * with no exit, or EOIs exiting to the kernel under the workaround
 * of ctl vidquirk on (eoi-quirk); these loop Rounds times, then one
 * out.
 * Each prints "bench NAME N" and a line splitting N with the
 * kernel's stats.
 */
#include <u.h>
#include <libc.h>
#include "../devvmx/realvm.h"

enum
{
	Rounds	= 2000,
	Mmio	= 0xf000,	/* an unmapped page the mmio case writes */
	Guestva	= 0x10000000,	/* where newvm's segment attaches */
};

enum { Real, Long, Realapic };	/* Case.mode: real mode, 64-bit, real mode with es at the xAPIC */

typedef struct Case Case;
struct Case
{
	char	*name;
	uchar	code[24];	/* the loop: an exiting instruction, then jmp back */
	int	len;		/* of the exiting instruction */
	void	(*run)(Case*, Vm*);
	int	mode;
	int	apic;		/* ctl apic, with apicpage's apicflags */
	int	apicflags;
	char	*note;		/* for the cases that exit once per Rounds */
	uvlong	pa;		/* where a fast case's exits fault */
	char	*ctl;		/* written to ctl after ctl apic, or nil */
};

static uvlong
rdtsc(void)
{
	u32int lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uvlong)hi<<32 | lo;
}

static uvlong user;	/* instructions spent in user space, of all rounds */

/* Resume past the instruction through the page (an EPT fault at the case's pa: c->len on). */
static void
fast(Case *c, Vm *v)
{
	Vmxstate *s;
	uchar what;
	uvlong t;
	int i;

	s = (Vmxstate*)Stateva;
	for(i = 0; i < Rounds; i++){
		if(read(v->run, &what, 1) != 1 || what != Whatexit
		|| (c->pa != 0 && ((s->reason & 0xffff) != Vmxeptfault || s->pa != c->pa)))
			sysfatal("run: %r");
		t = rdtsc();
		s->pc += c->pa != 0 ? c->len : s->ilen;
		s->dirty = Dirtypc;
		user += rdtsc() - t;
	}
}

/* The old way: a line of wait, go with the new pc. */
static void
text(Case*, Vm *v)
{
	char buf[256];
	uvlong t;
	int i;

	for(i = 0; i < Rounds; i++){
		if(read(v->wait, buf, sizeof buf) <= 0)
			sysfatal("wait: %r");
		t = rdtsc();
		xwrite(v->ctl, "go pc=0x1002");
		user += rdtsc() - t;
	}
}

static uchar mmioreg;	/* the device the mmio case writes */

/* An EPT fault: fetch and decode the instruction, emulate its write. */
static void
mmio(Case*, Vm *v)
{
	Vmxstate *s;
	uchar what, *code;
	uvlong t;
	int i;

	s = (Vmxstate*)Stateva;
	for(i = 0; i < Rounds; i++){
		if(read(v->run, &what, 1) != 1 || what != Whatexit || (s->reason & 0xffff) != 48)
			sysfatal("run: %r");
		t = rdtsc();
		code = (uchar*)Guestva + s->csbase + s->pc;
		if(code[0] != 0x88 || code[1] != 0x07 || s->pa != Mmio)	/* mov %al, (%bx) */
			sysfatal("mmio: unexpected instruction");
		mmioreg = s->gpr[Vmxax];
		s->pc += 2;
		s->dirty = Dirtypc;
		user += rdtsc() - t;
	}
}

/* Rounds loops with no exit, the kernel or the CPU answering, in one read of run, up to the out. */
static void
inkernel(Case*, Vm *v)
{
	uchar what;

	if(read(v->run, &what, 1) != 1 || what != Whatexit)
		sysfatal("run: %r");
}

/* Rounds xAPIC EOIs, then an out */
#define EOILOOP \
	0xbe, Rounds & 0xff, Rounds >> 8,	/* mov $Rounds, %si */ \
	0x66, 0x26, 0xa3, 0xb0, 0x00,		/* mov %eax, %es:0xb0 */ \
	0x4e,					/* dec %si */ \
	0x75, 0xf8,				/* jnz to the mov */ \
	0xe6, 0x80,				/* out %al, $0x80 */ \
	0xeb, 0xf1				/* jmp to the start */

static Case cases[] = {
	{ "out",	{ 0xe6, 0x80, 0xeb, 0xfc }, 2, fast },	/* out %al,$0x80 */
	{ "out-text",	{ 0xe6, 0x80, 0xeb, 0xfc }, 2, text },
	{ "hlt",	{ 0xf4, 0xeb, 0xfd }, 1, fast },
	{ "mmio",	{ 0x88, 0x07, 0xeb, 0xfc }, 2, mmio },	/* mov %al,(%bx) */
	{ "cpuid",	{
		0xbe, Rounds & 0xff, Rounds >> 8,	/* mov $Rounds, %si */
		0x66, 0x31, 0xc0,			/* xor %eax, %eax */
		0x0f, 0xa2,				/* cpuid */
		0x4e,					/* dec %si */
		0x75, 0xf8,				/* jnz to the xor */
		0xe6, 0x80,				/* out %al, $0x80 */
		0xeb, 0xf1,				/* jmp to the start */
	}, 2, inkernel, Real, 0, 0, "each round is the guest's 3 loop instructions too" },
	{ "tpr",	{
		0xbb, Rounds & 0xff, Rounds >> 8, 0, 0,	/* mov $Rounds, %ebx */
		0x31, 0xc9,				/* xor %ecx, %ecx */
		0x44, 0x0f, 0x22, 0xc1,			/* mov %rcx, %cr8 */
		0xff, 0xcb,				/* dec %ebx */
		0x75, 0xf8,				/* jnz to the mov */
		0xe6, 0x80,				/* out %al, $0x80 */
		0xeb, 0xed,				/* jmp to the start */
	}, 2, inkernel, Long, 1, 0, "CR8 in the TPR shadow, each round the guest's 2 loop instructions too" },
	{ "tpr-user",	{ 0x44, 0x0f, 0x22, 0xc1, 0xeb, 0xfa }, 4, fast, Long },	/* mov %rcx, %cr8 */
	{ "eoi",	{ EOILOOP }, 2, inkernel, Realapic, 1, Apicxapic|Apicvid,
		"EOI virtualized, each round the guest's 2 loop instructions too", 0, "vidquirk off" },
	{ "eoi-quirk",	{ EOILOOP }, 2, inkernel, Realapic, 1, Apicxapic|Apicvid,
		"EOI virtualized, exits answered in the kernel", 0, "vidquirk on" },
	{ "eoi-user",	{ 0x66, 0x26, 0xa3, 0xb0, 0x00, 0xeb, 0xf9 }, 5, fast, Realapic, 0, 0, nil, Apicbase+0xb0 },
};

/* Run c from its first exit on; the text case has no state page, as before it. */
static void
bench(Case *c)
{
	char buf[256];
	Vm v;
	Vmxstate *s;
	uchar what;
	uvlong t0, total, e2u0, g2e0, k0, u0, side0;
	int fd;

	newvm(&v, "bench", c->code, sizeof c->code, nil, 0);
	if(c->mode == Long)
		vmlongmode(&v);
	else if(c->mode == Realapic)
		vmesapic(&v);
	if(c->run == inkernel){
		fd = xopen("#X/%d/cpuid", v.n, OWRITE);
		xwrite(fd, "0 * 0xd 0x756e6547 0x6c65746e 0x49656e69\n");
		close(fd);
	}
	fd = xopen("#X/%d/map", v.n, OWRITE);
	xwrite(fd, "--- wb 0xf000 0x10000\n");
	close(fd);
	if(c->run == text){
		xwrite(v.ctl, "go bx=0xf000");
		read(v.wait, buf, sizeof buf);
		xwrite(v.ctl, "go pc=0x1002");
	}else{
		s = statepage(&v);
		if(c->apic)
			apicpage(&v, c->apicflags);
		if(c->ctl != nil)
			xwrite(v.ctl, c->ctl);
		if(c->run == mmio && segattach(0, v.seg, (void*)Guestva, 0x10000) == (void*)-1)
			sysfatal("segattach: %r");
		s->gpr[Vmxbx] = Mmio;
		s->dirty = 1<<Vmxbx;
		if(read(v.run, &what, 1) != 1)
			sysfatal("run: %r");
		s->pc += c->len;
		s->dirty = Dirtypc;
	}
	e2u0 = vmstat(&v, "exit2user");
	g2e0 = vmstat(&v, "go2entry");
	k0 = vmstat(&v, ".cpuid.kernel");
	u0 = vmstat(&v, "userexits");
	side0 = vmstat(&v, "sidecycles");
	user = 0;
	t0 = rdtsc();
	c->run(c, &v);
	total = rdtsc() - t0;
	print("bench %s %llud\n", c->name, total/Rounds);
	if(c->run == inkernel)
		print("\t%s: %d rounds in one read of run, %llud exits to user space, %llud cpuid in the kernel; %s\n",
			c->name, Rounds, vmstat(&v, "userexits") - u0, vmstat(&v, ".cpuid.kernel") - k0, c->note);
	else
		print("\t%s: exit to user space %llud, user space %llud, back to entry %llud\n", c->name,
			(vmstat(&v, "exit2user") - e2u0)/Rounds, user/Rounds, (vmstat(&v, "go2entry") - g2e0)/Rounds);
	if(c->run == mmio)
		segdetach((void*)Guestva);
	/* the L1D flush, VERW and IBPB this CPU needs (vmx(3)); 0 where it needs none */
	print("bench %s-sidechannel %llud\n", c->name, (vmstat(&v, "sidecycles") - side0)/Rounds);
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
			bench(c);
	t0 = rdtsc();
	for(i = 0; i < Rounds; i++)
		nsec();
	print("bench syscall %llud\n", (rdtsc() - t0)/Rounds);
	print("\tsyscall: nsec\n");
	exits(nil);
}
