#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

static Pcidev dev;
static int lastoff = -1;
static uvlong lastaddr;
static int lastsize;
static u64int lastval;

/* The BARs' handlers note where an access arrived and answer with the BAR's number. */
static u64int
barread(Iodev *d, uvlong addr, int size)
{
	lastaddr = addr;
	lastsize = size;
	return (uintptr)d->aux;
}

static void
barwrite(Iodev *d, uvlong addr, int size, u64int val)
{
	lastaddr = addr;
	lastsize = size;
	lastval = val;
}

static void
written(Pcidev *p, int off, int size)
{
	lastoff = off;
}

static u32int
cfg(int bus, int d, int fn, int off, int size)
{
	outp(0xcf8, 4, 0x80000000 | bus << 16 | d << 11 | fn << 8 | (off & 0xfc));
	return inp(0xcfc + (off & 3), size);
}

static void
setcfg(int d, int off, int size, u32int v)
{
	outp(0xcf8, 4, 0x80000000 | d << 11 | (off & 0xfc));
	outp(0xcfc + (off & 3), size, v);
}

int
main(void)
{
	u64int x;
	u32int v;
	int i, ok;

	pcidev.init();
	dev.dev = 3;
	dev.cfg[0] = 0xf4;
	dev.cfg[1] = 0x1a;
	dev.cfgwritten = written;
	dev.bar[0] = (Pcibar){0x20, Baseio, {.name = "bar0", .read = barread, .write = barwrite, .aux = (void*)0}};
	dev.bar[1] = (Pcibar){0x1000, 0, {.name = "bar1", .read = barread, .write = barwrite, .aux = (void*)1}};
	dev.bar[2] = (Pcibar){1<<20, Bar64 | Barpref, {.name = "bar2", .read = barread, .write = barwrite, .aux = (void*)2}};
	pciregister(&dev);

	outp(0xcf8, 4, 0x80001234);
	check("addr-readback", inp(0xcf8, 4) == 0x80001234, "%#x", inp(0xcf8, 4));
	check("host-bridge-id", cfg(0, 0, 0, 0, 4) == 0x12378086, "%#x", cfg(0, 0, 0, 0, 4));
	check("host-bridge-class", cfg(0, 0, 0, 8, 4) == 0x06000002, "%#x", cfg(0, 0, 0, 8, 4));
	check("word-read", cfg(0, 0, 0, 2, 2) == 0x1237, "%#x", cfg(0, 0, 0, 2, 2));
	check("byte-read", cfg(0, 0, 0, 1, 1) == 0x80, "%#x", cfg(0, 0, 0, 1, 1));
	check("absent-device", cfg(0, 5, 0, 0, 4) == 0xffffffff, "%#x", cfg(0, 5, 0, 0, 4));
	check("absent-function", cfg(0, 0, 1, 0, 2) == 0xffff, "%#x", cfg(0, 0, 1, 0, 2));
	check("absent-bus", cfg(1, 0, 0, 0, 4) == 0xffffffff, "%#x", cfg(1, 0, 0, 0, 4));
	outp(0xcf8, 4, 0x00000000);
	check("disabled", inp(0xcfc, 4) == 0xffffffff, "%#x", inp(0xcfc, 4));

	check("device-id", cfg(0, 3, 0, 0, 4) == 0x1af4, "%#x", cfg(0, 3, 0, 0, 4));
	setcfg(3, 0, 4, 0xdeadbeef);
	check("id-read-only", cfg(0, 3, 0, 0, 4) == 0x1af4, "%#x", cfg(0, 3, 0, 0, 4));
	for(i = 0; i < 6; i++)
		setcfg(3, 0x10 + 4*i, 4, 0xffffffff);
	check("size-io", cfg(0, 3, 0, 0x10, 4) == 0xffffffe1, "%#x", cfg(0, 3, 0, 0x10, 4));
	check("size-mem32", cfg(0, 3, 0, 0x14, 4) == 0xfffff000, "%#x", cfg(0, 3, 0, 0x14, 4));
	check("size-mem64-low", cfg(0, 3, 0, 0x18, 4) == 0xfff0000c, "%#x", cfg(0, 3, 0, 0x18, 4));
	check("size-mem64-high", cfg(0, 3, 0, 0x1c, 4) == 0xffffffff, "%#x", cfg(0, 3, 0, 0x1c, 4));
	ok = 1;
	for(i = 4; i < 6; i++)
		if(cfg(0, 3, 0, 0x10 + 4*i, 4) != 0)
			ok = 0;
	check("no-bar-reads-zero", ok, "unused BAR writable");
	check("written-callback", lastoff == 0x24, "last offset %#x", lastoff);

	setcfg(3, 0x10, 4, 0xc000);
	setcfg(3, 0x14, 4, 0xfebf1234);
	setcfg(3, 0x18, 4, 0xe0000000);
	setcfg(3, 0x1c, 4, 0x1);
	check("io-addr", cfg(0, 3, 0, 0x10, 4) == 0xc001, "%#x", cfg(0, 3, 0, 0x10, 4));
	check("mem-addr-aligned", cfg(0, 3, 0, 0x14, 4) == 0xfebf1000, "%#x", cfg(0, 3, 0, 0x14, 4));
	check("mem64-addr", cfg(0, 3, 0, 0x18, 4) == 0xe000000c && cfg(0, 3, 0, 0x1c, 4) == 1, "%#x", cfg(0, 3, 0, 0x18, 4));
	check("bar-off-while-disabled", iodispatch(Iomem, 0, 0xfebf1000, 4, &x) < 0, "memory BAR decodes with the command register clear");
	setcfg(3, 0x17, 1, 0xfd);
	check("bar-byte-write", cfg(0, 3, 0, 0x14, 4) == 0xfdbf1000, "%#x", cfg(0, 3, 0, 0x14, 4));

	setcfg(3, 0x04, 2, 0xffff);
	check("command-mask", cfg(0, 3, 0, 0x04, 2) == 0x0407, "%#x", cfg(0, 3, 0, 0x04, 2));
	check("io-bar-routed", inp(0xc01e, 2) == 0 && lastaddr == 0xc01e && lastsize == 2, "%#llx %d", lastaddr, lastsize);
	check("io-bar-end", iodispatch(Ioport, 0, 0xc020, 1, &x) < 0, "port past the BAR claimed");
	mmiow(0xfdbf1ffc, 0x1234);
	check("mem-bar-routed", lastaddr == 0xfdbf1ffc && lastval == 0x1234, "%#llx %#llx", lastaddr, lastval);
	check("mem64-bar-routed", mmior(0x1e00ffff0ULL) == 2 && lastaddr == 0x1e00ffff0ULL, "%#llx", lastaddr);
	check("old-address-free", iodispatch(Iomem, 0, 0xfebf1000, 4, &x) < 0, "the BAR still decodes where it was");
	setcfg(3, 0x04, 2, 0x0001);
	check("mem-bar-off", iodispatch(Iomem, 0, 0xfdbf1000, 4, &x) < 0 && inp(0xc000, 1) == 0, "memory decoding still on");
	setcfg(3, 0x3c, 1, 0x0b);
	check("intline", cfg(0, 3, 0, 0x3c, 1) == 0x0b, "%#x", cfg(0, 3, 0, 0x3c, 1));
	setcfg(3, 0x40, 4, 0x12345678);
	check("device-space-read-only", cfg(0, 3, 0, 0x40, 4) == 0, "%#x", cfg(0, 3, 0, 0x40, 4));

	outp(0xcf9, 1, 0x02);
	check("resetctl-store", inp(0xcf9, 1) == 0x02 && nresets == 0, "%#x", inp(0xcf9, 1));
	outp(0xcf9, 1, 0x06);
	check("resetctl-reset", nresets == 1, "resets %d", nresets);
	v = inp(0xcf8, 4);
	check("resetctl-leaves-addr", v == (0x80000000 | 3 << 11 | 0x40), "%#x", v);

	return checkstatus();
}
