/*
 * A small virtio 1.1 driver for the test guests: find the devices on
 * PCI by their capabilities, negotiate, set up split queues, and
 * submit one descriptor chain at a time.
 */
#include <u.h>
#include "guest.h"
#include <virtio.h>
#include "viodrv.h"

enum {
	Rcmd		= 0x04,
	Cmdmem		= 1<<1,
	Cmdmaster	= 1<<2,	/* the device may write memory: rings, buffers, MSI-X messages */
	Rcaps		= 0x34,
	Capvendor	= 0x09,
	Capmsix		= 0x11,

	Waitloops	= 2000000,
};

static uchar ringmem[Maxvio][Vionq][4096] __attribute__((aligned(4096)));

static u32int
bar(int dev, int n)
{
	return pciread(dev, 0, 0x10 + 4*n) & ~0xf;
}

/* Fills v from the capabilities of the function at dev; 0 if it is no modern virtio device. */
static int
probe(int dev, Vio *v)
{
	int cap, type;
	uchar *base;

	memset(v, 0, sizeof *v);
	if((pciread(dev, 0, 0) & 0xffff) != Vpcivendor || (pciread(dev, 0, 2) & 0xffff) < Vpcidevbase)
		return 0;
	v->dev = dev;
	v->type = (pciread(dev, 0, 2) & 0xffff) - Vpcidevbase;
	v->irq = pciread(dev, 0, 0x3c) & 0xff;
	for(cap = pciread(dev, 0, Rcaps) & 0xff; cap != 0; cap = pciread(dev, 0, cap+1) & 0xff){
		if((pciread(dev, 0, cap) & 0xff) == Capmsix){
			v->msixcap = cap;
			v->msixtable = (uchar*)(uintptr)(bar(dev, pciread(dev, 0, cap+4) & 7) + (pciread(dev, 0, cap+4) & ~7));
			v->msixpba = (uchar*)(uintptr)(bar(dev, pciread(dev, 0, cap+8) & 7) + (pciread(dev, 0, cap+8) & ~7));
			continue;
		}
		if((pciread(dev, 0, cap) & 0xff) != Capvendor)
			continue;
		type = pciread(dev, 0, cap+3) & 0xff;
		base = (uchar*)(uintptr)(bar(dev, pciread(dev, 0, cap+4) & 0xff) + pciread(dev, 0, cap+8));
		switch(type){
		case Vcapcommon: v->common = base; v->commonoff = pciread(dev, 0, cap+8); break;
		case Vcapnotify: v->notify = base; v->notifymul = pciread(dev, 0, cap+16); break;
		case Vcapisr: v->isr = base; break;
		case Vcapdevice: v->devcfg = base; break;
		case Vcappcicfg: v->windowcap = cap; break;
		}
	}
	if(v->common == nil || v->notify == nil || v->isr == nil)
		return 0;
	pciwrite16(dev, 0, Rcmd, pciread(dev, 0, Rcmd) | Cmdmem | Cmdmaster);
	return 1;
}

/* The virtio devices on bus 0, in slot order; returns how many. */
int
vioscan(Vio *v, int max)
{
	int dev, n;

	n = 0;
	for(dev = 0; dev < 32 && n < max; dev++)
		if(probe(dev, &v[n]))
			v[n].ring = n, n++;
	return n;
}

u8int
viostatus(Vio *v)
{
	return r8(v->common + Vcstatus);
}

void
vioreset(Vio *v)
{
	int i;

	w8(v->common + Vcstatus, 0);
	for(i = 0; i < Waitloops && viostatus(v) != 0; i++)
		;
}

/* Reset, offer want, and return the status after FEATURES_OK: the device may refuse. */
u8int
vionegotiate(Vio *v, u64int want)
{
	vioreset(v);
	w8(v->common + Vcstatus, Vsack);
	w8(v->common + Vcstatus, Vsack|Vsdriver);
	w32(v->common + Vcdfsel, 0);
	v->features = r32(v->common + Vcdf);
	w32(v->common + Vcdfsel, 1);
	v->features |= (u64int)r32(v->common + Vcdf) << 32;
	w32(v->common + Vcgfsel, 0);
	w32(v->common + Vcgf, want);
	w32(v->common + Vcgfsel, 1);
	w32(v->common + Vcgf, want >> 32);
	w8(v->common + Vcstatus, Vsack|Vsdriver|Vsfeaturesok);
	return viostatus(v);
}

/* Queue q at the ring memory of this device, Vioqsize entries; 0 if the device took it. */
int
vioqueue(Vio *v, int q, u16int msix)
{
	Vring *r;
	uchar *m;

	r = &v->q[q];
	m = ringmem[v->ring][q];
	memset(m, 0, sizeof ringmem[0][0]);
	r->desc = (Vdesc*)m;
	r->avail = m + 1024;
	r->used = m + 2048;
	r->availidx = r->usedidx = 0;
	w16(v->common + Vcqsel, q);
	if(r16(v->common + Vcqsize) < Vioqsize)
		return -1;
	w16(v->common + Vcqsize, Vioqsize);
	w16(v->common + Vcqmsix, msix);
	if(r16(v->common + Vcqmsix) != msix)
		return -1;
	r->notifyaddr = v->notify + r16(v->common + Vcqnotify) * v->notifymul;
	w32(v->common + Vcqdesc, (uintptr)r->desc);
	w32(v->common + Vcqdesc+4, 0);
	w32(v->common + Vcqavail, (uintptr)r->avail);
	w32(v->common + Vcqavail+4, 0);
	w32(v->common + Vcqused, (uintptr)r->used);
	w32(v->common + Vcqused+4, 0);
	w16(v->common + Vcqenable, 1);
	return 0;
}

/* Negotiation and nq queues; 0 when the device is running. */
int
viostart(Vio *v, u64int want, int nq)
{
	int q;

	if(!(vionegotiate(v, want) & Vsfeaturesok))
		return -1;
	for(q = 0; q < nq; q++)
		if(vioqueue(v, q, Vnovector) < 0)
			return -1;
	w8(v->common + Vcstatus, Vsack|Vsdriver|Vsfeaturesok|Vsdriverok);
	return (viostatus(v) & Vsneedsreset) ? -1 : 0;
}

/* Makes the chain at head available and notifies. */
void
viokick(Vio *v, int q, u16int head)
{
	Vring *r;
	u16int *ring;

	r = &v->q[q];
	ring = (u16int*)(r->avail + 4);
	ring[r->availidx % Vioqsize] = head;
	__atomic_store_n((u16int*)(r->avail + 2), ++r->availidx, __ATOMIC_RELEASE);
	w16(r->notifyaddr, q);
}

/* Puts n segments in descriptors 0..n-1, the first nread device-readable, and kicks. */
void
viosubmit(Vio *v, int q, Vseg *s, int n, int nread)
{
	Vdesc *d;
	int i;

	d = v->q[q].desc;
	for(i = 0; i < n; i++){
		d[i].addr = (uintptr)s[i].p;
		d[i].len = s[i].len;
		d[i].flags = (i < nread ? 0 : Vdwrite) | (i < n-1 ? Vdnext : 0);
		d[i].next = i+1;
	}
	viokick(v, q, 0);
}

/* Waits for the next used entry of q; returns its length, or -1 if none came or the device broke. */
long
viowait(Vio *v, int q)
{
	Vring *r;
	u32int *e;
	int i;

	r = &v->q[q];
	for(i = 0; i < Waitloops; i++){
		if(__atomic_load_n((u16int*)(r->used + 2), __ATOMIC_ACQUIRE) != r->usedidx){
			e = (u32int*)(r->used + 4 + 8*(r->usedidx++ % Vioqsize));
			return e[1];
		}
		if(i % 64 == 63 && (viostatus(v) & Vsneedsreset))
			return -1;
		asm volatile("pause");
	}
	return -1;
}

/* Polls the status until the device says it needs a reset; 1 if it did. */
int
vioneedsreset(Vio *v)
{
	int i;

	for(i = 0; i < Waitloops/64; i++)
		if(viostatus(v) & Vsneedsreset)
			return 1;
	return 0;
}

/* MSI-X on, with table entry 0 sending vector vec to the boot processor. */
void
viomsix(Vio *v, int vec)
{
	u32int *e;

	e = (u32int*)v->msixtable;
	e[0] = 0xfee00000;
	e[1] = 0;
	e[2] = vec;
	e[3] = 0;
	pciwrite16(v->dev, 0, v->msixcap+2, 1<<15);
}

/* The chain of n segments through an indirect table at table, in descriptor 0. */
void
viosubmitindirect(Vio *v, int q, Vdesc *table, Vseg *s, int n, int nread)
{
	Vdesc *d;
	int i;

	for(i = 0; i < n; i++){
		table[i].addr = (uintptr)s[i].p;
		table[i].len = s[i].len;
		table[i].flags = (i < nread ? 0 : Vdwrite) | (i < n-1 ? Vdnext : 0);
		table[i].next = i+1;
	}
	d = v->q[q].desc;
	d[0].addr = (uintptr)table;
	d[0].len = n*sizeof(Vdesc);
	d[0].flags = Vdindirect;
	d[0].next = 0;
	viokick(v, q, 0);
}

/* Queue q placed at desc, which the device must refuse; 1 if it asks for a reset. */
int
viobadring(Vio *v, int q, u64int desc)
{
	w16(v->common + Vcqsel, q);
	w16(v->common + Vcqsize, Vioqsize);
	w32(v->common + Vcqdesc, desc);
	w32(v->common + Vcqdesc+4, desc >> 32);
	w16(v->common + Vcqenable, 1);
	return (viostatus(v) & Vsneedsreset) != 0;
}

/*
 * The configuration access window (4.1.4.8) on the common
 * configuration, used with the BAR's memory decoding off, as by a
 * driver that cannot map it.
 */
static void
windowset(Vio *v, u32int off, int len)
{
	pciwrite16(v->dev, 0, Rcmd, pciread(v->dev, 0, Rcmd) & ~Cmdmem);
	pciwrite32(v->dev, 0, v->windowcap+4, 0);	/* BAR 0 */
	pciwrite32(v->dev, 0, v->windowcap+8, v->commonoff + off);
	pciwrite32(v->dev, 0, v->windowcap+12, len);
}

u32int
viowindowread(Vio *v, u32int off, int len)
{
	u32int x;

	windowset(v, off, len);
	x = pciread(v->dev, 0, v->windowcap+16);
	pciwrite16(v->dev, 0, Rcmd, pciread(v->dev, 0, Rcmd) | Cmdmem);
	return len == 4 ? x : x & ((1<<8*len) - 1);
}

void
viowindowwrite(Vio *v, u32int off, int len, u32int x)
{
	windowset(v, off, len);
	pciwrite32(v->dev, 0, v->windowcap+16, x);
	pciwrite16(v->dev, 0, Rcmd, pciread(v->dev, 0, Rcmd) | Cmdmem);
}

/* Bus mastering on or off in the PCI command register. */
void
viomaster(Vio *v, int on)
{
	u16int cmd;

	cmd = pciread(v->dev, 0, Rcmd);
	pciwrite16(v->dev, 0, Rcmd, on ? cmd | Cmdmaster : cmd & ~Cmdmaster);
}
