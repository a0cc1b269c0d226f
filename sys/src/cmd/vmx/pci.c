/*
 * PCI configuration mechanism 1 on ports 0xcf8-0xcff, an Intel
 * 440FX host bridge at 00:00.0, and configuration space for the
 * devices the monitor adds, with BAR sizing. Byte accesses to 0xcf9
 * are the chipset's reset control register.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Cfgaddr = 0xcf8,
	Resetctl = 0xcf9,
	Cfgdata = 0xcfc,

	Enable = 1U<<31,

	/* Resetctl */
	Sysreset = 1<<1,
	Cpureset = 1<<2,
	Fullreset = 1<<3,

	/* configuration header */
	Rvid = 0x00,
	Rdid = 0x02,
	Rcmd = 0x04,
	Rrev = 0x08,
	Rclass = 0x09,
	Rcachel = 0x0c,
	Rlatency = 0x0d,
	Rbar0 = 0x10,
	Rbarend = Rbar0 + 4*Pcibars,

	Cmdio = 1<<0,
	Cmdmem = 1<<1,
	Cmdmaster = 1<<2,
	Cmdintxoff = 1<<10,
};

static Pcidev *devs;
static Pcidev hostbridge;
static u32int cfgaddr;
static uchar resetctl;

static u32int
get(uchar *p, int n)
{
	u32int v;
	int i;

	v = 0;
	for(i = 0; i < n; i++)
		v |= (u32int)p[i] << 8*i;
	return v;
}

static void
put(uchar *p, int n, u32int v)
{
	int i;

	for(i = 0; i < n; i++)
		p[i] = v >> 8*i;
}

static Pcidev*
lookup(u32int addr)
{
	Pcidev *p;

	if((addr & Enable) == 0)
		return nil;
	for(p = devs; p != nil; p = p->next)
		if(p->bus == (addr >> 16 & 0xff) && p->dev == (addr >> 11 & 0x1f) && p->fn == (addr >> 8 & 7))
			return p;
	return nil;
}

static int
upperhalf(Pcidev *p, int bar)
{
	return bar > 0 && p->bar[bar-1].size != 0 && (p->bar[bar-1].flags & (Baseio | Bar64)) == Bar64;
}

/* The value a BAR holds after the guest writes v: only the address bits above its size stick. */
static u32int
barvalue(Pcidev *p, int bar, u32int v)
{
	u32int old, flags;
	u64int size;

	if(upperhalf(p, bar))
		return v & ~(u32int)((p->bar[bar-1].size - 1) >> 32);
	size = p->bar[bar].size;
	if(size == 0)
		return 0;
	old = get(&p->cfg[Rbar0 + 4*bar], 4);
	flags = old & Baseio ? 0x3 : 0xf;
	return (v & ~(u32int)(size - 1) & ~flags) | (old & flags);
}

static u64int
pcibaraddr(Pcidev *p, int bar)
{
	u32int lo;
	u64int a;

	lo = get(&p->cfg[Rbar0 + 4*bar], 4);
	if(lo & Baseio)
		return lo & ~3;
	a = lo & ~0xf;
	if((lo & Bar64) && bar + 1 < Pcibars)
		a |= (u64int)get(&p->cfg[Rbar0 + 4*(bar+1)], 4) << 32;
	return a;
}

/* Where the BARs with handlers decode now: nowhere unless the command register enables their space. */
static void
route(Pcidev *p)
{
	Pcibar *b;
	int i, on;

	for(i = 0; i < Pcibars; i++){
		b = &p->bar[i];
		if(b->io.read == nil)
			continue;
		on = p->cfg[Rcmd] & (b->flags & Baseio ? Cmdio : Cmdmem);
		b->io.base = pcibaraddr(p, i);
		b->io.len = on ? b->size : 0;
	}
}

static void
cfgwrite(Pcidev *p, int off, int size, u32int v)
{
	int i, o, bar;
	uchar b[4];

	for(i = 0; i < size; i++){
		o = off + i;
		if(o >= Rbar0 && o < Rbarend)
			continue;
		p->cfg[o] = (p->cfg[o] & ~p->wmask[o]) | ((v >> 8*i) & p->wmask[o]);
	}
	for(bar = 0; bar < Pcibars; bar++){
		o = Rbar0 + 4*bar;
		if(off + size <= o || off >= o + 4)
			continue;
		memmove(b, &p->cfg[o], 4);
		for(i = 0; i < size; i++)
			if(off + i >= o && off + i < o + 4)
				b[off + i - o] = v >> 8*i;
		put(&p->cfg[o], 4, barvalue(p, bar, get(b, 4)));
	}
	route(p);
	if(p->cfgwritten != nil)
		p->cfgwritten(p, off, size);
}

/*
 * Puts p on the bus with its BARs as declared in p->bar. Registering
 * again (a device's init run as its reset) clears what the guest
 * programmed into the BARs and the command register.
 */
void
pciregister(Pcidev *p)
{
	Pcidev *q;
	Pcibar *b;
	int i;

	p->wmask[Rcmd] |= Cmdio | Cmdmem | Cmdmaster;
	p->wmask[Rcmd+1] |= Cmdintxoff >> 8;
	p->wmask[Rcachel] = 0xff;
	p->wmask[Rlatency] = 0xff;
	p->wmask[Pciintline] = 0xff;
	put(&p->cfg[Rcmd], 2, 0);
	for(i = 0; i < Pcibars; i++){
		b = &p->bar[i];
		put(&p->cfg[Rbar0 + 4*i], 4, b->size ? b->flags & (Baseio | Bar64 | Barpref) : 0);
		if(b->size != 0 && b->io.read != nil)
			ioregister(b->flags & Baseio ? Ioport : Iomem, &b->io);
	}
	route(p);
	for(q = devs; q != nil; q = q->next)
		if(q == p)
			return;
	p->next = devs;
	devs = p;
}

/*
 * Whether p may master the bus, its command register's bit 2 (PCI
 * 3.0, 6.2.2): without it a device reads and writes no memory, so a
 * DMA device leaves its rings alone.
 */
int
pcimaster(Pcidev *p)
{
	return (p->cfg[Rcmd] & Cmdmaster) != 0;
}

/* The functions on the bus, for the tables that describe them. */
Pcidev*
pcidevs(void)
{
	return devs;
}

/* As firmware does: BAR bar at addr, its space decoded. */
void
pciplace(Pcidev *p, int bar, u64int addr)
{
	put(&p->cfg[Rbar0 + 4*bar], 4, barvalue(p, bar, addr));
	if(p->bar[bar].flags & Bar64)
		put(&p->cfg[Rbar0 + 4*(bar+1)], 4, barvalue(p, bar+1, addr >> 32));
	p->cfg[Rcmd] |= p->bar[bar].flags & Baseio ? Cmdio : Cmdmem;
	route(p);
}

static u64int
pciin(Iodev *d, uvlong port, int size)
{
	Pcidev *p;
	int off;

	if(port == Cfgaddr && size == 4)
		return cfgaddr;
	if(port == Resetctl && size == 1)
		return resetctl;
	if(port < Cfgdata || (p = lookup(cfgaddr)) == nil)
		return ~0;
	off = (cfgaddr & 0xfc) + (port - Cfgdata);
	if(off + size > 256)
		return ~0;
	if(p->cfgreading != nil)
		p->cfgreading(p, off, size);
	return get(&p->cfg[off], size);
}

static void
pciout(Iodev *d, uvlong port, int size, u64int val)
{
	Pcidev *p;
	int off;

	if(port == Cfgaddr && size == 4){
		cfgaddr = val & (Enable | 0xfffffc);
		return;
	}
	if(port == Resetctl && size == 1){
		resetctl = val & (Sysreset | Fullreset);
		if(val & Cpureset)
			guestreset();
		return;
	}
	if(port < Cfgdata || (p = lookup(cfgaddr)) == nil)
		return;
	off = (cfgaddr & 0xfc) + (port - Cfgdata);
	if(off + size <= 256)
		cfgwrite(p, off, size, val);
}

static Iodev pciio = {.name = "pci", .base = Cfgaddr, .len = Cfgdata+4-Cfgaddr, .read = pciin, .write = pciout};

static void
init(void)
{
	put(&hostbridge.cfg[Rvid], 2, 0x8086);
	put(&hostbridge.cfg[Rdid], 2, 0x1237);
	hostbridge.cfg[Rrev] = 0x02;
	put(&hostbridge.cfg[Rclass], 3, 0x060000);
	pciregister(&hostbridge);
	ioregister(Ioport, &pciio);
}

Vdev pcidev = {"pci", init};
