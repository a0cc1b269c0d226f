typedef struct Acpiinfo	Acpiinfo;
typedef struct Conf	Conf;
typedef struct Label	Label;
typedef struct Mach	Mach;
typedef struct Memrange	Memrange;
typedef struct Segdesc	Segdesc;
typedef struct Tss	Tss;
typedef struct Ureg	Ureg;

struct Label
{
	uintptr	sp;
	uintptr	pc;
	uintptr	bx, bp, r12, r13, r14, r15;
};

#include "../port/portdat.h"

struct Segdesc
{
	u32int	lo;
	u32int	hi;
};

struct Tss
{
	u32int	reserved0;
	u64int	rsp0;
	u64int	rsp1;
	u64int	rsp2;
	u64int	reserved1;
	u64int	ist[7];
	u64int	reserved2;
	u16int	reserved3;
	u16int	iomap;
} __attribute__((packed));

/* A range of physical memory from the boot loader's map. */
struct Memrange
{
	uvlong	base;
	uvlong	size;
};

enum
{
	Virqbase	= 32,		/* ISA IRQ n is vector Virqbase+n */
	Vclock		= 0xf0,		/* local APIC timer */
	Vwake		= 0xf1,		/* from other processors: look at the run queue */
	Vflush		= 0xf2,		/* drop up's mappings (Proc.newtlb) */
	Vvmx		= 0xf3,		/* a VMCLEAR asked for, or an exit out of a guest */
	Vapicerror	= 0xfe,
	Vspurious	= 0xff,

	NMEMRANGE	= 64,
	NMODULE		= 8,
};

struct Conf
{
	int	nmach;
	Memrange ram[NMEMRANGE];	/* usable RAM */
	int	nram;
	uvlong	npage;		/* pages of RAM in all */
	uvlong	topram;		/* end of the highest RAM */
	struct {
		uvlong	base;
		uvlong	size;
		char	*cmdline;
	} module[NMODULE];
	int	nmodule;
	uchar	rsdp[36];	/* copy of the ACPI root pointer, if the loader gave one */
	uvlong	bootfree;	/* first free physical address after the boot images */
	int	hz;
};

/*
 * Per processor. The first fields are at fixed offsets used by l.s
 * through %gs: self 0, syscallsp 8, usersp 16, proc 24.
 */
struct Mach
{
	Mach	*self;
	uintptr	syscallsp;	/* top of the current kernel stack */
	uintptr	usersp;		/* scratch during system-call entry */
	Proc	*proc;		/* the current process, up */

	int	machno;
	int	apicid;
	Label	sched;		/* the scheduler's context */
	uvlong	ticks;
	uvlong	cpuhz;		/* TSC rate */
	int	ilockdepth;
	int	online;
	int	idle;		/* halted, waiting for a ready process */
	int	flushmmu;	/* a Vflush not yet handled */
	uvlong	cs;		/* switches to a process */
	uvlong	intr;		/* interrupts */

	u64int	*pml4;		/* page tables in use */
	Segdesc	gdt[NGDT];
	Tss	tss;
	uchar	dfstack[8*1024] __attribute__((aligned(16)));	/* for double faults */

	char	cpuvendor[13];
	u32int	cpuidax;	/* family, model, stepping */
	u32int	cpuidcx;	/* leaf 1 feature flags */
	u32int	cpuiddx;
	u32int	cpuidextcx;	/* leaf 0x80000001 */
	u32int	cpuidextdx;
	u32int	cpuid7bx;
};

/* What the ACPI tables say about interrupt controllers and processors. */
struct Acpiinfo
{
	uvlong	lapicbase;
	int	ncpu;
	int	cpuapicid[MAXMACH];
	int	nioapic;
	struct {
		uvlong	addr;
		int	gsibase;
	} ioapic[4];
	int	isagsi[16];	/* ISA IRQ to global system interrupt */
	int	isaflags[16];	/* polarity and trigger overrides */
};

extern	Acpiinfo acpi;
extern	Conf	conf;
extern	Mach	mach0;
extern	Mach	*machp[MAXMACH];

static inline Mach*
getmach(void)
{
	Mach *x;

	asm volatile("movq %%gs:0, %0" : "=r"(x));
	return x;
}

static inline Proc*
getup(void)
{
	Proc *x;

	asm volatile("movq %%gs:24, %0" : "=r"(x));
	return x;
}

#define m	(getmach())
#define up	(getup())

/*
 * VMX (vmx.c, devvmx.c): a vCPU, its guest-physical map and the
 * events waiting for its next VM entry.
 */
typedef struct Vcpu	Vcpu;
typedef struct Vevent	Vevent;
typedef struct Vmem	Vmem;
typedef struct Vtrace	Vtrace;

enum
{
	Vinit,			/* Vcpu.state */
	Vready,
	Vrunning,
	Vending,
	Vdead,

	Vgpr		= 15,	/* Vcpu.gpr: ax bx cx dx si di bp r8-r15, in vmxasm.s order */
	Vcr2		= 15,	/* then the guest's CR2 */
	Vlinemax	= 256,	/* an exit line */
	Vnreason	= 66,	/* exit reasons counted in stats */
};

/* An event for VM entry, in the VM-entry interruption-information format. */
struct Vevent
{
	u32int	info;
	u32int	code;
	u32int	ilen;
};

/* An extent of guest-physical memory backed by a global segment. */
struct Vmem
{
	uvlong	lo;
	uvlong	hi;
	int	attr;		/* EPT access bits and memory type */
	Segment	*seg;
	uvlong	off;
	Vmem	*next;		/* sorted by lo, never overlapping */
};

/* A reader of #X/N/trace: its own ring of exit lines. */
struct Vtrace
{
	Rendez;
	Vtrace	*next;
	char	*buf;
	ulong	rd;		/* bytes ever read and written */
	ulong	wr;
	ulong	lost;		/* lines dropped since the last read */
	int	hungup;		/* the vCPU is gone */
};

struct Vcpu
{
	Ref;
	QLock;			/* the VMCS and the fields below, except as noted */
	int	index;
	int	state;
	char	errstr[ERRMAX];
	u64int	gpr[Vgpr+1];	/* read and written by vmxasm.s */
	uchar	*vmcs;
	int	machno;		/* where the VMCS is active, or -1 */
	ulong	nmigrate;	/* times it was moved from one processor to another */
	int	launched;
	int	vpid;
	u64int	*ept;		/* top-level EPT table */
	int	flushept;
	int	flushvpid;
	Vmem	*mem;
	u32int	*msrbitmap;
	uchar	*fpu;		/* the guest's XSAVE image */
	uchar	*hostfpu;	/* the host's, while the guest's is loaded */
	u64int	xcr0;
	u64int	dr[4];
	u64int	dr6;
	u64int	hostdr[4];
	u64int	hostdr6;
	u64int	msr[5];		/* guest syscall MSRs and KERNEL_GS_BASE */
	u64int	hostmsr[5];
	int	loaded;		/* the guest's FPU, DRs and MSRs are in the processor */
	int	hostts;		/* the host's CR0.TS, cleared while loaded */
	u64int	hostxcr0;
	u32int	procctl;	/* primary processor-based controls, without per-entry bits */
	int	step;		/* monitor trap flag on the next entry */
	Vevent	exc;		/* from ctl exc, delivered at the next entry */
	int	excpending;
	Lock	irqlock;	/* irq and irqpending, which ctl irq sets without the QLock */
	Vevent	irq;		/* from ctl irq, delivered when the guest can take it */
	int	irqpending;
	Vevent	irqtaken;	/* the irq being injected */
	Vevent	redeliver;	/* interrupted by the last exit: IDT-vectoring information */
	int	redeliverpending;
	Vevent	*injected;	/* at the last entry */
	int	ackvec;		/* irq delivered, *ack not yet reported; or -1 */
	int	stopreq;	/* ctl stop; set without the QLock */
	int	exited;		/* an exit since the last go */
	Proc	*waiter;	/* the reader of wait, which runs the guest */
	Rendez	runr;		/* where it waits for go */
	char	held[Vlinemax];	/* an exit line queued behind an *ack */
	Lock	tracelock;
	Vtrace	*traces;
	ulong	nexit[Vnreason];
	ulong	nnmi;
	uvlong	guestcycles;
	/* the cost of a trip through user space, for stats and ./mk bench */
	uvlong	nuserexit;	/* exits read from wait */
	uvlong	exit2user;	/* cycles from VM exit to the wait read's return */
	uvlong	go2entry;	/* cycles from the go write to VM entry */
	uvlong	exittsc;
	uvlong	gotsc;
};
