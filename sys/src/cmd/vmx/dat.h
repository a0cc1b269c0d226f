typedef struct Iodev Iodev;
typedef struct Mmiodev Mmiodev;
typedef struct Timer Timer;
typedef struct Uart Uart;
typedef struct Pcidev Pcidev;
typedef struct Msrs Msrs;
typedef struct Insn Insn;

/* A device on a range of I/O ports; size is 1, 2 or 4 bytes. */
struct Iodev {
	char	*name;
	u16int	lo;
	u16int	hi;		/* inclusive */
	u32int	(*in)(Iodev*, u16int port, int size);
	void	(*out)(Iodev*, u16int port, int size, u32int val);
	void	*aux;
	Iodev	*next;
};

/* A device on a range of guest-physical addresses; size is 1, 2, 4 or 8. */
struct Mmiodev {
	char	*name;
	uvlong	base;
	uvlong	len;
	u64int	(*read)(Mmiodev*, uvlong addr, int size);
	void	(*write)(Mmiodev*, uvlong addr, int size, u64int val);
	void	*aux;
	Mmiodev	*next;
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

	Baseio	= 1<<0,		/* flags for pcibar */
	Bar64	= 1<<2,
	Barpref	= 1<<3,
};

struct Pcidev {
	uchar	bus;
	uchar	dev;
	uchar	fn;
	uchar	cfg[256];
	uchar	wmask[256];		/* bits the guest may change, outside the BARs */
	u64int	barsize[Pcibars];	/* 0: no BAR; the upper half of a 64-bit BAR is 0 too */
	void	(*cfgwritten)(Pcidev*, int off, int size);
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
	vlong	tscoffset;	/* guest TSC minus host TSC */
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
	int	rep;
	int	len;
};
