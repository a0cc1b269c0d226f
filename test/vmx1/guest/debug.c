/*
 * Debugging inside the guest, as a guest debugger sees it on hardware
 * (SDM Vol. 3, Chapter 18): single-stepping with RFLAGS.TF, also over
 * instructions the monitor or kernel emulates; the one-instruction
 * delay after MOV SS; instruction and data breakpoints of DR0-DR7;
 * ICEBP and INT3; debug registers the guest's own across exits.
 *
 * The stepped code is assembled below: after each instruction S
 * names, a single-step #DB must come, in order, at the address the
 * instruction's label gives (the sequence's table, ending in 0); no
 * other #DB may come. The handler records each #DB and #BP with DR6,
 * clears DR6 as a debugger does, clears TF at the sequence's end and
 * sets RF after an instruction breakpoint so the instruction runs.
 */
#include <u.h>
#include <x86.h>
#include "guest.h"

enum {
	Vdb	= 1,
	Vbp	= 3,

	Dr6b0	= 1<<0,
	Dr6b1	= 1<<1,
	Dr6b2	= 1<<2,
	Dr6b3	= 1<<3,
	Dr6bs	= 1<<14,
	Dr6bits	= 0xe00f,	/* B0-B3, BD, BS, BT; the rest is reserved */
	Dr6reset = 0xffff0ff0,
	Dr7reset = 0x400,
	Dr7l0	= 1<<0,
	Dr7l1	= 1<<2,
	Dr7write1 = 1<<20,	/* R/W1 = 01: data writes */
	Dr7len1x4 = 3<<22,	/* LEN1 = 11: four bytes */
	Dr7l2	= 1<<4,
	Dr7io2	= 2<<24,	/* R/W2 = 10: port accesses, with CR4.DE */
	Dr7l3	= 1<<6,
	Dr7data3 = 3<<28,	/* R/W3 = 11: data reads and writes */
	Dr7len3x4 = 3u<<30,
	Dr7write1x4 = Dr7reset | Dr7l1 | Dr7write1 | Dr7len1x4,
	Dr7data3x4 = Dr7reset | Dr7l3 | Dr7data3 | Dr7len3x4,

	Nseen	= 32,
	Runaway	= 100,		/* #DBs before the handler gives up, but in stepirq */
	Hz	= 100,

	Ioapic	= 0xfec00000,	/* its select register; the window is at 0x10 */
	Lapicid	= Lapic + 0x20,	/* the version register is at 0x30 */
	Lapictpr = Lapic + 0x80,
	Lapiceoi = Lapic + 0xb0,
	Lapicsvr = Lapic + 0xf0,
	Lapicicr = Lapic + 0x300,
	Lapicinit = Lapic + 0x380,	/* the timer's current count is at 0x390 */
	Svrenable = 0x1ff,	/* APIC on, spurious vector 0xff */
	Icrselfnmi = 1<<18 | 4<<8,
	Icrothers = 3<<18 | 0x40,	/* to the others, none here */
	Maxloops = 100000,
};

#define WANTIRQS	"3"	/* timer interrupts stepirq waits for */

#ifdef __x86_64__
#define AX	"%rax"
#define DX	"%rdx"
#define PTR	".quad"
#else
#define AX	"%eax"
#define DX	"%edx"
#define PTR	".long"
#endif

/*
 * BEGIN name sets TF with POPF, which traps after the next instruction
 * (TF must be set before an instruction for it to trap); the handler
 * clears TF at name_end. Each S insn is followed by a label in the
 * table name_pcs. Registers bx, si and di are the caller's.
 */
asm(
	".macro S insn:vararg\n"
	"	\\insn\n"
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	" PTR " 1f\n"
	"	.popsection\n"
	"1:\n"
	".endm\n"
	".macro BEGIN name\n"
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	.globl \\name\\()_pcs\n"
	"\\name\\()_pcs:\n"
	"	.popsection\n"
	"	.text\n"
	"	.globl \\name\n"
	"\\name:\n"
	"	pushf\n"
	"	pop " AX "\n"
	"	or $0x100, " AX "\n"
	"	push " AX "\n"
	"	popf\n"
	".endm\n"
	".macro END name\n"
	"	.globl \\name\\()_end\n"
	"\\name\\()_end:\n"
	"	ret\n"
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	" PTR " 0\n"
	"	.popsection\n"
	".endm\n"

	/* ordinary instructions */
	"BEGIN stepplain\n"
	"	S nop\n"
	"	S mov $1, %eax\n"
	"	S add %eax, %eax\n"
	"	S lea 4(" AX "), " DX "\n"
	"END stepplain\n"

	/* instructions that exit, answered in user space or in the kernel */
	"BEGIN stepexits\n"
	"	S outb %al, $0x80\n"
	"	S inb $0x80, %al\n"
	"	S xor %eax, %eax\n"
	"	S cpuid\n"			/* leaf 0: the kernel's table */
	"	S mov $0xd, %eax\n"
	"	S xor %ecx, %ecx\n"
	"	S cpuid\n"			/* leaf 0xd: vmx(1), as it follows XCR0 */
	"	S mov $0x277, %ecx\n"
	"	S rdmsr\n"
	"	S wrmsr\n"
	"	S mov $0xfee00030, %edx\n"
	"	S movl (" DX "), %eax\n"	/* the local APIC's version: MMIO */
	"END stepexits\n"

	/* MOV SS holds the step's #DB until after the next instruction, exiting or not */
	"BEGIN stepmovss\n"
	"	S mov %ss, %edx\n"
	"	S xor %eax, %eax\n"
	"	mov %edx, %ss\n"
	"	S nop\n"
	"	mov %edx, %ss\n"
	"	S outb %al, $0x80\n"
	"	mov %edx, %ss\n"
	"	S cpuid\n"
	"END stepmovss\n"

	/* the write to the ICR (in dx) of a self-NMI (cx), stepped */
	"BEGIN stepnmi\n"
	"	S movl %ecx, (" DX ")\n"
	"END stepnmi\n"

	/* a loop whose OUT exits, stepped while the timer interrupts; cx bounds it */
	"BEGIN stepirqs\n"
	"2:	outb %al, $0x80\n"
	"	dec %ecx\n"
	"	jz 3f\n"
	"	cmpl $" WANTIRQS ", irqs\n"
	"	jb 2b\n"
	"3:\n"
	"END stepirqs\n"

	/* the write to the I/O APIC's select register (in dx), stepped */
	"BEGIN stepmmio\n"
	"	S movl %eax, (" DX ")\n"
	"END stepmmio\n"

	/* HLT, which exits and ends when the timer's interrupt comes */
	"BEGIN stephlt\n"
	"	S hlt\n"
	"END stephlt\n"

	/* with DR2 an I/O breakpoint on port 0x80: a trap after each access that touches it */
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	.globl ioaccess_pcs\n"
	"ioaccess_pcs:\n"
	"	.popsection\n"
	"	.text\n"
	"	.globl ioaccess\n"
	"ioaccess:\n"
	"	S outb %al, $0x80\n"
	"	inb $0x81, %al\n"
	"	S inw $0x7f, %ax\n"
	"	outw %ax, $0x7e\n"
	"	S inb $0x80, %al\n"
	"	ret\n"
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	" PTR " 0\n"
	"	.popsection\n"

	/* with DR1 a write breakpoint on the I/O APIC's select register (in dx), MMIO */
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	.globl mmiowrite_pcs\n"
	"mmiowrite_pcs:\n"
	"	.popsection\n"
	"	.text\n"
	"	.globl mmiowrite\n"
	"mmiowrite:\n"
	"	S movl %eax, (" DX ")\n"
	"	movl (" DX "), %eax\n"
	"	ret\n"
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	" PTR " 0\n"
	"	.popsection\n"

	/* with DR3 a read and write breakpoint on its window: a read, a write ending below, one running into it */
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	.globl mmiorw_pcs\n"
	"mmiorw_pcs:\n"
	"	.popsection\n"
	"	.text\n"
	"	.globl mmiorw\n"
	"mmiorw:\n"
	"	S movl 0x10(" DX "), %eax\n"
	"	movw %ax, 0xe(" DX ")\n"
	"	S movl %eax, 0xe(" DX ")\n"
	"	ret\n"
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	" PTR " 0\n"
	"	.popsection\n"

	/* ICEBP is a trap #DB with no DR6 bit; INT3 a trap #BP */
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	.globl icebp_pcs\n"
	"icebp_pcs:\n"
	"	.popsection\n"
	"	.text\n"
	"	.globl icebp\n"
	"icebp:\n"
	"	S .byte 0xf1\n"
	"	S int3\n"
	"	ret\n"
	"	.pushsection .rodata.dbsteps,\"a\"\n"
	"	" PTR " 0\n"
	"	.popsection\n"

	/* the instruction breakpoint: DR0 is bpinsn; ax counts the runs */
	"	.globl bpfunc, bpinsn\n"
	"bpfunc:\n"
	"bpinsn:\n"
	"	inc %eax\n"
	"	ret\n"

	/* the data breakpoint: DR1 is watched; a write traps after it */
	"	.globl watchwrite, watchwritten\n"
	"watchwrite:\n"
	"	mov watched, %eax\n"
	"	movl $5, watched\n"
	"watchwritten:\n"
	"	ret\n"
);

extern char stepplain[], stepplain_end[];
extern char stepexits[], stepexits_end[];
extern char stepmovss[], stepmovss_end[];
extern char stepirqs[], stepirqs_end[];
extern char stepnmi[], stepnmi_end[];
extern char stephlt[], stephlt_end[];
extern char stepmmio[], stepmmio_end[];
extern uintptr stepmmio_pcs[];
extern char icebp[];
extern uintptr stepplain_pcs[], stepexits_pcs[], stepmovss_pcs[], stepnmi_pcs[], stephlt_pcs[], ioaccess_pcs[], icebp_pcs[];
extern char mmiowrite[], mmiorw[];
extern uintptr mmiowrite_pcs[], mmiorw_pcs[];
extern char bpinsn[], watchwritten[];
volatile u32int watched __attribute__((aligned(4)));
volatile u32int irqs;

static struct {
	int	vec;
	uintptr	pc;
	uintptr	dr6;
} seen[Nseen];
static volatile int nseen;
static volatile int nodd;	/* #DBs whose DR6 is not a single step's alone */
static int runaway;
static uintptr stepend;

#define GETDR(n, v)	asm volatile("mov %%dr" #n ", %0" : "=r"(v))
#define PUTDR(n, v)	asm volatile("mov %0, %%dr" #n : : "r"((uintptr)(v)) : "memory")

static void
dbtrap(Frame *f)
{
	uintptr dr6;

	GETDR(6, dr6);
	if(nseen < Nseen){
		seen[nseen].vec = f->vector;
		seen[nseen].pc = f->pc;
		seen[nseen].dr6 = dr6;
	}
	PUTDR(6, 0);
	if(f->vector == Vdb && (dr6 & Dr6bits) != Dr6bs)
		nodd++;
	if(++nseen > runaway || f->pc == stepend){
		f->flags &= ~Flagstf;
		PUTDR(7, Dr7reset);
	}
	/* an ICEBP delivered as a fault, before it, would come back for ever */
	if(nseen > runaway && *(uchar*)f->pc == 0xf1)
		f->pc++;
	if(f->vector == Vdb && (dr6 & 0xf) != 0)
		f->flags |= Flagsrf;
}

static void
begin(char *end, int most)
{
	nseen = 0;
	nodd = 0;
	runaway = most;
	stepend = (uintptr)end;
	debugtrap = dbtrap;
}

static void
done(void)
{
	debugtrap = nil;
}

/* The run against its table: every #DB there, in order, with DR6 bits dr6; nothing more. */
static int
matches(char *name, uintptr *pcs, int vec, uintptr dr6)
{
	int i, n;

	for(n = 0; pcs[n] != 0; n++)
		;
	for(i = 0; i < nseen && i < n && i < Nseen; i++){
		print("%s: vector %d pc %lux dr6 %lux\n", name, seen[i].vec, (ulong)seen[i].pc, (ulong)seen[i].dr6);
		if(seen[i].vec != vec || seen[i].pc != pcs[i] || (seen[i].dr6 & Dr6bits) != dr6){
			check(name, 0, "trap %d: vector %d pc %lux dr6 %lux, want vector %d pc %lux dr6 bits %lux",
				i, seen[i].vec, (ulong)seen[i].pc, (ulong)seen[i].dr6, vec, (ulong)pcs[i], (ulong)dr6);
			return 0;
		}
	}
	if(nseen != n){
		check(name, 0, "%d traps, want %d", nseen, n);
		return 0;
	}
	return 1;
}

static void
stepcheck(char *name, void (*f)(void), char *end, uintptr *pcs)
{
	begin(end, Runaway);
	asm volatile("call *%0" : : "r"(f) : "ax", "cx", "dx", "bx", "memory");
	done();
	if(matches(name, pcs, Vdb, Dr6bs))
		check(name, 1, "");
}

/* TF over ordinary instructions: one #DB after each, DR6.BS. */
static void
step(char *arg)
{
	stepcheck("step", (void(*)(void))stepplain, stepplain_end, stepplain_pcs);
}

/* TF over OUT, IN, CPUID, RDMSR, WRMSR and MMIO: one #DB after each, at the next instruction. */
static void
stepexit(char *arg)
{
	stepcheck("stepexit", (void(*)(void))stepexits, stepexits_end, stepexits_pcs);
}

/* TF over MOV SS: no #DB for it, one after the next instruction, also one that exits. */
static void
movss(char *arg)
{
	stepcheck("movss", (void(*)(void))stepmovss, stepmovss_end, stepmovss_pcs);
}

/*
 * IA32_DEBUGCTL holds BTF (Bochs 2.7 steps every instruction whatever
 * it says, so TF with BTF is not tried here); reserved bits 2-5 raise
 * #GP and change nothing.
 */
static void
debugctl(char *arg)
{
	u64int v;
	int vec;

	v = ~0ULL;
	if((vec = wrmsrsafe(Msrdebugctl, Debugctlbtf)) != 0 || (vec = rdmsrsafe(Msrdebugctl, &v)) != 0 || v != Debugctlbtf){
		check("debugctl", 0, "wrote BTF: vector %d, reads %llux", vec, v);
		return;
	}
	vec = wrmsrsafe(Msrdebugctl, Debugctlbtf | 1<<2);
	rdmsrsafe(Msrdebugctl, &v);
	wrmsrsafe(Msrdebugctl, 0);
	check("debugctl", vec == Vgp && v == Debugctlbtf, "wrote bit 2: vector %d, reads %llux", vec, v);
}

/*
 * TF over a self-NMI's ICR write, which the monitor emulates: the #DB
 * after the write comes first (a trap on the previous instruction),
 * then the NMI, each once.
 */
static void
nmistep(char *arg)
{
	int before;

	*(volatile u32int*)Lapicsvr = Svrenable;
	before = nmis;
	begin(stepnmi_end, Runaway);
	asm volatile("call stepnmi" : : "c"(Icrselfnmi), "d"(Lapicicr) : "ax", "memory");
	done();
	if(matches("stepnmi", stepnmi_pcs, Vdb, Dr6bs))
		check("stepnmi", nmis == before+1, "%d nmis", nmis - before);
}

static void
irqcount(void)
{
	irqs++;
}

/*
 * TF over a loop whose OUT exits while timer interrupts come: one #DB
 * after each instruction, none lost to an interrupt given at the entry
 * that owes one, none twice. The loop runs 5 instructions a round, 3
 * in the last if cx ran out.
 */
static void
stepirq(char *arg)
{
	u32int left, rounds, want;

	timerinit(Hz);
	irqhandler[0] = irqcount;
	irqs = 0;
	left = Maxloops;
	begin(stepirqs_end, 6*Maxloops);
	asm volatile("sti; call stepirqs; cli" : "+c"(left) : : "ax", "memory");
	done();
	timerstop();
	rounds = Maxloops - left;
	want = left == 0 ? 5*rounds - 2 : 5*rounds;
	print("stepirq: %ud rounds, %ud irqs, %d traps, %d odd\n", rounds, irqs, nseen, nodd);
	check("stepirq", left != 0 && nseen == want && nodd == 0,
		"%ud rounds, %ud irqs, %d traps, want %ud, %d without DR6.BS alone", rounds, irqs, nseen, want, nodd);
}

/*
 * TF over HLT with interrupts open: the HLT ends when the timer's
 * interrupt comes, and one #DB comes after it, DR6.BS.
 */
static void
hltstep(char *arg)
{
	timerinit(Hz);
	irqhandler[0] = irqcount;
	irqs = 0;
	begin(stephlt_end, Runaway);
	asm volatile("sti; call stephlt; cli" : : : "ax", "memory");
	done();
	timerstop();
	if(matches("stephlt", stephlt_pcs, Vdb, Dr6bs))
		check("stephlt", irqs > 0, "no timer interrupt ended the HLT");
}

/* DR0 on an instruction: a fault #DB before it, DR6.B0; RF lets it run; again next time. */
static void
drexec(char *arg)
{
	u32int runs;

	begin(nil, Runaway);
	PUTDR(0, bpinsn);
	PUTDR(7, Dr7reset | Dr7l0);
	runs = 0;
	asm volatile("call bpfunc; call bpfunc" : "+a"(runs) : : "memory");
	PUTDR(7, Dr7reset);
	done();
	if(nseen != 2 || runs != 2){
		check("drexec", 0, "%d traps, %d runs; want 2 and 2", nseen, runs);
		return;
	}
	if(seen[0].pc != (uintptr)bpinsn || seen[1].pc != (uintptr)bpinsn
	|| (seen[0].dr6 & Dr6bits) != Dr6b0 || (seen[1].dr6 & Dr6bits) != Dr6b0){
		check("drexec", 0, "traps at %lux, %lux with dr6 %lux, %lux; want %lux, B0",
			(ulong)seen[0].pc, (ulong)seen[1].pc, (ulong)seen[0].dr6, (ulong)seen[1].dr6, (ulong)bpinsn);
		return;
	}
	check("drexec", 1, "");
}

/* DR1 on a word for writes: a read passes, a write traps after it with DR6.B1. */
static void
drwrite(char *arg)
{
	begin(nil, Runaway);
	watched = 1;
	PUTDR(1, &watched);
	PUTDR(7, Dr7write1x4);
	asm volatile("call watchwrite" : : : "ax", "memory");
	PUTDR(7, Dr7reset);
	done();
	if(nseen != 1 || seen[0].pc != (uintptr)watchwritten || (seen[0].dr6 & Dr6bits) != Dr6b1 || watched != 5){
		check("drwrite", 0, "%d traps, the first at %lux dr6 %lux, watched %ud; want 1 at %lux, B1, 5",
			nseen, (ulong)seen[0].pc, (ulong)seen[0].dr6, watched, (ulong)watchwritten);
		return;
	}
	check("drwrite", 1, "");
}

/*
 * An I/O breakpoint on port 0x80 (CR4.DE, DR7 R/W 10), whose accesses
 * the monitor carries out: a #DB with DR6.B2 after each IN or OUT that
 * touches the port, none for 0x81 or 0x7e.
 */
static void
drio(char *arg)
{
	uintptr cr4;

	asm volatile("mov %%cr4, %0" : "=r"(cr4));
	asm volatile("mov %0, %%cr4" : : "r"(cr4 | Cr4de));
	begin(nil, Runaway);
	PUTDR(2, 0x80);
	PUTDR(7, Dr7reset | Dr7l2 | Dr7io2);
	asm volatile("call ioaccess" : : : "ax", "memory");
	PUTDR(7, Dr7reset);
	done();
	asm volatile("mov %0, %%cr4" : : "r"(cr4));
	if(matches("drio", ioaccess_pcs, Vdb, Dr6b2))
		check("drio", 1, "");
}

/*
 * Data breakpoints on MMIO, whose accesses the monitor carries out
 * (drmmio): on the I/O APIC's select register for writes, a #DB with
 * DR6.B1 after the write, none after the read; on its window for
 * reads and writes, one with DR6.B3 after the read and after the
 * write that runs into it, none after the one that ends below it.
 * Single-stepped, the write to the select register gives one #DB
 * with DR6.BS and B1. On the local APIC's registers, whose accesses
 * the processor virtualizes or leaves to the kernel or the monitor,
 * the same (drapic): for writes on the EOI, TPR and ICR registers;
 * for reads and writes on the version register and on the timer's
 * current count (which no processor virtualizes); stepped, on the
 * EOI's.
 *
 * Each run is f with dx at the registers a and ax val, DR1 on a and
 * DR3 on a+0x10 under dr7; its #DBs must be pcs's, with dr6.
 */
static struct {
	char	*check;
	char	*name;
	char	*f, *end;
	uintptr	a;
	u32int	val;
	uintptr	dr7, *pcs, dr6;
} mmioruns[] = {
	{"drmmio", "drmmio write", mmiowrite, nil, Ioapic, 0, Dr7write1x4, mmiowrite_pcs, Dr6b1},
	{"drmmio", "drmmio rw", mmiorw, nil, Ioapic, 0, Dr7data3x4, mmiorw_pcs, Dr6b3},
	{"drmmio", "drmmio step", stepmmio, stepmmio_end, Ioapic, 0, Dr7write1x4, stepmmio_pcs, Dr6bs|Dr6b1},
	{"drapic", "drapic eoi", mmiowrite, nil, Lapiceoi, 0, Dr7write1x4, mmiowrite_pcs, Dr6b1},
	{"drapic", "drapic tpr", mmiowrite, nil, Lapictpr, 0, Dr7write1x4, mmiowrite_pcs, Dr6b1},
	{"drapic", "drapic icr", mmiowrite, nil, Lapicicr, Icrothers, Dr7write1x4, mmiowrite_pcs, Dr6b1},
	{"drapic", "drapic version", mmiorw, nil, Lapicid, 0, Dr7data3x4, mmiorw_pcs, Dr6b3},
	{"drapic", "drapic count", mmiorw, nil, Lapicinit, 0, Dr7data3x4, mmiorw_pcs, Dr6b3},
	{"drapic", "drapic step", stepmmio, stepmmio_end, Lapiceoi, 0, Dr7write1x4, stepmmio_pcs, Dr6bs|Dr6b1},
};

/* The runs of the check name in turn; it is ok if all matched. */
static void
mmiocheck(char *name)
{
	u32int val;
	int i;

	for(i = 0; i < nelem(mmioruns); i++){
		if(strcmp(mmioruns[i].check, name) != 0)
			continue;
		begin(mmioruns[i].end, Runaway);
		PUTDR(1, mmioruns[i].a);
		PUTDR(3, mmioruns[i].a + 0x10);
		PUTDR(7, mmioruns[i].dr7);
		val = mmioruns[i].val;
		asm volatile("call *%1" : "+a"(val) : "r"(mmioruns[i].f), "d"(mmioruns[i].a) : "memory");
		PUTDR(7, Dr7reset);
		done();
		if(!matches(mmioruns[i].name, mmioruns[i].pcs, Vdb, mmioruns[i].dr6))
			return;
	}
	check(name, 1, "");
}

static void
drmmio(char *arg)
{
	mmiocheck("drmmio");
}

static void
drapic(char *arg)
{
	mmiocheck("drapic");
}

/* ICEBP: one #DB after it, no DR6 bit; INT3: one #BP after it. */
static void
icebpint3(char *arg)
{
	begin(nil, Runaway);
	asm volatile("call icebp" : : : "memory");
	done();
	if(nseen != 2 || seen[0].vec != Vdb || seen[0].pc != icebp_pcs[0] || (seen[0].dr6 & Dr6bits) != 0
	|| seen[1].vec != Vbp || seen[1].pc != icebp_pcs[1]){
		check("icebp", 0, "%d traps: vector %d pc %lux dr6 %lux, vector %d pc %lux; want #db at %lux, #bp at %lux",
			nseen, seen[0].vec, (ulong)seen[0].pc, (ulong)seen[0].dr6, seen[1].vec, (ulong)seen[1].pc,
			(ulong)icebp_pcs[0], (ulong)icebp_pcs[1]);
		return;
	}
	check("icebp", 1, "");
}

/* DR0-DR3, DR6, DR7 as dr[0] to dr[5] */
#define EACHDR(f)	f(0, dr[0]); f(1, dr[1]); f(2, dr[2]); f(3, dr[3]); f(6, dr[4]); f(7, dr[5])

static void
getdrs(uintptr dr[6])
{
	EACHDR(GETDR);
}

static void
putdrs(uintptr dr[6])
{
	EACHDR(PUTDR);
}

static int
drsare(char *when, uintptr want[6])
{
	uintptr got[6];
	int i;

	getdrs(got);
	print("debug registers %s: %lux %lux %lux %lux dr6 %lux dr7 %lux\n", when,
		(ulong)got[0], (ulong)got[1], (ulong)got[2], (ulong)got[3], (ulong)got[4], (ulong)got[5]);
	for(i = 0; i < 6; i++)
		if(got[i] != want[i]){
			check("drregs", 0, "%s: dr%d %lux, want %lux", when, i < 4 ? i : i+2, (ulong)got[i], (ulong)want[i]);
			return 0;
		}
	return 1;
}

/*
 * The debug registers start at their reset values and are the
 * guest's: what it writes stays across exits to the monitor and the
 * kernel, and no one else's shows.
 */
static void
drregs(char *arg)
{
	/* DR7 enables DR1 for writes, where nothing here writes */
	static uintptr reset[6] = { 0, 0, 0, 0, Dr6reset, Dr7reset };
	static uintptr mine[6] = { 0x1000, 0x2004, 0x300c, 0x4ff8, Dr6reset|Dr6b1|Dr6bs, Dr7reset|Dr7l1|Dr7write1 };
	u32int r[4];
	int ok;

	if(!drsare("at boot", reset))
		return;
	putdrs(mine);
	outb(0x80, 0);
	cpuid(0, r);
	cpuid(0xd, r);
	ok = drsare("after exits", mine);
	PUTDR(7, Dr7reset);
	PUTDR(6, 0);
	if(ok)
		check("drregs", 1, "");
}

Check debugchecks[] = {
	{"drregs", drregs},
	{"step", step},
	{"stepexit", stepexit},
	{"movss", movss},
	{"stepirq", stepirq},
	{"stepnmi", nmistep},
	{"stephlt", hltstep},
	{"debugctl", debugctl},
	{"drexec", drexec},
	{"drwrite", drwrite},
	{"drio", drio},
	{"drmmio", drmmio},
	{"drapic", drapic},
	{"icebp", icebpint3},
	{nil, nil},
};
