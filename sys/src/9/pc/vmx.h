/*
 * The insides of the VMX driver, shared by vmx.c (the processors and
 * vCPU lifetime), vmxregs.c (registers and events), vmxept.c (EPT and
 * the map) and vmxrun.c (the run loop). devvmx.c sees none of this:
 * it knows a Vcpu only through the functions in fns.h. Section
 * numbers are from the SDM, Vol. 3 (Chapters 24 to 28 and Appendix A).
 */

/* vmxasm.s includes this file too: what it needs is a macro. */
#define FHOSTRSP	0x6c14		/* VMCS host RSP field */
#define VGPR		15		/* general registers in Vcpu.gpr; CR2 follows */

#ifndef __ASSEMBLER__

#include <vmxstate.h>

enum
{
	/* capability and other MSRs (Appendix A) */
	Msrfeature	= 0x3a,
	Msrsysentercs	= 0x174,
	Msrsysenteresp	= 0x175,
	Msrsysentereip	= 0x176,
	Msrdebugctl	= 0x1d9,
	Msrpat		= 0x277,
	Msrtscaux	= 0xc0000103,
	Msrbasic	= 0x480,
	Msrpin		= 0x481,
	Msrproc		= 0x482,
	Msrexit		= 0x483,
	Msrentry	= 0x484,
	Msrmisc		= 0x485,
	Msrcr0fixed0	= 0x486,
	Msrcr0fixed1	= 0x487,
	Msrcr4fixed0	= 0x488,
	Msrcr4fixed1	= 0x489,
	Msrproc2	= 0x48b,
	Msreptvpid	= 0x48c,
	Msrtruepin	= 0x48d,
	Msrtrueproc	= 0x48e,
	Msrtrueexit	= 0x48f,
	Msrtrueentry	= 0x490,

	Featurelock	= 1<<0,
	Featurevmx	= 1<<2,
	Basictrue	= 1ULL<<55,

	/* EPT and VPID capabilities (A.10) */
	Capxonly	= 1<<0,		/* execute-only translations */
	Capwalk4	= 1<<6,
	Capwb		= 1<<14,
	Capinvept	= 1<<20,
	Capinveptone	= 1<<25,
	Capinveptall	= 1<<26,
	Capinvvpid	= 1ULL<<32,
	Capinvvpidone	= 1ULL<<41,
	Capinvvpidall	= 1ULL<<42,

	/* VMCS fields (Appendix B) */
	Fvpid		= 0x0000,
	Fguestsel	= 0x0800,	/* es cs ss ds fs gs ldtr tr, 2 apart */
	Fintstatus	= 0x0810,	/* guest interrupt status: SVI<<8 | RVI */
	Fhostes		= 0x0c00,
	Fhostcs		= 0x0c02,
	Fhostss		= 0x0c04,
	Fhostds		= 0x0c06,
	Fhostfs		= 0x0c08,
	Fhostgs		= 0x0c0a,
	Fhosttr		= 0x0c0c,
	Fmsrbitmap	= 0x2004,
	Ftscoffset	= 0x2010,
	Fvapic		= 0x2012,	/* virtual-APIC address */
	Fapicaccess	= 0x2014,
	Feptp		= 0x201a,
	Feoiexit	= 0x201c,	/* four, 2 apart */
	Fguestpa	= 0x2400,
	Flink		= 0x2800,
	Fguestdebugctl	= 0x2802,
	Fguestpat	= 0x2804,
	Fguestefer	= 0x2806,
	Fguestpdpte	= 0x280a,	/* four, 2 apart */
	Fhostpat	= 0x2c00,
	Fhostefer	= 0x2c02,
	Fpin		= 0x4000,
	Fproc		= 0x4002,
	Fexcbitmap	= 0x4004,
	Fpfecmask	= 0x4006,
	Fpfecmatch	= 0x4008,
	Fcr3targets	= 0x400a,
	Fexit		= 0x400c,
	Fexitmsrstores	= 0x400e,
	Fexitmsrloads	= 0x4010,
	Fentry		= 0x4012,
	Fentrymsrloads	= 0x4014,
	Fentryinfo	= 0x4016,
	Fentrycode	= 0x4018,
	Fentryilen	= 0x401a,
	Ftprthreshold	= 0x401c,
	Fproc2		= 0x401e,
	Finstrerror	= 0x4400,
	Freason		= 0x4402,
	Fexitinfo	= 0x4404,
	Fexitcode	= 0x4406,
	Fidtinfo	= 0x4408,
	Fidtcode	= 0x440a,
	Fexitilen	= 0x440c,
	Fexitinstr	= 0x440e,
	Fguestlimit	= 0x4800,	/* es ... tr */
	Fgdtrlimit	= 0x4810,
	Fidtrlimit	= 0x4812,
	Fguestperm	= 0x4814,	/* es ... tr */
	Finterrupt	= 0x4824,
	Factivity	= 0x4826,
	Fguestsysentercs = 0x482a,
	Fpreempttimer	= 0x482e,
	Fhostsysentercs	= 0x4c00,
	Fcr0mask	= 0x6000,
	Fcr4mask	= 0x6002,
	Fcr0shadow	= 0x6004,
	Fcr4shadow	= 0x6006,
	Fqual		= 0x6400,
	Fguestva	= 0x640a,
	Fguestcr0	= 0x6800,
	Fguestcr3	= 0x6802,
	Fguestcr4	= 0x6804,
	Fguestbase	= 0x6806,	/* es ... tr */
	Fgdtrbase	= 0x6816,
	Fidtrbase	= 0x6818,
	Fdr7		= 0x681a,
	Frsp		= 0x681c,
	Frip		= 0x681e,
	Frflags		= 0x6820,
	Fpendingdebug	= 0x6822,
	Fguestsysenteresp = 0x6824,
	Fguestsysentereip = 0x6826,
	Fhostcr0	= 0x6c00,
	Fhostcr3	= 0x6c02,
	Fhostcr4	= 0x6c04,
	Fhostfsbase	= 0x6c06,
	Fhostgsbase	= 0x6c08,
	Fhosttrbase	= 0x6c0a,
	Fhostgdtr	= 0x6c0c,
	Fhostidtr	= 0x6c0e,
	Fhostsysenteresp = 0x6c10,
	Fhostsysentereip = 0x6c12,
	Fhostrsp	= FHOSTRSP,
	Fhostrip	= 0x6c16,

	/* controls (24.6, 24.7, 24.8) */
	Pinextint	= 1<<0,
	Pinnmi		= 1<<3,
	Pinpreempt	= 1<<6,
	Procirqwin	= 1<<2,
	Proctscoff	= 1<<3,
	Prochlt		= 1<<7,
	Procmwait	= 1<<10,
	Procrdpmc	= 1<<11,
	Proccr3load	= 1<<15,
	Proccr3store	= 1<<16,
	Proccr8load	= 1<<19,
	Proccr8store	= 1<<20,
	Proctprshadow	= 1<<21,
	Procio		= 1<<24,
	Procmtf		= 1<<27,
	Procmsrbitmap	= 1<<28,
	Procmonitor	= 1<<29,
	Proc2nd		= 1U<<31,
	Proc2apicacc	= 1<<0,		/* virtualize APIC accesses */
	Proc2ept	= 1<<1,
	Proc2rdtscp	= 1<<3,
	Proc2wbinvd	= 1<<6,
	Proc2vpid	= 1<<5,
	Proc2unrestricted = 1<<7,
	Proc2apicreg	= 1<<8,		/* APIC-register virtualization */
	Proc2vid	= 1<<9,		/* virtual-interrupt delivery */
	Proc2invpcid	= 1<<12,
	Exitsavedebug	= 1<<2,
	Exithost64	= 1<<9,
	Exitsavepat	= 1<<18,
	Exitloadpat	= 1<<19,
	Exitsaveefer	= 1<<20,
	Exitloadefer	= 1<<21,
	Entryloaddebug	= 1<<2,
	Entryguest64	= 1<<9,
	Entryloadpat	= 1<<14,
	Entryloadefer	= 1<<15,

	/* exit reasons are vmxstate.h's Vmx*; this bit says the entry failed */
	Rfailed		= 1U<<31,

	/* interruption information (24.8.3, 24.9.2) */
	Ivalid		= 1U<<31,
	Icode		= 1<<11,
	Itype		= 7<<8,
	Iextint		= 0<<8,
	Inmi		= 2<<8,
	Ihard		= 3<<8,
	Isoftint	= 4<<8,
	Isoftexc	= 6<<8,
	Iblockmask	= 3,		/* interruptibility: blocked by STI or MOV SS */
	Iblocksti	= 1,
	Iblockmovss	= 2,

	/* pending debug exceptions (24.4.2) */
	Pendbreaks	= 0xf,		/* B0-B3: breakpoints matched */
	Pendbp		= 1<<12,	/* an enabled breakpoint matched */
	Pendbs		= 1<<14,	/* a single step */

	/* I/O exit qualification (27.2.1) */
	Ioqualsize	= 7,		/* bytes less one */
	Ioqualport	= 16,		/* shift */

	/* DR7 (18.2.4): per breakpoint n, enables at 2n, R/W and LEN at 16+4n */
	Dr7enables	= 3,
	Dr7anyenable	= 0xff,		/* all four breakpoints' */
	Dr7rwio		= 2,

	/* EPT entries (28.2.2) */
	Eptr		= 1<<0,
	Eptw		= 1<<1,
	Eptx		= 1<<2,
	Eptrwx		= 7,
	Epttypeshift	= 3,
	Eptlarge	= 1<<7,
	Eptaddr		= 0x000ffffffffff000ULL,

	/* vCPU states (Vcpu.state) */
	Vinit		= 0,
	Vready,
	Vrunning,
	Vending,
	Vdead,

	Rflagsif	= 1<<9,
	Rflagstf	= 1<<8,
	Rflagsbit1	= 1<<1,
	Debugctlbtf	= 1<<1,		/* TF steps branches only */
	Vecnmi		= 2,
	Vecmc		= 18,
	Nvpid		= 1<<16,
	Nmsrswap	= 5,		/* the syscall MSRs switched by hand: msrswapped in vmxrun.c */
	Vgpr		= VGPR,		/* Vcpu.gpr: ax bx cx dx si di bp r8-r15, in vmxasm.s order */
	Vcr2		= VGPR,		/* then the guest's CR2 */
	Vnreason	= 66,		/* exit reasons counted in stats */
	Defaultextrap	= 1<<Vecmc,	/* #mc, always; #db is the guest's: only its delivery sets DR6 (27.1) */
	Xcr0x87		= 1<<0,
	Xcr0sse		= 1<<1,
	Xcr0avx		= 1<<2,
	Xcr0avx512	= 7<<5,
	Xsaveheader	= 512,
	Mxcsroff	= 24,
	Mxcsrmaskoff	= 28,
};

/* What the processor offers, read once by vmxinit. */
typedef struct Vmxcaps Vmxcaps;
struct Vmxcaps
{
	char	*lacks;		/* why clone fails, or nil */
	u32int	revision;
	u32int	pin, proc, proc2, exit, entry;
	u64int	eptcaps;
	u64int	cr0fixed0, cr0fixed1, cr4fixed0, cr4fixed1;
	u64int	cr0kernel;	/* guest CR0 bits the kernel owns */
	u64int	cr0forced;	/* of which these are 1 */
	u64int	cr4kernel;
	u64int	cr4forced;
	u64int	xcr0max;	/* what XCR0 may hold; the guest's image is saved with all of it */
	u32int	mxcsrmask;
	ulong	xsavesize;
	int	mtf;
	int	tprshadow;	/* ctl apic can work */
	int	cr8free;	/* CR8 accesses can go to the TPR shadow */
	u32int	apic2;		/* the secondary APIC controls there are */
	int	vidquirk;	/* it delivers virtual interrupts the guest's IF blocks (vmxapic.c) */
	int	vidprobed;	/* vidquirk is known */
	int	rdtscp;		/* guests may run RDTSCP: TSC_AUX is switched */
	int	l1dflush;	/* side channels: what VM entry and a change of vCPU need */
	int	verw;
	int	ibpb;
};

/* Per processor: the VMXON region, VMCSs active and current there. */
typedef struct Vmxcpu Vmxcpu;
struct Vmxcpu
{
	uchar	*region;
	int	nvcpu;		/* VMCSs active here: VMX is on while there are any */
	Vcpu	*current;
	Vcpu	*clear;		/* another processor wants this one VMCLEARed here */
};

/* An event for VM entry, in the VM-entry interruption-information format. */
typedef struct Vevent Vevent;
struct Vevent
{
	u32int	info;
	u32int	code;
	u32int	ilen;
};

/* An extent of guest-physical memory backed by a global segment. */
typedef struct Vmem Vmem;
struct Vmem
{
	uvlong	lo;
	uvlong	hi;
	int	attr;		/* EPT access bits and memory type */
	Segment	*seg;
	uvlong	off;
	Vmem	*next;		/* sorted by lo, never overlapping */
};

/* A CPUID answer of the cpuid file; host has the bits taken from the host's. */
typedef struct Vcpuid Vcpuid;
struct Vcpuid
{
	u32int	leaf;
	u32int	sub;
	u32int	r[4];		/* EAX EBX ECX EDX */
	u32int	host[4];
};

/* An MSR of the msr file. */
enum { Mconst, Mstore, Muser };

typedef struct Vmsrpol Vmsrpol;
struct Vmsrpol
{
	u32int	msr;
	int	kind;
	u64int	val;
};

/* The virtual APIC's controls from the state page (Dirtyapic), checked. */
typedef struct Vapicset Vapicset;
struct Vapicset
{
	u32int	tprthreshold;
	u32int	eoiexit[8];
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
	u64int	tscaux;		/* IA32_TSC_AUX, for RDTSCP */
	u64int	hosttscaux;
	u64int	dr[4];
	u64int	dr6;
	u64int	hostdr[4];
	u64int	hostdr6;
	u64int	msr[Nmsrswap];		/* guest syscall MSRs and KERNEL_GS_BASE */
	u64int	hostmsr[Nmsrswap];
	int	hostcpu;	/* the processor whose values hostxcr0, hostdr and hostmsr hold, or -1 */
	int	loaded;		/* the guest's FPU, DRs and MSRs are in the processor */
	int	hostts;		/* the host's CR0.TS, cleared while loaded */
	u64int	hostxcr0;
	u32int	procctl;	/* primary processor-based controls, without per-entry bits */
	u32int	preempt;	/* the preemption timer at entry */
	int	preemptnow;	/* but 0 this once: exit after the #DB owed */
	int	dbwaited;	/* events waited an entry for that #DB */
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
	int	stopnext;	/* ctl stop while ready, for the next read of run */
	int	exited;		/* an exit since the last go */
	int	answered;	/* the last one, by vmxanswer */
	Vmxstate *page;		/* the state page, in pageseg; or nil */
	Segment	*pageseg;
	Vcpuid	*cpuid;		/* the cpuid file's table, sorted */
	int	ncpuid;
	Vmsrpol	*msrpol;	/* the msr file's policy */
	uchar	*vapic;		/* the virtual-APIC page (ctl apic), in vapicseg; or nil */
	Segment	*vapicseg;
	Segment	*accessseg;	/* holds the APIC-access page */
	u32int	proc2;		/* secondary controls */
	int	vid;		/* virtual-interrupt delivery on */
	int	vidoff;		/* but suspended while the page's APIC is software-disabled */
	int	vidquirk;	/* ctl vidquirk: work around vmx.vidquirk (every EOI exits) */
	int	vapicdirty;	/* the page's vIRR, vISR or SVR may have changed since the last entry */
	u32int	eoiexit[8];	/* with it, the vectors whose EOI the monitor wants */
	u32int	tprthreshold;	/* without it, as the state page asked */
	u32int	irqheld;	/* and the class of the irq its TPR held back at the last entry, or 0 */
	u32int	posted[8];	/* vectors ctl post asked for the vIRR, merged at entry */
	int	anyposted;
	int	nmsrpol;
	int	hltkernel;	/* ctl hlt kernel */
	Rendez	hltr;		/* where a HLT sleeps */
	Proc	*waiter;	/* the reader of wait, which runs the guest */
	Rendez	runr;		/* where it waits for go */
	char	held[Vlinemax];	/* an exit line queued behind an *ack */
	Lock	tracelock;
	Vtrace	*traces;
	ulong	nexit[Vnreason];
	ulong	nkernel[Vnreason];	/* of which the kernel answered */
	ulong	nnmi;
	ulong	nl1dflush;	/* side-channel work, for stats and ./mk bench */
	ulong	nverw;
	ulong	nibpb;
	uvlong	sidecycles;
	uvlong	guestcycles;
	/* the cost of a trip through user space, for stats and ./mk bench */
	uvlong	nuserexit;	/* exits read from wait */
	uvlong	exit2user;	/* cycles from VM exit to the wait read's return */
	uvlong	go2entry;	/* cycles from the go write to VM entry */
	uvlong	exittsc;
	uvlong	gotsc;
};

extern Vmxcaps	vmx;

/* The VMX instructions the other files use; vmx.c has the rest. */
static inline uvlong
vmcsread(u32int field)
{
	uvlong v;

	v = 0;
	asm volatile("vmread %1, %0" : "+r"(v) : "r"((uvlong)field) : "cc");
	return v;
}

static inline void
vmcswrite(u32int field, uvlong v)
{
	asm volatile("vmwrite %0, %1" : : "r"(v), "r"((uvlong)field) : "cc");
}

/* vmx.c */
void	sidechannels(Vcpu*);
void	vmxrefuse(Vcpu*, int);
void	vmxlock(Vcpu*, int);
uintptr	vmcslock(Vcpu*, int);
void	vmcsunlock(Vcpu*, uintptr);
void	vmcsload(Vcpu*);
void	kick(Vcpu*);
void*	mustalloc(ulong);
Vcpu*	vcpunew(int);
uchar*	stickypage(char*, uvlong, Segment**);

/* vmxregs.c */
extern char	*excnames[32];
void	setregs(Vcpu*, char*);
void	setpc(Vcpu*, uvlong);
u32int	statefill(Vcpu*);
int	databreakable(void);
void	stateapply(Vcpu*);
void	statefree(Vcpu*);

/* vmxrun.c */
void	getdr(u64int[4], u64int*);
void	tracehangup(Vcpu*);
void	vmxrelease(Vcpu*);
void	vmxretake(Vcpu*);

/* vmxanswer.c */
int	vmxanswer(Vcpu*, u32int);

/* vmxapic.c */
void	apicentry(Vcpu*);
int	apicpending(Vcpu*);
int	apicholds(Vcpu*, Vevent*);
int	apictpr(Vcpu*);
int	apiceoiexit(Vcpu*, int);
void	apiccheck(Vcpu*, volatile Vmxstate*, Vapicset*);
void	apicapply(Vcpu*, Vapicset*);
void	apicfree(Vcpu*);
void	vidprobe(void);

/* vmxept.c */
uvlong	eptp(Vcpu*);
void	eptrelease(Vcpu*);

#endif
