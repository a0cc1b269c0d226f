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

/* shutdown(how): a panic's power-off tells the emulator so (see main.c) */
enum
{
	Poweroff,
	Reboot,
	Panicoff,
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

/* VMX: the insides are in vmx.h; devvmx.c uses the functions in fns.h. */
typedef struct Vcpu	Vcpu;
typedef struct Vtrace	Vtrace;
typedef struct Vpolicy	Vpolicy;

enum
{
	Vlinemax	= 256,	/* an exit line of #X/N/wait */
};
