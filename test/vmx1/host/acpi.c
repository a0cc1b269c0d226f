/*
 * The ACPI tables as an OS finds them (RSDP scan, checksums, the
 * tables' pointers and contents) and the PM1 registers' power-off.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

enum {
	Ram	= 2<<20,
	Hdrlen	= 36,
};

static uchar *ram;

static int
sum(uchar *p, int n)
{
	uchar s;

	for(s = 0; n-- > 0; p++)
		s += *p;
	return s;
}

/* The table at pa if its signature is sig and its checksum holds, else nil. */
static uchar*
table(uvlong pa, char *sig)
{
	uchar *t;

	if(pa < 0xe0000 || pa + Hdrlen > 0x100000)
		return nil;
	t = ram + pa;
	if(memcmp(t, sig, 4) != 0 || pa + get32(t+4) > 0x100000 || sum(t, get32(t+4)) != 0)
		return nil;
	return t;
}

/* A PkgLength at p: its value, and in *n how many bytes it took. */
static int
pkglen(uchar *p, int *n)
{
	int i, v;

	*n = (p[0] >> 6) + 1;
	if(*n == 1)
		return p[0] & 0x3f;
	v = p[0] & 0xf;
	for(i = 1; i < *n; i++)
		v |= p[i] << (4 + 8*(i-1));
	return v;
}

static uchar*
find(uchar *p, int len, char *s, int n)
{
	int i;

	for(i = 0; i + n <= len; i++)
		if(memcmp(p + i, s, n) == 0)
			return p + i;
	return nil;
}

int
main(void)
{
	uchar *rsdp, *xsdt, *rsdt, *fadt, *madt, *dsdt, *facs, *p, *e;
	uvlong a;
	int i, n, len, found, ok;

	ram = calloc(1, Ram);
	raminit(ram, Ram);
	acpidev.init();

	rsdp = nil;
	for(a = 0xe0000; a < 0x100000; a += 16)
		if(memcmp(ram + a, "RSD PTR ", 8) == 0){
			rsdp = ram + a;
			break;
		}
	check("rsdp-found", rsdp != nil, "no RSDP in 0xe0000-0xfffff");
	if(rsdp == nil)
		return checkstatus();
	check("rsdp-checksums", sum(rsdp, 20) == 0 && sum(rsdp, 36) == 0 && rsdp[15] == 2 && get32(rsdp+20) == 36,
		"bad RSDP");
	rsdt = table(get32(rsdp+16), "RSDT");
	xsdt = table(get64(rsdp+24), "XSDT");
	check("rsdt-xsdt", rsdt != nil && xsdt != nil && get32(rsdt+4) == Hdrlen + 8 && get32(xsdt+4) == Hdrlen + 16
		&& get32(rsdt+Hdrlen) == get64(xsdt+Hdrlen) && get32(rsdt+Hdrlen+4) == get64(xsdt+Hdrlen+8), "bad RSDT or XSDT");
	if(xsdt == nil)
		return checkstatus();
	fadt = table(get64(xsdt+Hdrlen), "FACP");
	madt = table(get64(xsdt+Hdrlen+8), "APIC");
	check("fadt", fadt != nil && get32(fadt+4) == 276 && fadt[8] == 6, "no FADT");
	check("madt", madt != nil, "no MADT");
	if(fadt == nil || madt == nil)
		return checkstatus();

	dsdt = table(get64(fadt+140), "DSDT");
	facs = ram + get64(fadt+132);
	check("dsdt", dsdt != nil && get32(fadt+40) == get64(fadt+140), "no DSDT");
	check("facs", get64(fadt+132) % 64 == 0 && memcmp(facs, "FACS", 4) == 0 && get32(facs+4) == 64
		&& get32(fadt+36) == 0, "no FACS");
	check("fadt-sci", get16(fadt+46) == 9 && get32(fadt+48) == 0, "sci %d smi %#x", get16(fadt+46), get32(fadt+48));
	check("fadt-pm1", get32(fadt+56) == 0x600 && get32(fadt+64) == 0x604 && fadt[88] == 4 && fadt[89] == 2
		&& get64(fadt+148+4) == 0x600 && fadt[148+1] == 32 && get64(fadt+172+4) == 0x604 && fadt[172+1] == 16,
		"pm1 blocks");
	check("fadt-pm-timer", get32(fadt+76) == 0x608 && fadt[91] == 4 && get64(fadt+208+4) == 0x608 && fadt[208+1] == 32
		&& (get32(fadt+112) & 1<<8) == 0, "timer block %#x", get32(fadt+76));
	check("fadt-reset", (get32(fadt+112) & 1<<10) && fadt[116] == 1 && get64(fadt+116+4) == 0xcf9 && fadt[128] == 6,
		"reset register");
	check("fadt-not-hw-reduced", (get32(fadt+112) & 1<<20) == 0, "flags %#x", get32(fadt+112));

	check("madt-header", get32(madt+36) == 0xfee00000 && get32(madt+40) == 1, "lapic %#x", get32(madt+36));
	found = 0;
	ok = 1;
	for(e = madt + 44; e < madt + get32(madt+4); e += e[1]){
		if(e[1] < 2){
			ok = 0;
			break;
		}
		if(e[0] == 0 && e[1] == 8 && e[3] == 0 && get32(e+4) == 1)
			found |= 1;
		/* fakecpu.c's second processor */
		if(e[0] == 0 && e[1] == 8 && e[2] == 1 && e[3] == 1 && get32(e+4) == 1)
			found |= 8;
		if(e[0] == 1 && e[1] == 12 && e[2] == 0 && get32(e+4) == 0xfec00000 && get32(e+8) == 0)
			found |= 2;
		if(e[0] == 2 && e[1] == 10 && e[3] == 9 && get32(e+4) == 9 && get16(e+8) == 0xd)
			found |= 4;
	}
	check("madt-entries", ok && found == 15, "found %#x", found);

	/* \_S5_ is Package(2){5, 5}; the scope after it spans exactly to the table's end */
	len = get32(dsdt+4);
	p = find(dsdt + Hdrlen, len - Hdrlen, "\x08\\_S5_\x12", 7);
	check("dsdt-s5", p != nil && p[7] == 6 && p[8] == 2 && p[9] == 0x0a && p[10] == 5 && p[11] == 0x0a && p[12] == 5,
		"no \\_S5_ package");
	p = find(dsdt + Hdrlen, len - Hdrlen, "\x10", 1);
	if(p != nil){
		n = pkglen(p+1, &i);
		check("dsdt-scope-length", n > 63 && i > 1 && p + 1 + n == dsdt + len && memcmp(p + 1 + i, "\\_SB_", 5) == 0,
			"length %d in %d bytes", n, i);
	}else
		check("dsdt-scope-length", 0, "no scope");
	check("dsdt-host-bridge", find(dsdt, len, "PCI0\x08_HID\x0c\x41\xd0\x0a\x03", 11) != nil, "no PNP0A03");
	check("dsdt-no-prt", find(dsdt, len, "_PRT", 4) == nil, "a _PRT to disagree with the interrupt line registers");

	check("sci-enabled", inp(0x604, 2) & 1, "%#x", inp(0x604, 2));
	outp(0x602, 2, 0x0120);
	check("pm1-enable", inp(0x602, 2) == 0x0120 && inp(0x600, 4) >> 16 == 0x0120, "%#x", inp(0x600, 4));
	outp(0x604, 2, 1<<10 | 1<<13);
	check("sleep-s1-ignored", nexits == 0, "exits %d", nexits);
	outp(0x604, 2, 5<<10);
	check("slp-typ-alone", nexits == 0, "exits %d", nexits);
	outp(0x604, 2, 5<<10 | 1<<13);
	fakenow = 1000000000;
	check("pm-timer", inp(0x608, 4) == 3579545, "%#x", inp(0x608, 4));
	fakenow = 5000000000LL;
	check("pm-timer-24-bits", inp(0x608, 4) == (3579545*5 & 0xffffff), "%#x", inp(0x608, 4));
	check("power-off", nexits == 1 && exitstatus == 0, "exits %d status %d", nexits, exitstatus);

	return checkstatus();
}
