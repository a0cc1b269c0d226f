/*
 * The state page of a #X vCPU (see vmx(3)), shared by the kernel and
 * monitors. At every exit the kernel fills it with the registers an
 * exit loop needs and the exit's information; the monitor changes
 * registers in place, marks them in dirty, and the next entry (a read
 * of run, or ctl go) applies them. One layout, defined here only.
 */
typedef struct Vmxstate Vmxstate;

enum
{
	/* Vmxstate.gpr: in the order instructions encode them */
	Vmxax = 0,
	Vmxcx,
	Vmxdx,
	Vmxbx,
	Vmxsp,
	Vmxbp,
	Vmxsi,
	Vmxdi,
	Vmxr8,
	Vmxngpr = 16,

	/* Vmxstate.dirty: gpr[i] is bit i, then these */
	Dirtypc		= 1<<16,
	Dirtyflags	= 1<<17,
	Dirtycr0	= 1<<18,	/* cr0 and cr0fake */
	Dirtycr4	= 1<<19,	/* cr4 and cr4fake */
	Dirtyefer	= 1<<20,
	Dirtypat	= 1<<21,
	Dirtyexc	= 1<<22,	/* inject exc at the entry */
	Dirtyirq	= 1<<23,	/* post irq, as ctl irq does */
	Dirtyapic	= 1<<24,	/* tprthreshold and eoiexit (ctl apic) */
	Dirtyall	= (1<<25) - 1,

	/* Vmxstate.what: what a read of run brings */
	Whatexit	= 1<<0,		/* an exit: the vCPU is ready */
	Whatack		= 1<<1,		/* irq delivered: ack is its vector */
	Whatdatabreak	= 1<<2,		/* an EPT violation or APIC access with a data breakpoint in DR7: see pendingdebug */

	/* Vmxstate.exc and irq */
	Evcode		= 1<<8,		/* exc: with the error code in code */
	Irqnone		= 1<<8,		/* irq: withdraw the posted one, as ctl irq alone */

	/* Vmxstate.reason, low 16 bits (SDM Vol. 3, Appendix C) */
	Vmxexception	= 0,
	Vmxextint	= 1,
	Vmxtriple	= 2,
	Vmxirqwin	= 7,
	Vmxcpuid	= 10,
	Vmxhlt		= 12,
	Vmxinvd		= 13,
	Vmxinvlpg	= 14,
	Vmxvmcall	= 18,		/* to 27: the VMX instructions */
	Vmxvmxon	= 27,
	Vmxmovcr	= 28,
	Vmxio		= 30,
	Vmxrdmsr	= 31,
	Vmxwrmsr	= 32,
	Vmxmtf		= 37,
	Vmxpause	= 40,
	Vmxmcheck	= 41,		/* machine check during entry */
	Vmxtpr		= 43,		/* TPR below threshold */
	Vmxapicaccess	= 44,
	Vmxeoi		= 45,		/* EOI of a vector in eoiexit */
	Vmxeptfault	= 48,
	Vmxeptinval	= 49,		/* EPT misconfiguration */
	Vmxinvept	= 50,
	Vmxpreempt	= 52,
	Vmxinvvpid	= 53,
	Vmxwbinvd	= 54,
	Vmxapicwrite	= 56,
	Vmxnreason	= 66,
	Vmxfailed	= 1U<<31,	/* the VM entry failed */
};

struct Vmxstate
{
	u64int	gpr[Vmxngpr];
	u64int	pc;
	u64int	flags;
	u64int	cr0;		/* as the processor runs it (regs cr0real) */
	u64int	cr0fake;	/* as the guest reads it */
	u64int	cr4;
	u64int	cr4fake;
	u64int	efer;
	u64int	pat;
	u64int	cr3;		/* read-only here, like cs */
	u64int	csbase;
	u64int	csperm;
	u32int	dirty;
	u32int	what;

	/* the exit; read-only */
	u32int	reason;		/* bit 31: the VM entry failed */
	u32int	ilen;
	u64int	qual;
	u32int	iinfo;		/* instruction information */
	u32int	intinfo;	/* exit interruption information */
	u32int	intcode;
	u32int	ack;
	u64int	va;
	u64int	pa;

	/* events for the next entry (Dirtyexc, Dirtyirq) */
	u32int	exc;		/* exception vector, | Evcode */
	u32int	exccode;
	u32int	irq;		/* external interrupt vector */
	u32int	pad;
	u64int	hltdeadline;	/* nsec(2) time an in-kernel HLT gives up at; 0: none */

	/* the virtual APIC's controls (Dirtyapic) */
	u32int	tprthreshold;	/* without virtual-interrupt delivery: exit when the TPR's class drops below */
	u32int	eoiexit[8];	/* with it: vectors whose EOI exits, bit v%32 of word v/32 */
};
