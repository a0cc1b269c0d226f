/*
 * The insides of vmx(1)'s virtio devices (<virtio.h> has the spec's
 * numbers): split virtqueues (virtq.c), the modern PCI transport
 * (virtio.c), and the devices on it (vioblk.c, vionet.c, viocons.c,
 * viorng.c).
 *
 * Threads: the exit loop owns the transport (configuration space,
 * the BAR, interrupts); each device's helper procs pop requests,
 * do the file I/O and push the answers. Virtio.lk guards what both
 * touch: the queues and the status, ISR and pending-interrupt bits.
 */
typedef struct Vbuf Vbuf;
typedef struct Virtio Virtio;
typedef struct Vq Vq;
typedef struct Vseg Vseg;

enum {
	Maxvq		= 4,
	Vqmax		= 256,		/* queue size offered; chains are at most this long */
	Maxvseg		= Vqmax,
};

/* A piece of a descriptor chain, where the monitor sees it. */
struct Vseg {
	uchar	*p;
	u32int	len;
};

/*
 * A descriptor chain popped from the available ring: the
 * device-readable segments first, then the device-writable ones
 * (2.6.4.2 forbids the other order).
 */
struct Vbuf {
	u16int	head;
	int	gen;		/* the device's reset count when popped */
	int	nseg;
	int	nread;		/* seg[0..nread) are readable */
	uvlong	rlen;
	uvlong	wlen;
	Vseg	seg[Maxvseg];
};

/* A split virtqueue (2.6) as the driver set it up. */
struct Vq {
	u16int	size;
	u16int	msix;		/* MSI-X table entry, or Vnovector */
	int	enabled;
	u64int	desc;		/* guest-physical addresses */
	u64int	avail;
	u64int	used;
	int	eventidx;	/* VIRTIO_F_EVENT_IDX negotiated */
	int	indirect;	/* VIRTIO_F_INDIRECT_DESC negotiated */

	/* set by vqstart */
	uchar	*descp;
	uchar	*availp;
	uchar	*usedp;
	u16int	nextavail;	/* the next available-ring entry to take */
	u16int	usedidx;	/* our copy of used->idx */
};

/* A virtio device on the PCI bus; the device files fill in the first part. */
struct Virtio {
	char	*name;
	int	type;		/* Vid* */
	int	class;		/* PCI class code */
	u64int	features;	/* offered, Vfversion1 included */
	int	nq;
	uchar	*cfg;		/* device-specific configuration, read-only for the guest */
	int	cfglen;
	u32int	(*answer[Maxvq])(Virtio*, Vbuf*);	/* for queues the driver fills with requests: a proc each */
	void	(*input)(Virtio*);	/* may be nil: starts the proc that reads its input */
	void	*aux;

	/* the transport's */
	Lock	lk;
	Vq	q[Maxvq];
	u64int	negotiated;	/* what the driver accepted */
	int	gen;		/* reset count: answers to requests from before a reset are dropped */
	int	inflight;	/* chains popped and not yet pushed */
	uchar	status;
	uchar	oldstatus;	/* what a reset reads as until inflight is 0 */
	uchar	isr;
	int	master;		/* bus mastering on: the queues may be used */
	u32int	irqqs;		/* queues whose interrupt the exit loop still has to send */
	int	cfgirq;		/* likewise, the configuration-change interrupt */
	long	notified[Maxvq];	/* the device's procs wait here for the driver's notifications */

	u32int	dfsel;
	u32int	gfsel;
	u16int	qsel;
	u16int	msixcfg;
	int	intx;		/* IRQ of INTA# */
	int	intxlevel;
	int	msicap;		/* where the MSI-X capability is in configuration space */
	int	windowcap;	/* and the PCI configuration access capability */
	int	nvec;
	u32int	msix[Maxvq+1][4];	/* the MSI-X table: address, upper address, data, control */
	u32int	msipending;
	Pcidev	pci;
};

/* virtq.c: the split ring, pure memory work (the caller holds lk) */
char*	vqstart(Vq*);
int	vqpop(Vq*, Vbuf*, char **err);
int	vqpush(Vq*, u16int head, u32int len);
uvlong	vbwalk(Vbuf*, int writable, uvlong off, uvlong n, long (*f)(void*, uchar*, long, uvlong), void*);
uvlong	vbread(Vbuf*, uvlong off, void *dst, uvlong n);
uvlong	vbwrite(Vbuf*, uvlong off, void *src, uvlong n);

/* virtio.c: the PCI transport */
void*	virtionew(usize);
void	virtioinit(int type, Virtio* (*make)(char *arg));
void	virtiostart(int type);
int	virtiopop(Virtio*, int q, Vbuf*);
void	virtiopush(Virtio*, int q, Vbuf*, u32int len);
void	virtiowait(Virtio*, int q);
