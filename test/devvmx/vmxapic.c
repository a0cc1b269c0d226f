#include <u.h>
#include <libc.h>
#include <xapic.h>
#include "realvm.h"

/*
 * vmxapic: the virtual APIC of #X (ctl apic), as "ok NAME" or
 * "not ok NAME: why" lines for test/devvmx/apic.rc. The guests run
 * through the state page and run.
 *
 *	cr8	a 64-bit guest's MOV to and from CR8 cost no exit and
 *		land in the page's TPR; ctl apic alone brings the exits back
 *	threshold	with the TPR shadow alone, a CR8 write below the
 *		page's tprthreshold exits with tpr
 *	xapic	the xAPIC's TPR read and written without exits; a timer
 *		read is an apicacc exit, an ICR write an apicwrite exit
 *	vid	vectors set in the page's vIRR and given to ctl post are
 *		delivered in priority order, held back by the TPR until
 *		the guest lowers it; EOI exits to user space only for the
 *		EOI-exit bitmap, the kernel answering the rest under the
 *		workaround of ctl vidquirk on
 *	vidfast	the kernel's probe found Bochs's quirk; with ctl vidquirk
 *		off, a guest that keeps clear of it takes its vector and
 *		writes EOIs with no exit but the one the bitmap asks for;
 *		turned back on, every EOI exits to the kernel
 *	hlt	HLT in the kernel ends when ctl post gives a vector
 *	vidcli	a vector in the vIRR waits while the guest's interrupts are
 *		off, for millions of instructions and the host's interrupts
 *	vidisr	the vISR as the monitor set it is the one the guest's EOI
 *		ends
 *	vidoff	a software-disabled APIC (the page's SVR) delivers nothing
 *		until the monitor enables it
 *	held	without virtual-interrupt delivery, an irq the TPR holds
 *		back waits, in and out of a HLT, until the guest lowers
 *		its TPR, whose exit the kernel answers
 *	bad	bad ctl apic and post lines and page fields: an error,
 *		nothing changed
 */

enum
{
	Nloop		= 16,	/* the cr8 guest's rounds */
	Neoi		= 100,	/* the vidfast guest's EOIs */
};

static u32int*
apicreg(Vm *v, int off)
{
	return (u32int*)(v->apic + off);
}

static void
setirr(Vm *v, int vec)
{
	*apicreg(v, apicword(Apicirr, vec)) |= 1<<(vec%32);
}

static int
anyset(Vm *v, int reg)
{
	return apichighest((u32int*)v->apic, reg) >= 0;
}

/* 64-bit: Nloop rounds of CR8 written and read back, then out */
static uchar cr8loop[] = {
	0xbb, Nloop, 0, 0, 0,		/* mov $Nloop, %ebx */
	0x89, 0xd9,			/* mov %ebx, %ecx */
	0x83, 0xe1, 0x0f,		/* and $0xf, %ecx */
	0x44, 0x0f, 0x22, 0xc1,		/* mov %rcx, %cr8 */
	0x44, 0x0f, 0x20, 0xc2,		/* mov %cr8, %rdx */
	0xff, 0xcb,			/* dec %ebx */
	0x75, 0xef,			/* jnz to the mov */
	0xe6, 0x80,			/* out %al, $0x80 */
	0xf4,				/* hlt */
};

static void
testcr8(int)
{
	char err[ERRMAX];
	Vmxstate *s;
	Vm v;
	int what;

	newvm(&v, "cr8", cr8loop, sizeof cr8loop, nil, 0);
	vmlongmode(&v);
	s = statepage(&v);
	apicpage(&v, 0);
	what = vmrun(&v, err);
	check("cr8-no-exits", what == Whatexit && (s->reason & 0xffff) == Vmxio && vmstat(&v, "movcr") == 0,
		"what %d (%s) reason %ud movcr %llud", what, err, s->reason, vmstat(&v, "movcr"));
	check("cr8-tpr-in-page", *apicreg(&v, Apictpr) == 0x10 && s->gpr[Vmxdx] == 1,
		"tpr %#ux dx %#llux", *apicreg(&v, Apictpr), s->gpr[Vmxdx]);
	xwrite(v.ctl, "apic");
	s->pc = 0x1000;
	s->dirty = Dirtypc;
	what = vmrun(&v, err);
	check("cr8-apic-off-exits", what == Whatexit && (s->reason & 0xffff) == Vmxmovcr && (s->qual & 0xf) == 8,
		"what %d (%s) reason %ud qual %#llux", what, err, s->reason, s->qual);
	endvm(&v);
}

/* With the TPR shadow alone: the guest's CR8 write below the threshold exits. */
static void
testthreshold(int)
{
	char err[ERRMAX];
	Vmxstate *s;
	Vm v;
	int what;

	newvm(&v, "thr", cr8loop, sizeof cr8loop, nil, 0);
	vmlongmode(&v);
	s = statepage(&v);
	apicpage(&v, 0);
	*apicreg(&v, Apictpr) = 0x50;
	s->tprthreshold = 3;
	s->dirty = Dirtyapic;
	what = vmrun(&v, err);
	check("threshold-tpr-exit", what == Whatexit && (s->reason & 0xffff) == Vmxtpr && s->pc == 0x100e && *apicreg(&v, Apictpr) == 0,
		"what %d (%s) reason %ud pc %#llux tpr %#ux", what, err, s->reason, s->pc,
		*apicreg(&v, Apictpr));
	endvm(&v);
}

/* real mode, es at the xAPIC */
static uchar xapic[] = {
	0x26, 0xc6, 0x06, 0x80, 0x00, 0x30,	/* movb $0x30, %es:0x80 (TPR) */
	0x26, 0xa0, 0x80, 0x00,			/* mov %es:0x80, %al */
	0xe6, 0x80,				/* out %al, $0x80 */
	0x66, 0x26, 0xa1, 0x90, 0x03,		/* mov %es:0x390, %eax (timer count) */
	0x66, 0xb8, 0x41, 0x40, 0x00, 0x00,	/* mov $0x4041, %eax */
	0x66, 0x26, 0xa3, 0x00, 0x03,		/* mov %eax, %es:0x300 (ICR) */
	0xe6, 0x80,				/* out %al, $0x80 */
	0xf4,
};

static void
testxapic(int)
{
	char err[ERRMAX];
	Vmxstate *s;
	Vm v;
	int what;

	newvm(&v, "xapic", xapic, sizeof xapic, nil, 0);
	vmesapic(&v);
	s = statepage(&v);
	apicpage(&v, Apicxapic);
	what = vmrun(&v, err);
	check("xapic-tpr-no-exits", what == Whatexit && (s->reason & 0xffff) == Vmxio && (s->gpr[Vmxax] & 0xff) == 0x30 && s->pc == 0x100a,
		"what %d (%s) reason %ud ax %#llux pc %#llux", what, err, s->reason, s->gpr[Vmxax], s->pc);
	check("xapic-tpr-in-page", *apicreg(&v, Apictpr) == 0x30 && vmstat(&v, "eptfault") == 0 && vmstat(&v, "apicacc") == 0,
		"tpr %#ux eptfault %llud apicacc %llud", *apicreg(&v, Apictpr),
		vmstat(&v, "eptfault"), vmstat(&v, "apicacc"));
	s->pc += s->ilen;
	s->dirty = Dirtypc;
	what = vmrun(&v, err);
	check("xapic-timer-read-exits", what == Whatexit && (s->reason & 0xffff) == Vmxapicaccess && (s->qual & 0xffff) == Apiccurcount && s->pc == 0x100c,
		"what %d (%s) reason %ud qual %#llux pc %#llux", what, err, s->reason, s->qual, s->pc);
	s->pc += 5;
	s->dirty = Dirtypc;
	what = vmrun(&v, err);
	check("xapic-icr-write-exits", what == Whatexit && (s->reason & 0xffff) == Vmxapicwrite && (s->qual & 0xfff) == Apicicrlo
		&& s->pc == 0x101c && *apicreg(&v, Apicicrlo) == 0x4041,
		"what %d (%s) reason %ud qual %#llux pc %#llux icr %#ux",
		what, err, s->reason, s->qual, s->pc, *apicreg(&v, Apicicrlo));
	endvm(&v);
}

/*
 * Real mode: the handler of vector V outs V to port 0x81, writes EOI
 * and returns; the main line opens interrupts, says 0x82, lowers the
 * TPR and says 0x83.
 */
static uchar vidmain[] = {
	0xfb,					/* sti */
	0x90,					/* nop */
	0xe6, 0x82,				/* out %al, $0x82 */
	0x26, 0xc6, 0x06, 0x80, 0x00, 0x00,	/* movb $0, %es:0x80 (TPR) */
	0x90,					/* nop */
	0xe6, 0x83,				/* out %al, $0x83 */
	0xf4,
};
/* sti; hlt; out %al, $0x84 */
static uchar hltmain[] = { 0xfb, 0xf4, 0xe6, 0x84 };
static int vectors[] = { 0x31, 0x45, 0x52, 0x61 };

/* A vm whose IVT sends each of vectors to a handler of its own. */
static Vmxstate*
vidvm(Vm *v, char *name, uchar *code, int n)
{
	uchar h[10] = {
		0xb0, 0,			/* mov $V, %al */
		0xe6, 0x81,			/* out %al, $0x81 */
		0x66, 0x26, 0xa3, 0xb0, 0x00,	/* mov %eax, %es:0xb0 (EOI) */
		0xcf,				/* iret */
	};
	uchar ivt[4];
	Vmxstate *s;
	int i, a;

	vmseg(v, name);
	vmload(v, code, n, Code);
	for(i = 0; i < nelem(vectors); i++){
		a = Handler + 0x10*i;
		h[1] = vectors[i];
		vmload(v, h, sizeof h, a);
		ivt[0] = a;
		ivt[1] = a >> 8;
		ivt[2] = ivt[3] = 0;
		vmload(v, ivt, 4, vectors[i]*4);
	}
	vmclone(v);
	vmrealmode(v);
	vmesapic(v);
	s = statepage(v);
	apicpage(v, Apicxapic|Apicvid);
	return s;
}

/*
 * An exit a guest must take: an out to port with al (-1: any), or an
 * EOI exit for vector al.
 */
typedef struct Exit Exit;
struct Exit
{
	char	*name;		/* its check */
	int	reason;		/* Vmxio or Vmxeoi */
	int	port;
	int	al;
};

/* The guest's next exits must be the n of e, in order; an out is then skipped. */
static void
expect(Vm *v, Vmxstate *s, Exit *e, int n)
{
	char err[ERRMAX];
	int what, ok;

	for(; n > 0; n--, e++){
		what = vmrun(v, err);
		ok = what == Whatexit && (s->reason & 0xffff) == e->reason;
		if(e->reason == Vmxio)
			ok = ok && (s->qual >> 16) == e->port && (e->al < 0 || (s->gpr[Vmxax] & 0xff) == e->al);
		else
			ok = ok && (s->qual & 0xff) == e->al;
		check(e->name, ok, "what %d (%s) reason %ud qual %#llux ax %#llux pc %#llux",
			what, err, s->reason, s->qual, s->gpr[Vmxax], s->pc);
		if(e->reason == Vmxio){
			s->pc += s->ilen;
			s->dirty = Dirtypc;
		}
	}
}

static Exit videxits[] = {
	{"vid-first-0x61",	Vmxio, 0x81, 0x61},
	{"vid-then-0x52",	Vmxio, 0x81, 0x52},
	{"vid-eoi-exit-0x52",	Vmxeoi, 0, 0x52},
	{"vid-tpr-holds-0x31",	Vmxio, 0x82, -1},
	{"vid-tpr-lowered-0x31",	Vmxio, 0x81, 0x31},
	{"vid-done",		Vmxio, 0x83, -1},
};

static void
testvid(int)
{
	Vmxstate *s;
	Vm v;

	s = vidvm(&v, "vid", vidmain, sizeof vidmain);
	xwrite(v.ctl, "vidquirk on");
	/* the TPR holds 0x31 back; 0x52 exits at its EOI */
	*apicreg(&v, Apictpr) = 0x40;
	*apicreg(&v, Apicppr) = 0x40;
	setirr(&v, 0x31);
	setirr(&v, 0x61);
	xwrite(v.ctl, "post 0x52");
	s->eoiexit[0x52/32] = 1<<(0x52%32);
	s->dirty = Dirtyapic;
	expect(&v, s, videxits, nelem(videxits));
	/*
	 * every EOI exits, the kernel answering those outside eoiexit; two
	 * interrupt windows: the guest starts with interrupts off, and
	 * 0x52 waits for the end of 0x61's handler, which EOIs first
	 */
	check("vid-no-other-exits", vmstat(&v, "eoi") == 3 && vmstat(&v, "eoi.kernel") == 2 && vmstat(&v, "apicacc") == 0
		&& vmstat(&v, "apicwrite") == 0 && vmstat(&v, "eptfault") == 0 && vmstat(&v, "irqwin") == 2,
		"eoi %llud eoi.kernel %llud apicacc %llud apicwrite %llud eptfault %llud irqwin %llud",
		vmstat(&v, "eoi"), vmstat(&v, "eoi.kernel"), vmstat(&v, "apicacc"), vmstat(&v, "apicwrite"), vmstat(&v, "eptfault"), vmstat(&v, "irqwin"));
	check("vid-irr-isr-empty", !anyset(&v, Apicirr) && !anyset(&v, Apicisr), "irr or isr left set");
	endvm(&v);
}

/* sti, Neoi EOIs with nothing in service, say 0x82 */
static uchar fastmain[] = {
	0xfb,					/* sti */
	0x90,					/* nop */
	0xbe, Neoi, 0,				/* mov $Neoi, %si: at 0x1002 */
	0x66, 0x26, 0xa3, 0xb0, 0x00,		/* mov %eax, %es:0xb0 (EOI) */
	0x4e,					/* dec %si */
	0x75, 0xf8,				/* jnz to the EOI */
	0xe6, 0x82,				/* out %al, $0x82 */
	0xf4,
};

/*
 * The vector is recognized at entry with the guest's interrupts off,
 * and delivered after its sti; its handler's EOI leaves nothing to
 * recognize: Bochs's quirk has nothing to deliver early.
 */
static Exit fastexits[] = {
	{"vidfast-0x61",	Vmxio, 0x81, 0x61},
	{"vidfast-eoi-exit-0x61",	Vmxeoi, 0, 0x61},
	{"vidfast-done",	Vmxio, 0x82, -1},
	{"vidfast-quirk-done",	Vmxio, 0x82, -1},	/* run again, with the quirk */
};

static void
testvidfast(int)
{
	Vmxstate *s;
	Vm v;

	s = vidvm(&v, "vfast", fastmain, sizeof fastmain);
	check("vidfast-quirk-found", vmstat(&v, "vidquirk") == 1, "vidquirk %llud", vmstat(&v, "vidquirk"));
	xwrite(v.ctl, "vidquirk off");
	setirr(&v, 0x61);
	s->eoiexit[0x61/32] = 1<<(0x61%32);
	s->dirty = Dirtyapic;
	expect(&v, s, fastexits, 3);
	check("vidfast-eois-no-exits", vmstat(&v, "eoi") == 1 && vmstat(&v, "eoi.kernel") == 0 && vmstat(&v, "irqwin") == 0
		&& vmstat(&v, "vidquirk") == 0, "eoi %llud eoi.kernel %llud irqwin %llud vidquirk %llud",
		vmstat(&v, "eoi"), vmstat(&v, "eoi.kernel"), vmstat(&v, "irqwin"), vmstat(&v, "vidquirk"));
	xwrite(v.ctl, "vidquirk on");
	s->pc = Code + 2;
	s->dirty = Dirtypc;
	expect(&v, s, fastexits+3, 1);
	check("vidfast-quirk-eois-exit", vmstat(&v, "eoi") == 1+Neoi && vmstat(&v, "eoi.kernel") == Neoi,
		"eoi %llud eoi.kernel %llud", vmstat(&v, "eoi"), vmstat(&v, "eoi.kernel"));
	endvm(&v);
}

/* cli, count down 0x200000 with interrupts off, say 0x82, sti, say 0x83 */
static uchar climain[] = {
	0xfa,					/* cli */
	0x66, 0xb9, 0x00, 0x00, 0x20, 0x00,	/* mov $0x200000, %ecx */
	0x66, 0x49,				/* dec %ecx */
	0x75, 0xfc,				/* jnz to the dec */
	0xe6, 0x82,				/* out %al, $0x82 */
	0xfb,					/* sti */
	0x90,					/* nop */
	0xe6, 0x83,				/* out %al, $0x83 */
	0xf4,
};
/* sti, EOI, say 0x82 */
static uchar eoimain[] = {
	0xfb,					/* sti */
	0x90,					/* nop */
	0x66, 0x26, 0xa3, 0xb0, 0x00,		/* mov %eax, %es:0xb0 (EOI) */
	0x90,					/* nop */
	0xe6, 0x82,				/* out %al, $0x82 */
	0xf4,
};

static Exit cliexits[] = {
	{"vidcli-held-while-off",	Vmxio, 0x82, -1},
	{"vidcli-taken-after-sti",	Vmxio, 0x81, 0x45},
	{"vidcli-done",		Vmxio, 0x83, -1},
};

static void
testvidcli(int)
{
	Vmxstate *s;
	Vm v;

	s = vidvm(&v, "vcli", climain, sizeof climain);
	setirr(&v, 0x45);
	expect(&v, s, cliexits, nelem(cliexits));
	endvm(&v);
}

/* sti, say 0x82, halt */
static uchar offmain[] = { 0xfb, 0x90, 0xe6, 0x82, 0xf4 };
static Exit offexits[] = {
	{"vidoff-held",		Vmxio, 0x82, -1},
	{"vidoff-enabled-taken",	Vmxio, 0x81, 0x45},	/* once enabled */
};

static void
testvidoff(int)
{
	Vmxstate *s;
	Vm v;

	s = vidvm(&v, "voff", offmain, sizeof offmain);
	*apicreg(&v, Apicsvr) = 0xff;
	setirr(&v, 0x45);
	expect(&v, s, offexits, 1);
	*apicreg(&v, Apicsvr) = 0x1ff;
	expect(&v, s, offexits+1, 1);
	endvm(&v);
}

static Exit isrexits[] = {
	{"vidisr-eoi-ends-0x61",	Vmxio, 0x81, 0x52},
	{"vidisr-done",		Vmxio, 0x82, -1},
};

static void
testvidisr(int)
{
	Vmxstate *s;
	Vm v;

	s = vidvm(&v, "visr", eoimain, sizeof eoimain);
	/* 0x61 in service, as the monitor says after ctl apic; 0x52 waits for its EOI */
	*apicreg(&v, apicword(Apicisr, 0x61)) |= 1<<(0x61%32);
	*apicreg(&v, Apicppr) = 0x60;
	setirr(&v, 0x52);
	expect(&v, s, isrexits, nelem(isrexits));
	check("vidisr-empty", !anyset(&v, Apicisr) && !anyset(&v, Apicirr), "irr or isr left set");
	endvm(&v);
}

static Exit hltexits[] = {
	{"hlt-irq-taken",	Vmxio, 0x81, 0x45},
	{"hlt-resumes",	Vmxio, 0x84, -1},
};

static void
testhlt(int)
{
	Vmxstate *s;
	Vm v;

	s = vidvm(&v, "vhlt", hltmain, sizeof hltmain);
	xwrite(v.ctl, "hlt kernel");
	vmlater(&v, 200, "post 0x45");
	expect(&v, s, hltexits, 1);
	check("hlt-in-kernel", vmstat(&v, ".hlt.kernel") == 1 && vmstat(&v, ".hlt") == 1,
		".hlt %llud .hlt.kernel %llud", vmstat(&v, ".hlt"), vmstat(&v, ".hlt.kernel"));
	expect(&v, s, hltexits+1, 1);
	endvm(&v);
}

/*
 * Real mode, es at the xAPIC: the main line opens interrupts, says
 * 0x82, lowers the TPR to 0x10, says 0x83 and halts; the handler of
 * Vector says 0x81.
 */
static uchar heldmain[] = {
	0xfb,					/* sti */
	0x90,					/* nop */
	0xe6, 0x82,				/* out %al, $0x82 */
	0x26, 0xc6, 0x06, 0x80, 0x00, 0x10,	/* movb $0x10, %es:0x80 (TPR) */
	0x90,					/* nop */
	0xe6, 0x83,				/* out %al, $0x83 */
	0xfb,					/* sti */
	0xf4,					/* hlt: at 0x100e */
	0xe6, 0x84,				/* out %al, $0x84 */
};
static uchar heldhandler[] = {
	0xb0, Vector,				/* mov $Vector, %al */
	0xe6, 0x81,				/* out %al, $0x81 */
	0xcf,					/* iret */
};

static Exit heldexits[] = {
	{"held-not-taken",	Vmxio, 0x82, -1},
	{"held-done",	Vmxio, 0x83, -1},	/* after the irq's out */
};

static void
testheld(int)
{
	char err[ERRMAX];
	Vmxstate *s;
	Vm v;
	int what, acks;

	newvm(&v, "held", heldmain, sizeof heldmain, heldhandler, sizeof heldhandler);
	vmesapic(&v);
	s = statepage(&v);
	apicpage(&v, Apicxapic);
	/* Vector's class, 2, is not above the TPR's */
	*apicreg(&v, Apictpr) = Vector;
	s->irq = Vector;
	s->dirty = Dirtyirq;
	expect(&v, s, heldexits, 1);
	/* the irq's *ack may come alone or with the exit */
	acks = 0;
	while((what = vmrun(&v, err)) == Whatack)
		acks += s->ack == Vector;
	acks += (what & Whatack) && s->ack == Vector;
	check("held-taken-tpr-lowered", (what & Whatexit) && acks == 1 && (s->reason & 0xffff) == Vmxio && (s->qual >> 16) == 0x81
		&& (s->gpr[Vmxax] & 0xff) == Vector,
		"what %d (%s) acks %d reason %ud qual %#llux ax %#llux pc %#llux",
		what, err, acks, s->reason, s->qual, s->gpr[Vmxax], s->pc);
	s->pc += s->ilen;
	s->dirty = Dirtypc;
	expect(&v, s, heldexits+1, 1);
	check("held-tpr-exit-in-kernel", vmstat(&v, "tpr") == 1 && vmstat(&v, "tpr.kernel") == 1 && vmstat(&v, "irqwin") == 0,
		"tpr %llud tpr.kernel %llud irqwin %llud",
		vmstat(&v, "tpr"), vmstat(&v, "tpr.kernel"), vmstat(&v, "irqwin"));
	/* held, the irq does not end a HLT either: its deadline does */
	xwrite(v.ctl, "hlt kernel");
	*apicreg(&v, Apictpr) = Vector;
	s->irq = Vector;
	s->hltdeadline = nsec() + 100*1000*1000;
	s->dirty |= Dirtyirq;
	what = vmrun(&v, err);
	check("held-hlt-waits", what == Whatexit && (s->reason & 0xffff) == Vmxhlt && s->pc == 0x100e,
		"what %d (%s) reason %ud qual %#llux ax %#llux pc %#llux",
		what, err, s->reason, s->qual, s->gpr[Vmxax], s->pc);
	endvm(&v);
}

static void
testbad(int)
{
	char err[ERRMAX], buf[128];
	Vmxstate *s;
	Vm v;
	int what, fd;

	newvm(&v, "abad", xapic, sizeof xapic, nil, 0);
	s = statepage(&v);
	s->dirty = Dirtyapic;
	what = vmrun(&v, err);
	check("bad-page-no-apic", what < 0 && strstr(err, "no virtual apic") != nil && s->dirty == Dirtyapic,
		"what %d (%s) dirty %#ux", what, err, s->dirty);
	vmctlerr(&v, "bad-no-segment", "apic nosuch.seg 0", "no such segment");
	/* the page's segment, made but not yet named */
	apicpage(&v, 0);
	xwrite(v.ctl, "apic");
	snprint(buf, sizeof buf, "apic %s.apic 0x10", v.seg);
	vmctlerr(&v, "bad-offset", buf, "invalid offset");
	snprint(buf, sizeof buf, "apic %s.apic 0x2000", v.seg);
	vmctlerr(&v, "bad-bounds", buf, "out of bounds");
	snprint(buf, sizeof buf, "apic %s.apic 0 0xfee00001", v.seg);
	vmctlerr(&v, "bad-base", buf, "invalid base");
	snprint(buf, sizeof buf, "apic %s.apic 0 0xfee00000", v.seg);
	vmctlerr(&v, "bad-base-unmapped", buf, "base not mapped");
	fd = xopen("#X/%d/map", v.n, OWRITE);
	snprint(buf, sizeof buf, "rw- uc 0xfee00000 0xfee01000 %s.apic 0\n", v.seg);
	xwrite(fd, buf);
	close(fd);
	snprint(buf, sizeof buf, "apic %s.apic 0 0xfee00000", v.seg);
	vmctlerr(&v, "bad-base-is-page", buf, "maps the virtual-APIC page");
	vmctlerr(&v, "bad-args", "apic a", "apic a");
	/* none of it turned the apic on */
	s->dirty = Dirtyapic;
	what = vmrun(&v, err);
	check("bad-still-off", what < 0 && strstr(err, "no virtual apic") != nil, "what %d (%s)", what, err);

	snprint(buf, sizeof buf, "apic %s.apic 0", v.seg);
	xwrite(v.ctl, buf);
	s->tprthreshold = 16;
	s->pc = 0x1234;
	s->dirty = Dirtyapic|Dirtypc;
	what = vmrun(&v, err);
	check("bad-threshold", what < 0 && strstr(err, "invalid tpr threshold") != nil && vmreg(&v, "pc") == 0x1000,
		"what %d (%s) pc %#llux", what, err, vmreg(&v, "pc"));
	s->dirty = 0;
	vmctlerr(&v, "bad-post-no-vid", "post 0x40", "no virtual-interrupt delivery");
	snprint(buf, sizeof buf, "apic %s.apic 0 vid", v.seg);
	xwrite(v.ctl, buf);
	vmctlerr(&v, "bad-post-vector", "post 5", "invalid vector for the virtual apic");
	vmctlerr(&v, "bad-post-range", "post 0x100", "invalid vector");
	vmctlerr(&v, "bad-vidquirk", "vidquirk maybe", "vidquirk on or vidquirk off");
	s->dirty = Dirtypc;
	what = vmrun(&v, err);
	check("bad-irr-empty", !anyset(&v, Apicirr), "a vector reached the vIRR");
	endvm(&v);
}

static Subtest tests[] = {
	{"cr8",	testcr8},
	{"threshold",	testthreshold},
	{"xapic",	testxapic},
	{"vid",	testvid},
	{"vidfast",	testvidfast},
	{"hlt",	testhlt},
	{"vidcli",	testvidcli},
	{"vidisr",	testvidisr},
	{"vidoff",	testvidoff},
	{"held",	testheld},
	{"bad",	testbad},
};

void
main(int argc, char *argv[])
{
	runsubtest(tests, nelem(tests), argc, argv);
}
