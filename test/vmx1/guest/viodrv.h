/* The test guests' virtio driver (viodrv.c), for viotest.c; <virtio.h> has the spec's numbers. */
enum {
	Maxvio		= 8,
	Vionq		= 2,
	Vioqsize	= 8,
};

typedef struct Vdesc Vdesc;
typedef struct Vio Vio;
typedef struct Vring Vring;
typedef struct Vseg Vseg;

struct Vdesc {
	u64int	addr;
	u32int	len;
	u16int	flags;
	u16int	next;
};

struct Vring {
	Vdesc	*desc;
	uchar	*avail;
	uchar	*used;
	u16int	availidx;
	u16int	usedidx;
	uchar	*notifyaddr;
};

struct Vio {
	int	dev;		/* PCI slot */
	int	type;
	int	irq;
	int	ring;		/* which ring memory is ours */
	u64int	features;	/* offered */
	uchar	*common;
	uchar	*notify;
	u32int	notifymul;
	uchar	*isr;
	uchar	*devcfg;
	int	msixcap;
	int	windowcap;	/* the configuration access capability */
	u32int	commonoff;	/* where common is in its BAR */
	uchar	*msixtable;
	uchar	*msixpba;	/* its pending bits */
	Vring	q[Vionq];
};

struct Vseg {
	void	*p;
	u32int	len;
};

/* MMIO: one access of the given size, as a driver must make it */
static inline u8int r8(uchar *p) { return *(volatile u8int*)p; }
static inline u16int r16(uchar *p) { return *(volatile u16int*)p; }
static inline u32int r32(uchar *p) { return *(volatile u32int*)p; }
static inline void w8(uchar *p, u8int v) { *(volatile u8int*)p = v; }
static inline void w16(uchar *p, u16int v) { *(volatile u16int*)p = v; }
static inline void w32(uchar *p, u32int v) { *(volatile u32int*)p = v; }

int	vioscan(Vio *v, int max);
u32int	viowindowread(Vio *v, u32int off, int len);
void	viowindowwrite(Vio *v, u32int off, int len, u32int x);
u8int	viostatus(Vio*);
void	vioreset(Vio*);
u8int	vionegotiate(Vio*, u64int want);
int	vioqueue(Vio*, int q, u16int msix);
int	viostart(Vio*, u64int want, int nq);
void	viokick(Vio*, int q, u16int head);
void	viosubmit(Vio*, int q, Vseg *s, int n, int nread);
long	viowait(Vio*, int q);
int	vioneedsreset(Vio*);
void	viomsix(Vio*, int vec);
void	viosubmitindirect(Vio*, int q, Vdesc *table, Vseg *s, int n, int nread);
int	viobadring(Vio*, int q, u64int desc);
void	viomaster(Vio*, int on);
