/*
 * Just enough ACPI: the MADT for the interrupt controllers and
 * processors, the FADT and \_S5 for powering off.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"

static struct {
	int	pm1acnt;	/* PM1a control port, 0 if unknown */
	int	pm1bcnt;
	int	slptyp;		/* \_S5 sleep type, -1 if unknown */
} pm = { 0, 0, -1 };

Acpiinfo acpi;

static int
checksum(uchar *p, int n)
{
	uchar s;

	s = 0;
	while(n-- > 0)
		s += *p++;
	return s;
}

static uchar*
findrsdp(void)
{
	uchar *p;
	int i;

	if(memcmp(conf.rsdp, "RSD PTR ", 8) == 0)
		return conf.rsdp;
	/* the BIOS area, 16-byte aligned */
	for(i = 0xe0000; i < 0x100000; i += 16){
		p = KADDR(i);
		if(memcmp(p, "RSD PTR ", 8) == 0 && checksum(p, 20) == 0)
			return p;
	}
	return nil;
}

static void
madt(uchar *t, int len)
{
	uchar *p, *e;

	acpi.lapicbase = *(u32int*)(t+36);
	e = t+len;
	for(p = t+44; p+2 <= e && p[1] >= 2 && p+p[1] <= e; p += p[1]){
		switch(p[0]){
		case 0:		/* processor local APIC */
			if((p[4] & 1) && acpi.ncpu < MAXMACH)
				acpi.cpuapicid[acpi.ncpu++] = p[3];
			break;
		case 1:		/* I/O APIC */
			if(acpi.nioapic < nelem(acpi.ioapic)){
				acpi.ioapic[acpi.nioapic].addr = *(u32int*)(p+4);
				acpi.ioapic[acpi.nioapic].gsibase = *(u32int*)(p+8);
				acpi.nioapic++;
			}
			break;
		case 2:		/* ISA interrupt override */
			if(p[3] < nelem(acpi.isagsi)){
				acpi.isagsi[p[3]] = *(u32int*)(p+4);
				acpi.isaflags[p[3]] = *(u16int*)(p+8);
			}
			break;
		}
	}
}

/* Find \_S5's package in the DSDT's byte code: the sleep type for off. */
static void
dsdts5(uchar *t, int len)
{
	uchar *p;

	for(p = t+36; p+12 < t+len; p++){
		if(memcmp(p, "_S5_", 4) != 0 || p[4] != 0x12)
			continue;
		p += 5;
		p += ((*p & 0xc0) >> 6) + 1;	/* package length */
		p++;				/* element count */
		if(*p == 0x0a)			/* byte prefix */
			p++;
		pm.slptyp = *p;
		return;
	}
}

static void
fadt(uchar *t, int len)
{
	uvlong dsdt;
	uchar *d;

	pm.pm1acnt = *(u32int*)(t+64);
	pm.pm1bcnt = *(u32int*)(t+68);
	dsdt = *(u32int*)(t+40);
	if(len >= 148 && *(u64int*)(t+140) != 0)
		dsdt = *(u64int*)(t+140);
	if(dsdt != 0){
		d = KADDR(dsdt);
		if(memcmp(d, "DSDT", 4) == 0)
			dsdts5(d, *(u32int*)(d+4));
	}
}

void
acpiinit(void)
{
	uchar *rsdp, *sdt, *t;
	int i, n, entsize;
	uvlong pa;

	for(i = 0; i < nelem(acpi.isagsi); i++)
		acpi.isagsi[i] = i;
	rsdp = findrsdp();
	if(rsdp == nil)
		return;
	if(rsdp[15] >= 2 && *(u64int*)(rsdp+24) != 0){
		sdt = KADDR(*(u64int*)(rsdp+24));
		entsize = 8;
	}else{
		sdt = KADDR(*(u32int*)(rsdp+16));
		entsize = 4;
	}
	n = (*(u32int*)(sdt+4) - 36) / entsize;
	for(i = 0; i < n; i++){
		pa = entsize == 8 ? *(u64int*)(sdt+36+8*i) : *(u32int*)(sdt+36+4*i);
		t = KADDR(pa);
		if(memcmp(t, "APIC", 4) == 0)
			madt(t, *(u32int*)(t+4));
		else if(memcmp(t, "FACP", 4) == 0)
			fadt(t, *(u32int*)(t+4));
	}
}

int
acpipoweroff(void)
{
	enum { Slpen = 1<<13 };

	if(pm.pm1acnt == 0 || pm.slptyp < 0)
		return -1;
	outs(pm.pm1acnt, pm.slptyp<<10 | Slpen);
	if(pm.pm1bcnt != 0)
		outs(pm.pm1bcnt, pm.slptyp<<10 | Slpen);
	microdelay(100*1000);
	return -1;
}
