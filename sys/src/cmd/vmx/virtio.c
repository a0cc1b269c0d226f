/*
 * The virtio 1.1 PCI transport, modern interface only (4.1): each
 * device is a PCI function whose BAR 0 holds the common
 * configuration, the ISR, the device configuration, the notification
 * addresses and the MSI-X table, each described by a vendor-specific
 * capability. Interrupts go through MSI-X when the driver enables it,
 * else through INTA#, a level on an I/O APIC and 8259 input.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include <virtio.h>
#include "vio.h"

enum {
	Subsys		= 0x40,
	Firstslot	= 4,
	Barbase		= 0xfd000000,	/* where the monitor, as firmware, puts the BARs */
	Barsize		= 0x1000,

	/* BAR 0 */
	Common		= 0x000,
	Isr		= 0x100,
	Devcfg		= 0x200,
	Notify		= 0x300,
	Notifymul	= 4,
	Msixtable	= 0x400,
	Msixpba		= 0x600,

	/* configuration space */
	Rstatus		= 0x06,
	Rrev		= 0x08,
	Rclass		= 0x09,
	Rsubvid		= 0x2c,
	Rsubid		= 0x2e,
	Rcaps		= 0x34,
	Capfirst	= 0x40,
	Statcaps	= 1<<4,

	/* capabilities; the fields of the configuration access one */
	Capvendor	= 0x09,
	Capbar		= 4,
	Capoffset	= 8,
	Caplength	= 12,
	Capdata		= 16,
	Capmsix		= 0x11,
	Msixenable	= 1<<15,
	Msixmasked	= 1<<14,
	Vecmasked	= 1<<0,

	Msiaddr		= 0xfee00000,
	Msidest		= 12,		/* address bits 19:12: the destination */
	Msimode		= 7<<8,		/* message data: delivery mode */
	Msilowest	= 1<<8,
	Msilogical	= 1<<2,		/* address: logical destination mode */
};

static int intxirqs[] = {10, 11};

static Virtio *vdevs[Maxvirtio];	/* by their place in conf.virtio */

static int
msixon(Virtio *d)
{
	return get16(&d->pci.cfg[d->msicap+2]) & Msixenable;
}

/*
 * An MSI-X message is a write the local APICs its address names take
 * as an interrupt (SDM Vol. 3, "Message Signalled Interrupts"). A
 * masked vector, or a function whose bus mastering is off, which may
 * write no memory and so send no message (PCI 3.0, 6.2.2 and 6.8.3),
 * holds it as pending in the PBA until it can be sent.
 */
static void
msisend(Virtio *d, u16int vec)
{
	u32int *e;

	if(vec >= d->nvec)
		return;
	e = d->msix[vec];
	if((get16(&d->pci.cfg[d->msicap+2]) & Msixmasked) || (e[3] & Vecmasked) || !d->master){
		d->msipending |= 1<<vec;
		return;
	}
	d->msipending &= ~(1<<vec);
	if((e[0] & 0xfff00000) == Msiaddr && e[1] == 0)
		lapicdeliver(e[0] >> Msidest & 0xff, (e[0] & Msilogical) != 0, e[2] & 0xff, 0, (e[2] & Msimode) == Msilowest);
}

static void
msiunmasked(Virtio *d)
{
	int v;

	for(v = 0; v < d->nvec; v++)
		if(d->msipending & 1<<v)
			msisend(d, v);
}

/* In the exit loop: send the interrupts the device procs asked for. */
void
virtiopoll(void)
{
	Virtio *d;
	u32int qs;
	int i, n, cfg, level[16], used[16];

	memset(level, 0, sizeof level);
	memset(used, 0, sizeof used);
	for(n = 0; n < Maxvirtio; n++){
		if((d = vdevs[n]) == nil)
			continue;
		/* nothing asked for, and INTA# already where the ISR says */
		if(__atomic_load_n(&d->irqqs, __ATOMIC_ACQUIRE) == 0 && !__atomic_load_n(&d->cfgirq, __ATOMIC_ACQUIRE)
		&& (msixon(d) ? !d->intxlevel : (d->isr != 0) == d->intxlevel))
			continue;
		lock(&d->lk);
		qs = d->irqqs;
		cfg = d->cfgirq;
		d->irqqs = 0;
		d->cfgirq = 0;
		unlock(&d->lk);
		if(msixon(d)){
			for(i = 0; i < d->nq; i++)
				if(qs & 1<<i)
					msisend(d, d->q[i].msix);
			if(cfg)
				msisend(d, d->msixcfg);
			d->intxlevel = 0;
		}else
			d->intxlevel = d->isr != 0;
		used[d->intx] = 1;
	}
	for(n = 0; n < Maxvirtio; n++)
		if((d = vdevs[n]) != nil)
			level[d->intx] |= d->intxlevel;
	for(i = 0; i < nelem(level); i++)
		if(used[i])
			irqline(i, level[i]);
}

/* A broken rule stops the device until the driver resets it (2.1.1). Under lk. */
static void
needsreset(Virtio *d, char *why)
{
	trace("%s: device needs reset: %s\n", d->name, why);
	d->status |= Vsneedsreset;
	if(d->status & Vsdriverok){
		d->isr |= Visrconfig;
		d->cfgirq = 1;
	}
}

static void
wakeall(Virtio *d)
{
	int i;

	for(i = 0; i < d->nq; i++)
		semrelease(&d->notified[i], 1);
}

static void
reset(Virtio *d)
{
	Vq *q;
	int i;

	d->oldstatus = d->status;
	d->status = 0;
	d->negotiated = 0;
	d->gen++;
	d->isr = 0;
	d->irqqs = 0;
	d->cfgirq = 0;
	d->dfsel = d->gfsel = d->qsel = 0;
	d->msixcfg = Vnovector;
	for(i = 0; i < d->nq; i++){
		q = &d->q[i];
		memset(q, 0, sizeof *q);
		q->size = Vqmax;
		q->msix = Vnovector;
	}
}

/* Feature negotiation (3.1.1): FEATURES_OK sticks only for features we offered, VERSION_1 among them. */
static void
setstatus(Virtio *d, uchar v)
{
	int i;

	if(v == 0){
		reset(d);
		return;
	}
	if((v & Vsfeaturesok) && !(d->status & Vsfeaturesok)){
		if((d->negotiated & ~d->features) != 0 || (d->negotiated & Vfversion1) == 0){
			trace("%s: features %#llux refused\n", d->name, d->negotiated);
			v &= ~Vsfeaturesok;
		}else
			for(i = 0; i < d->nq; i++){
				d->q[i].eventidx = (d->negotiated & Vfeventidx) != 0;
				d->q[i].indirect = (d->negotiated & Vfindirect) != 0;
			}
	}
	d->status = v | (d->status & Vsneedsreset);
	if(v & Vsdriverok)
		wakeall(d);
}

static u16int
vector(Virtio *d, u16int v)
{
	return v < d->nvec ? v : Vnovector;
}

static u64int
commonread(Virtio *d, int off, int size)
{
	uchar b[Vcommonlen];
	Vq *q;
	u64int f;

	memset(b, 0, sizeof b);
	put32(b+Vcdfsel, d->dfsel);
	f = d->dfsel < 2 ? d->features >> 32*d->dfsel : 0;
	put32(b+Vcdf, f);
	put32(b+Vcgfsel, d->gfsel);
	put32(b+Vcgf, d->gfsel < 2 ? d->negotiated >> 32*d->gfsel : 0);
	put16(b+Vcmsix, d->msixcfg);
	put16(b+Vcnumq, d->nq);
	b[Vcstatus] = d->status == 0 && d->inflight > 0 ? d->oldstatus : d->status;
	b[Vcgen] = 0;
	put16(b+Vcqsel, d->qsel);
	if(d->qsel < d->nq){
		q = &d->q[d->qsel];
		put16(b+Vcqsize, q->size);
		put16(b+Vcqmsix, q->msix);
		put16(b+Vcqenable, q->enabled);
		put16(b+Vcqnotify, d->qsel);
		put64(b+Vcqdesc, q->desc);
		put64(b+Vcqavail, q->avail);
		put64(b+Vcqused, q->used);
	}
	if(off + size > Vcommonlen)
		return ~0ULL;
	switch(size){
	case 1:	return b[off];
	case 2:	return get16(b+off);
	case 4:	return get32(b+off);
	}
	return get64(b+off);
}

/* The driver writes the 64-bit addresses whole or as two halves (4.1.3.1). */
static void
setaddr(u64int *a, int half, int size, u64int v)
{
	if(size == 8)
		*a = v;
	else if(half)
		*a = (*a & 0xffffffffULL) | v << 32;
	else
		*a = (*a & ~0xffffffffULL) | (u32int)v;
}

static void
commonwrite(Virtio *d, int off, int size, u64int v)
{
	Vq *q;
	char *err;
	int half, sh;

	q = d->qsel < d->nq ? &d->q[d->qsel] : nil;
	switch(off){
	case Vcdfsel:
		d->dfsel = v;
		return;
	case Vcgfsel:
		d->gfsel = v;
		return;
	case Vcgf:
		if(d->gfsel < 2 && !(d->status & Vsfeaturesok)){
			sh = 32*d->gfsel;
			d->negotiated = (d->negotiated & ~(0xffffffffULL << sh)) | (u64int)(u32int)v << sh;
		}
		return;
	case Vcmsix:
		d->msixcfg = vector(d, v);
		return;
	case Vcstatus:
		setstatus(d, v);
		return;
	case Vcqsel:
		d->qsel = v;
		return;
	}
	if(q == nil || q->enabled)
		return;
	half = off & 4;
	switch(off){
	case Vcqsize:
		q->size = v;
		break;
	case Vcqmsix:
		q->msix = vector(d, v);
		break;
	case Vcqenable:
		if(v != 1)
			break;
		if((err = vqstart(q)) != nil)
			needsreset(d, err);
		else
			q->enabled = 1;
		break;
	case Vcqdesc: case Vcqdesc+4:
		setaddr(&q->desc, half, size, v);
		break;
	case Vcqavail: case Vcqavail+4:
		setaddr(&q->avail, half, size, v);
		break;
	case Vcqused: case Vcqused+4:
		setaddr(&q->used, half, size, v);
		break;
	}
}

static u64int
barread(Iodev *m, uvlong addr, int size)
{
	Virtio *d;
	u64int v;
	int off, i;

	d = m->aux;
	off = addr - m->base;
	if(off >= Common && off < Common + Vcommonlen){
		lock(&d->lk);
		v = commonread(d, off - Common, size);
		unlock(&d->lk);
		return v;
	}
	if(off == Isr){
		/* reading acknowledges (4.1.4.5) */
		lock(&d->lk);
		v = d->isr;
		d->isr = 0;
		unlock(&d->lk);
		return v;
	}
	if(off >= Devcfg && off + size <= Devcfg + d->cfglen){
		v = 0;
		for(i = 0; i < size; i++)
			v |= (u64int)d->cfg[off - Devcfg + i] << 8*i;
		return v;
	}
	if(off >= Msixtable && off + size <= Msixtable + 16*d->nvec && size == 4)
		return d->msix[(off - Msixtable)/16][(off & 15)/4];
	if(off == Msixpba)
		return d->msipending;
	return 0;
}

static void
barwrite(Iodev *m, uvlong addr, int size, u64int v)
{
	Virtio *d;
	int off, vec;

	d = m->aux;
	off = addr - m->base;
	if(off >= Common && off < Common + Vcommonlen){
		lock(&d->lk);
		commonwrite(d, off - Common, size, v);
		unlock(&d->lk);
		return;
	}
	if(off >= Notify && off < Notify + Notifymul*d->nq){
		semrelease(&d->notified[(off - Notify)/Notifymul], 1);
		return;
	}
	if(off >= Msixtable && off < Msixtable + 16*d->nvec && (off & 3) == 0 && size >= 4){
		vec = (off - Msixtable)/16;
		d->msix[vec][(off & 15)/4] = v;
		if(size == 8 && (off & 15) < 12)
			d->msix[vec][(off & 15)/4 + 1] = v >> 32;
		if(msixon(d))
			msiunmasked(d);
	}
}

/*
 * The configuration access capability (4.1.4.8) is a window on BAR 0
 * for drivers that cannot map it: with a BAR, offset and length set
 * in the capability, reading its data bytes reads that place of the
 * BAR and writing them writes it. Places the driver must not name (a
 * length but 1, 2 or 4, an offset not a multiple of it) do nothing.
 * Returns whether [off, off+size) touches the data bytes of a window
 * that names such a place, and the place.
 */
static int
window(Virtio *d, int off, int size, Iodev **io, u32int *at, u32int *len)
{
	uchar *c;

	c = &d->pci.cfg[d->windowcap];
	if(off + size <= d->windowcap + Capdata || off >= d->windowcap + Capdata + 4)
		return 0;
	*io = &d->pci.bar[0].io;
	*at = get32(c + Capoffset);
	*len = get32(c + Caplength);
	return c[Capbar] == 0 && (*len == 1 || *len == 2 || *len == 4) && *at % *len == 0 && *at + *len <= Barsize;
}

static void
cfgreading(Pcidev *p, int off, int size)
{
	Virtio *d;
	Iodev *io;
	u32int at, len, i;
	u64int v;

	d = p->aux;
	if(!window(d, off, size, &io, &at, &len))
		return;
	v = barread(io, io->base + at, len);
	for(i = 0; i < len; i++)
		p->cfg[d->windowcap + Capdata + i] = v >> 8*i;
}

/*
 * Writes through the window; an unmasked function sends what it held
 * back; bus mastering turned on lets the queues' procs take what
 * waited and the messages held go.
 */
static void
cfgwritten(Pcidev *p, int off, int size)
{
	Virtio *d;
	Iodev *io;
	u32int at, len, i;
	u64int v;
	int master;

	d = p->aux;
	master = pcimaster(p);
	lock(&d->lk);
	if(master && !d->master)
		wakeall(d);
	d->master = master;
	unlock(&d->lk);
	if(window(d, off, size, &io, &at, &len)){
		v = 0;
		for(i = 0; i < len; i++)
			v |= (u64int)p->cfg[d->windowcap + Capdata + i] << 8*i;
		barwrite(io, io->base + at, len, v);
	}
	if(msixon(d))
		msiunmasked(d);
}

/* A device of size bytes, its Virtio first, zeroed. */
void*
virtionew(usize size)
{
	void *d;

	d = mallocz(size, 1);
	if(d == nil)
		fatal("out of memory");
	return d;
}

/* Appends a capability; returns its offset. */
static int
addcap(Virtio *d, int *at, int *link, uchar *cap, int len)
{
	int off;

	off = *at;
	memmove(&d->pci.cfg[off], cap, len);
	d->pci.cfg[*link] = off;
	*link = off + 1;
	*at = (off + len + 3) & ~3;
	return off;
}

static int
vcap(Virtio *d, int *at, int *link, int type, int off, int len)
{
	uchar c[20];
	int n;

	memset(c, 0, sizeof c);
	n = type == Vcapnotify || type == Vcappcicfg ? 20 : 16;
	c[0] = Capvendor;
	c[2] = n;
	c[3] = type;
	c[4] = 0;	/* BAR 0 */
	put32(c+8, off);
	put32(c+12, len);
	if(type == Vcapnotify)
		put32(c+16, Notifymul);
	return addcap(d, at, link, c, n);
}

/* Configuration space as firmware would leave it: BAR assigned, memory decoding on. */
static void
pcisetup(Virtio *d, int i)
{
	Pcidev *p;
	uchar c[12];
	int at, link;

	p = &d->pci;
	p->bus = 0;
	p->dev = Firstslot + i;
	put16(&p->cfg[0], Vpcivendor);
	put16(&p->cfg[2], Vpcidevbase + d->type);
	put16(&p->cfg[Rstatus], Statcaps);
	p->cfg[Rrev] = 1;
	p->cfg[Rclass] = d->class;
	p->cfg[Rclass+1] = d->class >> 8;
	p->cfg[Rclass+2] = d->class >> 16;
	put16(&p->cfg[Rsubvid], Vpcivendor);
	put16(&p->cfg[Rsubid], Subsys);
	d->intx = intxirqs[i % nelem(intxirqs)];
	p->cfg[Pciintline] = d->intx;
	p->cfg[Pciintpin] = 1;
	p->bar[0] = (Pcibar){Barsize, 0, {.name = d->name, .read = barread, .write = barwrite, .aux = d}};

	at = Capfirst;
	link = Rcaps;
	vcap(d, &at, &link, Vcapcommon, Common, Vcommonlen);
	vcap(d, &at, &link, Vcapnotify, Notify, Notifymul*d->nq);
	vcap(d, &at, &link, Vcapisr, Isr, 1);
	if(d->cfglen > 0)
		vcap(d, &at, &link, Vcapdevice, Devcfg, d->cfglen);
	d->windowcap = vcap(d, &at, &link, Vcappcicfg, 0, 0);
	p->wmask[d->windowcap + Capbar] = 0xff;
	memset(&p->wmask[d->windowcap + Capoffset], 0xff, 12);
	d->nvec = d->nq + 1;
	memset(c, 0, sizeof c);
	c[0] = Capmsix;
	put16(c+2, d->nvec - 1);
	put32(c+4, Msixtable);	/* BIR 0 */
	put32(c+8, Msixpba);
	d->msicap = addcap(d, &at, &link, c, sizeof c);
	p->wmask[d->msicap+3] = (Msixenable | Msixmasked) >> 8;
}

/*
 * Puts d on the PCI bus as the i'th virtio device, in its reset
 * state. After a machine reset no proc of the last boot's is left: none
 * holds the lock, waits for a notification or has a chain in hand.
 */
static void
add(Virtio *d, int i)
{
	int v;

	memset(&d->lk, 0, sizeof d->lk);
	memset(d->notified, 0, sizeof d->notified);
	d->inflight = 0;
	d->intxlevel = 0;
	vdevs[i] = d;
	pcisetup(d, i);
	d->pci.aux = d;
	d->pci.cfgwritten = cfgwritten;
	d->pci.cfgreading = cfgreading;
	pciregister(&d->pci);
	pciplace(&d->pci, 0, Barbase + Barsize*i);
	for(v = 0; v < d->nvec; v++)
		d->msix[v][3] = Vecmasked;
	d->msipending = 0;
	lock(&d->lk);
	reset(d);
	d->oldstatus = 0;
	d->master = pcimaster(&d->pci);
	unlock(&d->lk);
}

/*
 * For a device file's init: the devices of this type the command
 * line asks for, made by make from their flag's argument the first
 * time, put on the bus (again) in their reset state.
 */
void
virtioinit(int type, Virtio* (*make)(char *arg))
{
	int i;

	for(i = 0; i < conf.nvirtio; i++)
		if(conf.virtio[i].type == type)
			add(vdevs[i] != nil ? vdevs[i] : make(conf.virtio[i].arg), i);
}

typedef struct Server Server;
struct Server {
	Virtio	*d;
	int	q;
	Vbuf	b;
};

/* A queue's proc: answers each chain as it comes. */
static void
serve(void *a)
{
	Server *s;
	Virtio *d;

	s = a;
	d = s->d;
	for(;;){
		while(virtiopop(d, s->q, &s->b))
			virtiopush(d, s->q, &s->b, d->answer[s->q](d, &s->b));
		virtiowait(d, s->q);
	}
}

static Server *servers[Maxvirtio][Maxvq];	/* made at the first boot, used again after a reset */

/* For a device file's start: the procs of the devices of this type. */
void
virtiostart(int type)
{
	Server *s;
	Virtio *d;
	int i, q;

	for(i = 0; i < Maxvirtio; i++){
		if((d = vdevs[i]) == nil || d->type != type)
			continue;
		for(q = 0; q < d->nq; q++)
			if(d->answer[q] != nil){
				if(servers[i][q] == nil)
					servers[i][q] = virtionew(sizeof *s);
				s = servers[i][q];
				s->d = d;
				s->q = q;
				helperproc(serve, s);
			}
		if(d->input != nil)
			d->input(d);
	}
}

/*
 * For the device procs: the next chain on queue q, 1 if there was one.
 * None while bus mastering is off: chains taken before are answered.
 */
int
virtiopop(Virtio *d, int q, Vbuf *b)
{
	char *err;
	int r;

	lock(&d->lk);
	r = 0;
	if((d->status & (Vsdriverok|Vsneedsreset)) == Vsdriverok && d->master){
		r = vqpop(&d->q[q], b, &err);
		if(r < 0){
			needsreset(d, err);
			r = 0;
		}
	}
	b->gen = d->gen;
	d->inflight += r;
	unlock(&d->lk);
	if(d->cfgirq)
		kick();
	return r;
}

/* Gives the chain back with len bytes written, unless a reset came in between. */
void
virtiopush(Virtio *d, int q, Vbuf *b, u32int len)
{
	int irq;

	irq = 0;
	lock(&d->lk);
	d->inflight--;
	if(b->gen == d->gen && d->q[q].enabled && (d->status & Vsneedsreset) == 0 && vqpush(&d->q[q], b->head, len)){
		d->isr |= Visrqueue;
		d->irqqs |= 1<<q;
		irq = 1;
	}
	unlock(&d->lk);
	if(irq)
		kick();
}

/* For the device procs: sleep until the driver notifies queue q, or resets. */
void
virtiowait(Virtio *d, int q)
{
	semacquire(&d->notified[q], 1);
}
