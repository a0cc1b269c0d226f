/*
 * ACPI: the tables that describe the machine to an operating system
 * (ACPI 6.x, chapter 5), written where a BIOS leaves them, the PM1
 * event and control registers through which the guest powers off, and
 * the PM timer, a clock that loses no ticks when the guest is slow to
 * take interrupts (Linux checks its TSC against it).
 *
 * RSDP at Rsdpaddr, found by the scan of 0xe0000-0xfffff an OS does;
 * RSDT and XSDT list the FADT and the MADT; the FADT points at the
 * FACS, the DSDT and the PM1 blocks; the MADT lists the local APIC and
 * the I/O APIC the monitor models, with ISA irq n on pin n except for
 * the SCI; the DSDT holds \_S5 (what to write to PM1 control to power
 * off) and the PCI host bridge with its windows. It has no _PRT: a
 * guest takes a device's INTx from its interrupt line register, which
 * the device sets (see virtio.c).
 * All of it lies in the legacy hole, which the memory map reserves.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

typedef struct Aml Aml;

enum {
	Rsdpaddr	= 0xe0000,
	Tableend	= 0x100000,

	Hdrlen		= 36,		/* system description table header */
	Rsdplen		= 36,
	Facslen		= 64,
	Fadtlen		= 276,
	Fadtrev		= 6,
	Amlmax		= 8192,

	/* FADT fields */
	Fdsdt		= 40,
	Fsciint		= 46,
	Fpm1aevt	= 56,
	Fpm1acnt	= 64,
	Fpmtmr		= 76,
	Fpm1evtlen	= 88,
	Fpm1cntlen	= 89,
	Fpmtmrlen	= 91,
	Fbootarch	= 109,
	Fflags		= 112,
	Fresetreg	= 116,
	Fresetval	= 128,
	Fxfirmctl	= 132,
	Fxdsdt		= 140,
	Fxpm1aevt	= 148,
	Fxpm1acnt	= 172,
	Fxpmtmr		= 208,

	/* FADT flags and IA-PC boot architecture flags */
	Wbinvd		= 1<<0,
	Procc1		= 1<<2,
	Pwrbutton	= 1<<4,		/* no fixed-feature power button */
	Slpbutton	= 1<<5,
	Resetregsup	= 1<<10,
	Legacydevs	= 1<<0,
	Has8042		= 1<<1,
	Novga		= 1<<2,

	/* MADT */
	Pcatcompat	= 1<<0,
	Mlapic		= 0,
	Mioapic		= 1,
	Moverride	= 2,
	Enabled		= 1<<0,
	Highlevel	= 1<<0 | 3<<2,	/* override flags: active high, level */

	/* the PM1 blocks: status and enable, then control; the PM timer */
	Pm1evt		= 0x600,
	Pm1cnt		= 0x604,
	Pmtmr		= 0x608,
	Pm1evtlen	= 4,
	Pm1cntlen	= 2,
	Pmtmrlen	= 4,
	Pmtmrhz		= 3579545,	/* the PM timer's clock (ACPI 4.8.3.3) */
	Pmtmrmask	= 0xffffff,	/* 24 bits: FADT flag TMR_VAL_EXT is clear */
	Sciirq		= 9,
	Scien		= 1<<0,
	Slptyp		= 7<<10,
	Slpen		= 1<<13,
	S5typ		= 5,		/* \_S5's SLP_TYP, an arbitrary choice */
	Wakests		= 1<<15,

	Resetport	= 0xcf9,	/* pci.c's reset control register */
	Resetvalue	= 0x06,		/* a CPU reset, as a system reset */

	/* generic address structure */
	Gasio		= 1,
	Gaslen		= 12,

	/* AML opcodes (ACPI 6.x, 20.2) */
	Zeroop		= 0x00,
	Oneop		= 0x01,
	Nameop		= 0x08,
	Byteprefix	= 0x0a,
	Wordprefix	= 0x0b,
	Dwordprefix	= 0x0c,
	Scopeop		= 0x10,
	Bufferop	= 0x11,
	Packageop	= 0x12,
	Extop		= 0x5b,
	Deviceop	= 0x82,

	/* resource descriptors (6.4) */
	Ioport16	= 0x47,
	Wordspace	= 0x88,
	Dwordspace	= 0x87,
	Endtag		= 0x79,
	Spacemem	= 0,
	Spaceio		= 1,
	Spacebus	= 2,
	Fixedrange	= 3<<2,		/* the minimum and the maximum are fixed */
};

static char oemid[] = "PLNINE";
static char oemtable[] = "VMX     ";

static struct {
	u16int	sts;
	u16int	en;
	u16int	cnt;
} pm;

/* An AML byte stream: PkgLength fields are reserved at 4 bytes and shrunk when closed. */
struct Aml {
	uchar	buf[Amlmax];
	int	n;
};

/* The DSDT's size is fixed by this file: Amlmax only has to be big enough. */
static void
amlbyte(Aml *a, int b)
{
	if(a->n >= Amlmax)
		abort();
	a->buf[a->n++] = b;
}

static void
amlbytes(Aml *a, void *v, int n)
{
	uchar *p;

	for(p = v; n-- > 0; p++)
		amlbyte(a, *p);
}

static void
amlint(Aml *a, u32int v)
{
	if(v == 0)
		amlbyte(a, Zeroop);
	else if(v == 1)
		amlbyte(a, Oneop);
	else if(v <= 0xff){
		amlbyte(a, Byteprefix);
		amlbyte(a, v);
	}else if(v <= 0xffff){
		amlbyte(a, Wordprefix);
		amlbyte(a, v);
		amlbyte(a, v>>8);
	}else{
		amlbyte(a, Dwordprefix);
		amlbytes(a, (uchar[]){v, v>>8, v>>16, v>>24}, 4);
	}
}

static int
amlopen(Aml *a)
{
	int at;

	at = a->n;
	amlbytes(a, (uchar[4]){0}, 4);
	return at;
}

/* The PkgLength counts its own bytes and everything after it (20.2.4). */
static void
amlclose(Aml *a, int at)
{
	int body, nlen, len, i;

	body = a->n - (at + 4);
	for(nlen = 1; nlen < 4; nlen++)
		if(body + nlen < (nlen == 1 ? 1<<6 : 1<<(4 + 8*(nlen-1))))
			break;
	len = body + nlen;
	if(nlen == 1)
		a->buf[at] = len;
	else{
		a->buf[at] = (nlen-1) << 6 | (len & 0xf);
		for(i = 1; i < nlen; i++)
			a->buf[at+i] = len >> (4 + 8*(i-1));
	}
	memmove(a->buf + at + nlen, a->buf + at + 4, body);
	a->n -= 4 - nlen;
}

static void
amlname(Aml *a, char *name)
{
	amlbyte(a, Nameop);
	amlbytes(a, name, strlen(name));
}

/* The _CRS of the host bridge: bus 0-255, the configuration ports, the I/O and memory windows. */
static void
bridgecrs(Aml *a)
{
	uchar r[128], *p;
	int at;

	p = r;
	*p++ = Wordspace; *p++ = 13; *p++ = 0;
	*p++ = Spacebus; *p++ = Fixedrange; *p++ = 0;
	put16(p, 0); put16(p+2, 0); put16(p+4, 0xff); put16(p+6, 0); put16(p+8, 0x100);
	p += 10;
	*p++ = Ioport16; *p++ = 1;
	put16(p, 0xcf8); put16(p+2, 0xcf8); p += 4;
	*p++ = 1; *p++ = 8;
	*p++ = Wordspace; *p++ = 13; *p++ = 0;
	*p++ = Spaceio; *p++ = Fixedrange; *p++ = 3;
	put16(p, 0); put16(p+2, 0); put16(p+4, 0xcf7); put16(p+6, 0); put16(p+8, 0xcf8);
	p += 10;
	*p++ = Wordspace; *p++ = 13; *p++ = 0;
	*p++ = Spaceio; *p++ = Fixedrange; *p++ = 3;
	put16(p, 0); put16(p+2, 0xd00); put16(p+4, 0xffff); put16(p+6, 0); put16(p+8, 0xf300);
	p += 10;
	*p++ = Dwordspace; *p++ = 23; *p++ = 0;
	*p++ = Spacemem; *p++ = Fixedrange; *p++ = 1;	/* read-write, not cacheable */
	put32(p, 0); put32(p+4, Pcihole); put32(p+8, Ioapicbase-1); put32(p+12, 0); put32(p+16, Ioapicbase - Pcihole);
	p += 20;
	*p++ = Endtag; *p++ = 0;

	amlname(a, "_CRS");
	amlbyte(a, Bufferop);
	at = amlopen(a);
	amlint(a, p - r);
	amlbytes(a, r, p - r);
	amlclose(a, at);
}

static void
dsdtbody(Aml *a)
{
	int at, dev, pkg;

	amlname(a, "\\_S5_");
	amlbyte(a, Packageop);
	pkg = amlopen(a);
	amlbyte(a, 2);
	amlint(a, S5typ);
	amlint(a, S5typ);
	amlclose(a, pkg);

	amlbyte(a, Scopeop);
	at = amlopen(a);
	amlbytes(a, "\\_SB_", 5);
	amlbyte(a, Extop);
	amlbyte(a, Deviceop);
	dev = amlopen(a);
	amlbytes(a, "PCI0", 4);
	amlname(a, "_HID");
	amlint(a, 0x030ad041);	/* EISAID("PNP0A03"), a PCI host bridge */
	amlname(a, "_UID");
	amlint(a, 0);
	bridgecrs(a);
	amlclose(a, dev);
	amlclose(a, at);
}

/* Makes the n bytes at p, *sum among them, add up to 0, as firmware tables do (mptable.c too). */
void
checksum(uchar *p, int n, uchar *sum)
{
	uchar s;

	*sum = 0;
	for(s = 0; n-- > 0; p++)
		s += *p;
	*sum = -s;
}

static void
header(uchar *t, char *sig, int len, int rev)
{
	memmove(t, sig, 4);
	put32(t+4, len);
	t[8] = rev;
	memmove(t+10, oemid, 6);
	memmove(t+16, oemtable, 8);
	put32(t+24, 1);
	memmove(t+28, "PNVM", 4);
	put32(t+32, 1);
}

static void
gas(uchar *g, int bits, u64int port)
{
	g[0] = Gasio;
	g[1] = bits;
	g[2] = 0;
	g[3] = bits/8 <= 1 ? 1 : bits/8 == 2 ? 2 : 3;	/* access size: byte, word, dword */
	put64(g+4, port);
}

/* Tables from addr up; returns the end. */
static uvlong
facs(uvlong addr)
{
	uchar *t;

	t = memptr(addr, Facslen);
	memset(t, 0, Facslen);
	memmove(t, "FACS", 4);
	put32(t+4, Facslen);
	t[32] = 2;	/* version */
	return addr + Facslen;
}

static uvlong
dsdt(uvlong addr)
{
	static Aml a;
	uchar *t;

	a.n = 0;
	dsdtbody(&a);
	t = memptr(addr, Hdrlen + a.n);
	memset(t, 0, Hdrlen);
	header(t, "DSDT", Hdrlen + a.n, 2);
	memmove(t + Hdrlen, a.buf, a.n);
	checksum(t, Hdrlen + a.n, t+9);
	return addr + Hdrlen + a.n;
}

static uvlong
fadt(uvlong addr, uvlong facsaddr, uvlong dsdtaddr)
{
	uchar *t;

	t = memptr(addr, Fadtlen);
	memset(t, 0, Fadtlen);
	header(t, "FACP", Fadtlen, Fadtrev);
	put32(t+Fdsdt, dsdtaddr);	/* the FACS only in X_FIRMWARE_CTRL: one of the two may be set */
	put16(t+Fsciint, Sciirq);
	put32(t+Fpm1aevt, Pm1evt);
	put32(t+Fpm1acnt, Pm1cnt);
	put32(t+Fpmtmr, Pmtmr);
	t[Fpm1evtlen] = Pm1evtlen;
	t[Fpm1cntlen] = Pm1cntlen;
	t[Fpmtmrlen] = Pmtmrlen;
	put16(t+Fbootarch, Legacydevs | Has8042 | Novga);
	put32(t+Fflags, Wbinvd | Procc1 | Pwrbutton | Slpbutton | Resetregsup);
	gas(t+Fresetreg, 8, Resetport);
	t[Fresetval] = Resetvalue;
	put64(t+Fxfirmctl, facsaddr);
	put64(t+Fxdsdt, dsdtaddr);
	gas(t+Fxpm1aevt, 8*Pm1evtlen, Pm1evt);
	gas(t+Fxpm1acnt, 8*Pm1cntlen, Pm1cnt);
	gas(t+Fxpmtmr, 8*Pmtmrlen, Pmtmr);
	checksum(t, Fadtlen, t+9);
	return addr + Fadtlen;
}

static uvlong
madt(uvlong addr)
{
	uchar *t, *e;
	int len, i;

	len = Hdrlen + 8 + 8*ncpu + 12 + 10;
	t = memptr(addr, len);
	memset(t, 0, len);
	header(t, "APIC", len, 1);
	put32(t+36, Lapicbase);
	put32(t+40, Pcatcompat);
	e = t + 44;
	for(i = 0; i < ncpu; i++){
		e[0] = Mlapic; e[1] = 8; e[2] = i; e[3] = i;	/* processor i, APIC id i */
		put32(e+4, Enabled);
		e += 8;
	}
	e[0] = Mioapic; e[1] = 12; e[2] = 0;		/* I/O APIC id 0 */
	put32(e+4, Ioapicbase);
	put32(e+8, 0);
	e += 12;
	e[0] = Moverride; e[1] = 10; e[2] = 0; e[3] = Sciirq;
	put32(e+4, Sciirq);
	put16(e+8, Highlevel);
	checksum(t, len, t+9);
	return addr + len;
}

/* An RSDT (4-byte entries) or XSDT (8-byte) listing the tables at a[0..n); returns its end. */
static uvlong
sdt(uvlong addr, char *sig, int width, uvlong *a, int n)
{
	uchar *t;
	int i, len;

	len = Hdrlen + width*n;
	t = memptr(addr, len);
	memset(t, 0, len);
	header(t, sig, len, 1);
	for(i = 0; i < n; i++)
		if(width == 4)
			put32(t + Hdrlen + 4*i, a[i]);
		else
			put64(t + Hdrlen + 8*i, a[i]);
	checksum(t, len, t+9);
	return addr + len;
}

static void
rsdp(uvlong rsdt, uvlong xsdt)
{
	uchar *t;

	t = memptr(Rsdpaddr, Rsdplen);
	memset(t, 0, Rsdplen);
	memmove(t, "RSD PTR ", 8);
	memmove(t+9, oemid, 6);
	t[15] = 2;	/* revision: XSDT present */
	put32(t+16, rsdt);
	put32(t+20, Rsdplen);
	put64(t+24, xsdt);
	checksum(t, 20, t+8);
	checksum(t, Rsdplen, t+32);
}

static void
writetables(void)
{
	uvlong a, facsaddr, dsdtaddr, tab[2], rsdt, xsdt;

	a = (Rsdpaddr + Rsdplen + 63) & ~63;
	facsaddr = a;
	a = facs(a);
	dsdtaddr = a;
	a = (dsdt(a) + 15) & ~15;
	tab[0] = a;
	a = (fadt(a, facsaddr, dsdtaddr) + 15) & ~15;
	tab[1] = a;
	a = (madt(a) + 15) & ~15;
	rsdt = a;
	a = (sdt(a, "RSDT", 4, tab, nelem(tab)) + 15) & ~15;
	xsdt = a;
	a = sdt(a, "XSDT", 8, tab, nelem(tab));
	if(a > Tableend)
		abort();
	rsdp(rsdt, xsdt);
}

static u64int
pmread(Iodev *d, uvlong port, int size)
{
	u32int v;

	switch(port){
	case Pm1evt:
		v = pm.sts | pm.en << 16;
		break;
	case Pm1evt+2:
		v = pm.en;
		break;
	case Pm1cnt:
		v = pm.cnt | Scien;
		break;
	case Pmtmr:
		v = nstoticks(now(), Pmtmrhz) & Pmtmrmask;
		break;
	default:
		v = 0;
	}
	return v;
}

static void
pmwrite(Iodev *d, uvlong port, int size, u64int val)
{
	switch(port){
	case Pm1evt:
		pm.sts &= ~val;		/* write 1 to clear */
		if(size == 4)
			pm.en = val >> 16;
		break;
	case Pm1evt+2:
		pm.en = val;
		break;
	case Pm1cnt:
		pm.cnt = val & ~Slpen;
		if((val & Slpen) && (val & Slptyp) >> 10 == S5typ)
			guestexit(0);
		break;
	}
}

static Iodev pmio = {.name = "pm", .base = Pm1evt, .len = Pmtmr + Pmtmrlen - Pm1evt, .read = pmread, .write = pmwrite};

static void
init(void)
{
	memset(&pm, 0, sizeof pm);
	ioregister(Ioport, &pmio);
	writetables();
}

Vdev acpidev = {"acpi", init};
