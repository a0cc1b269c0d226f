typedef struct Iodev Iodev;
typedef struct Timer Timer;
typedef struct Uart Uart;
typedef struct Pcibar Pcibar;
typedef struct Pcidev Pcidev;
typedef struct Msrs Msrs;
typedef struct Insn Insn;
typedef struct Conf Conf;
typedef struct Virtioarg Virtioarg;
typedef struct Vdev Vdev;
typedef struct Cpuview Cpuview;

/* The PC memory layout: RAM from 0 to the PCI hole, the rest from 4G (pcmem.c). */
#define Pcihole	0xe0000000ULL
#define Fourg	0x100000000ULL

enum {
	Sec	= 1000000000,	/* the monitor's clock counts nanoseconds */

	/* the platform the devices make and the ACPI tables describe */
	Lapicbase	= 0xfee00000,
	Ioapicbase	= 0xfec00000,
	Ioapicpins	= 24,
	Lapicversion	= 0x14,		/* an xAPIC's */
	Ioapicversion	= 0x20,		/* an IOxAPIC's, with the EOI register */
	Lapichz		= 100000000,	/* the local APIC timer's input clock */

	/* address spaces for ioregister and iodispatch */
	Ioport	= 0,
	Iomem,
	Nspace,
};

/*
 * A device on a range of I/O ports or guest-physical addresses: one
 * shape for both spaces. Accesses are 1, 2, 4 or (MMIO) 8 bytes wide;
 * values come in and go out masked to that size.
 */
struct Iodev {
	char	*name;
	uvlong	base;
	uvlong	len;		/* 0 while the device does not decode */
	u64int	(*read)(Iodev*, uvlong addr, int size);
	void	(*write)(Iodev*, uvlong addr, int size, u64int val);
	void	*aux;
	Iodev	*next;
};

/*
 * What the command line chose, for the devices to build themselves
 * from: vmx's main fills it in before any device starts.
 */
enum {
	Maxvirtio	= 16,
};

/* A virtio device's flag: its type (<virtio.h>) and argument. */
struct Virtioarg {
	int	type;
	char	*arg;
};

struct Conf {
	uvlong	mem;		/* bytes of guest RAM */
	vlong	epoch;		/* seconds since 1970 at power-on, for the RTC */
	int	comin[2];	/* COM1 and COM2: -1 for no input */
	int	comout[2];	/* -1: output dropped */
	Virtioarg virtio[Maxvirtio];	/* in the order of the flags, which is their order on PCI */
	int	nvirtio;
	int	noapicvirt;	/* -A: the local APIC wholly the monitor's, whatever the processor has */
	int	noreboot;	/* -R: a reset ends vmx */
};

/*
 * An emulated device. Each device file defines one Vdev named after
 * the file (i8254.c defines i8254dev); the mkfile's DEVS list makes
 * the table devtab[] of them, and vmx runs every init, in DEVS order,
 * once the guest is loaded, then every start. init registers the
 * device's ports, MMIO and PCI functions and puts it in its reset
 * state; registering again is harmless, so init is also the reset.
 * start (may be nil) begins the helper procs a device needs.
 */
struct Vdev {
	char	*name;
	void	(*init)(void);
	void	(*start)(void);
};

/* A callback at an absolute time on the monitor's clock (ns). */
struct Timer {
	vlong	when;
	void	(*fire)(Timer*);
	void	*aux;
	int	armed;
	Timer	*next;
};

enum {
	Uartfifo	= 16,
	Uartinq		= 1024,	/* received bytes waiting behind the FIFO */
	Uartoutq	= 256,	/* transmitted bytes batched for the sink */
};

struct Uart {
	Iodev	io;
	int	irq;
	void	(*sink)(Uart*, uchar*, int);	/* batched output */
	void	*aux;				/* for the sink */

	uchar	ier;
	uchar	lcr;
	uchar	mcr;
	uchar	msr;
	uchar	lsr;		/* error bits only; DR, THRE and TEMT are derived */
	uchar	scr;
	uchar	fcr;
	u16int	dl;
	int	thrint;		/* THR-empty interrupt not yet acknowledged */
	int	timeout;	/* character timeout interrupt */
	int	irqlevel;

	uchar	in[Uartinq];	/* the head of the queue is the receive FIFO */
	int	inhead;
	int	nin;
	uchar	out[Uartoutq];
	int	nout;
	Timer	flusht;
	Timer	timeoutt;
};

enum {
	Pcibars	= 6,

	Baseio	= 1<<0,		/* Pcibar.flags */
	Bar64	= 1<<2,
	Barpref	= 1<<3,
};

/*
 * A BAR a device declares before pciregister: size is a power of two
 * (0: no BAR; a 64-bit BAR leaves the next slot empty). If io.read is
 * set, pci.c routes accesses inside the BAR to io, at the address the
 * guest programmed, while the command register enables decoding.
 */
struct Pcibar {
	u64int	size;
	int	flags;
	Iodev	io;
};

enum {
	/* configuration space: the INTx a function uses */
	Pciintline	= 0x3c,
	Pciintpin	= 0x3d,	/* 1 to 4 for INTA to INTD, 0 for none */
};

struct Pcidev {
	uchar	bus;
	uchar	dev;
	uchar	fn;
	uchar	cfg[256];
	uchar	wmask[256];		/* bits the guest may change, outside the BARs */
	Pcibar	bar[Pcibars];
	void	(*cfgwritten)(Pcidev*, int off, int size);
	void	(*cfgreading)(Pcidev*, int off, int size);	/* before the guest reads cfg */
	void	*aux;
	Pcidev	*next;
};

enum {
	Nmtrrvar	= 8,
	Nmtrrfix	= 11,
};

/* Per-vCPU model-specific registers the monitor emulates. */
struct Msrs {
	u64int	apicbase;
	u64int	pat;
	u64int	miscenable;
	u64int	mtrrdef;
	u64int	mtrrfix[Nmtrrfix];
	u64int	mtrrvar[2*Nmtrrvar];	/* base, mask pairs */
	u64int	tscaux;
	vlong	tscoffset;	/* guest TSC minus host TSC: the VMCS's TSC offset */
	vlong	tscadjust;	/* IA32_TSC_ADJUST */
};

/* What CPUID's answer depends on besides the host: the vCPU asking. */
struct Cpuview {
	int	apicid;
	int	ncpu;
	u64int	cr4;	/* as the guest sees it */
	u64int	xcr0;
};

enum {
	/* Insn.op */
	Omov = 1,
	Omovzx,
	Omovsx,
	Omovs,
	Ostos,
	Olods,
	Oadd,
	Oor,
	Oand,
	Osub,
	Oxor,
	Ocmp,
	Otest,

	/* Insn.rep */
	Repe = 1,
	Repne,

	/* segment registers in encoding order, for Insn.seg */
	Ses = 0, Scs, Sss, Sds, Sfs, Sgs,
};

/* An instruction that touched memory, as far as MMIO emulation needs it. */
struct Insn {
	int	op;
	int	memdst;		/* memory is the destination operand */
	int	size;		/* bytes of memory accessed */
	int	opsize;		/* operand size of the operation, >= size for movzx/movsx */
	int	addrsize;
	int	reg;		/* GPR in encoding order (ax cx dx bx sp bp si di r8..r15), -1 if none */
	int	highbyte;	/* reg names ah, ch, dh or bh */
	int	hasimm;
	u64int	imm;		/* extended to opsize */
	int	seg;		/* segment override, -1 if none */
	int	memseg;		/* the memory operand's segment: seg, else its default */
	int	base;		/* memory operand: base GPR, -1 if none */
	int	index;		/* index GPR, -1 if none */
	int	scale;
	int	riprel;		/* disp is from the next instruction */
	u64int	disp;		/* sign-extended; a moffs's whole address */
	int	rep;
	int	len;
};

/*
 * Kernel-image loaders for vmx(1).
 *
 * The monitor fills in a Load (guest RAM, memory map, command line,
 * modules) and hands it with the image to loadkernel, which tries
 * each entry of loaders[] in turn: the first whose probe accepts the
 * image places it and everything the guest needs in guest RAM and
 * lists the initial vCPU state as assignments to #X regs names.
 *
 * Guest RAM: ram[a] is guest-physical a for a < ramsize. Loaders only
 * write below 4G, inside RAM ranges of the map, so with a PCI hole the
 * RAM above 4G need not be part of ram[].
 *
 * Errors: a load returns nil or a static string saying what was wrong
 * with the image; a malformed image never makes a loader read outside
 * the image or write outside guest RAM.
 */

typedef struct Bootmod Bootmod;
typedef struct Load Load;
typedef struct Loader Loader;
typedef struct Memrange Memrange;
typedef struct Placed Placed;
typedef struct Reg Reg;

enum {
	/* memory map types, as multiboot numbers them */
	Memram		= 1,
	Memreserved	= 2,

	Maxregs		= 64,
	Maxplaced	= 64,
	Maxmods		= 16,

	Uppermem	= 1<<20,	/* where multiboot's mem_upper counts from */
};

struct Memrange {
	uvlong	base;
	uvlong	len;
	int	type;
};

struct Bootmod {
	char	*name;	/* passed to the guest as the module's string */
	uchar	*data;
	usize	len;
};

/* What a piece of guest memory holds. */
enum {
	Pimage,
	Pmodule,
	Pinfo,
	Ppagetables,
};

/* One piece of guest memory a loader filled, for checks and listings. */
struct Placed {
	int	kind;
	uvlong	base;
	uvlong	len;
};

/* An initial register value, named as in #X regs. */
struct Reg {
	char	*name;
	uvlong	val;
};

struct Load {
	/* from the monitor */
	uchar	*ram;
	uvlong	ramsize;
	Memrange *map;
	int	nmap;
	char	*cmdline;
	Bootmod	*mods;
	int	nmods;

	/* from the loader */
	Reg	regs[Maxregs];
	int	nregs;
	Placed	placed[Maxplaced];
	int	nplaced;
	uvlong	top;	/* end of the highest piece placed so far */
};

struct Loader {
	char	*name;
	int	(*probe)(uchar *image, usize len);
	char*	(*load)(Load *l, uchar *image, usize len);
};

/*
 * The monitor: one vCPU driven through #X, guest RAM in a #g segment,
 * COM ports backed by files.
 */
#include <vmxstate.h>

typedef struct Exit Exit;
typedef struct Regval Regval;
typedef struct Vcpu Vcpu;
typedef struct Serial Serial;
typedef struct Paging Paging;
typedef struct Gseg Gseg;

enum {
	/* Exit.has */
	Hexcode		= 1<<0,
	Hva		= 1<<1,
	Hpa		= 1<<2,
	Hax		= 1<<3,
	Hdatabreak	= 1<<4,		/* DR7 holds a data breakpoint the access may match */

	Exitlinemax	= 256,
	Maxcpu		= 16,
	Maxregvals	= 128,
	Serialbuf	= 1024,
};

/* An exit, or an irq's *ack, as the state page gives it (vcpuwait). */
struct Exit {
	char	name[32];	/* "io", ".cpuid", "#gp", … or "*ack" */
	int	failed;		/* VM entry failed (the line began with !) */
	uvlong	qual;		/* exit qualification; for *ack, the vector */
	uvlong	pc;
	uvlong	sp;
	uvlong	ilen;
	uvlong	iinfo;
	uvlong	excode;
	uvlong	va;
	uvlong	pa;
	uvlong	ax;
	int	has;		/* which of excode, va, pa, ax the line had; Hdatabreak */
};

struct Regval {
	char	name[24];
	uvlong	val;
};

struct Vcpu {
	int	id;		/* in #X */
	int	apicid;		/* in the guest: its local APIC's id */
	int	ctl;
	int	run;
	int	regs;		/* for the loader and registers the page lacks */
	Vmxstate *st;		/* the state page: the exit, registers, changes */
	int	held;		/* an exit in the page behind the *ack just returned */
	int	ready;		/* the last read of run brought an exit: the page's changes wait */
	int	pagepost;	/* postirq's Dirtyirq in the page, not yet applied */
	int	vid;		/* its local APIC in the virtual-APIC page, with virtual-interrupt delivery */
	Msrs	msrs;
	u64int	cr4ok;		/* CR4 bits the guest may set */
	int	irqposted;	/* vector given to irq and not yet acknowledged, or -1 */
	int	irqpic;		/* irqposted came from the 8259 */
	int	nmipending;	/* for the next entry */
	int	started;	/* by SIPI, but the first */
	int	initpending;	/* INIT came: back to wait for SIPI at the next exit */
	u16int	startcs;	/* where SIPI, or a warm start, puts it in real mode */
	u16int	startip;
	int	inguest;	/* its loop is in read(wait) */
	int	kicked;		/* woken since its loop last left the guest */
	int	wakeup;		/* Awake, Woken or Asleep: see cpus.c */
	long	wakesem;	/* its loop idles here */
	ulong	idles;		/* times its loop idled */
	ulong	idlesempty;	/* and woke to find nothing to do */
	Regval	snap[Maxregvals];	/* regs as of this exit, read on demand */
	int	nsnap;			/* -1 until read */
};

/* What translating a guest-virtual address needs. */
struct Paging {
	uvlong	cr0;
	uvlong	cr3;
	uvlong	cr4;
	uvlong	efer;
};

/* A COM port and the file behind it. */
struct Serial {
	Uart	uart;
	int	infd;		/* -1: no input */
	int	outfd;		/* -1: output dropped */
	Lock	lk;
	uchar	buf[Serialbuf];	/* read by the input proc, not yet in the UART */
	int	n;
	long	room;		/* the input proc waits here while buf is full */
	int	full;
};

/*
 * A sticky #g segment of vmx's own (segnew); segremove drops its
 * name, segdrop the segment.
 */
struct Gseg {
	char	name[32];
	int	named;		/* the #g directory may exist */
	void	*base;		/* where vmx has it, or nil */
};
