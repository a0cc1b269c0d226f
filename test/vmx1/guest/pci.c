/* Walk PCI bus 0 through configuration mechanism 1. */
#include <u.h>
#include "guest.h"

enum {
	Cfgaddr	= 0xcf8,
	Cfgdata	= 0xcfc,
	Enable	= 1<<31,
	Hdrtype	= 0x0c,	/* the dword holding the header type */
	Multifn	= 0x80,
};

/* The configuration dword holding reg, shifted so that reg's byte is the lowest. */
u32int
pciread(int dev, int fn, int reg)
{
	outl(Cfgaddr, Enable | dev<<11 | fn<<8 | (reg & 0xfc));
	return inl(Cfgdata) >> 8*(reg & 3);
}

void
pciwrite16(int dev, int fn, int reg, u16int v)
{
	outl(Cfgaddr, Enable | dev<<11 | fn<<8 | (reg & 0xfc));
	asm volatile("outw %w0, %w1" : : "a"(v), "Nd"(Cfgdata + (reg & 2)));
}

void
pciwrite32(int dev, int fn, int reg, u32int v)
{
	outl(Cfgaddr, Enable | dev<<11 | fn<<8 | (reg & 0xfc));
	outl(Cfgdata, v);
}

/* Calls FOUND for each function present; returns how many there were. */
int
pciscan(void (*found)(int dev, int fn, u16int vid, u16int did))
{
	int dev, fn, nfn, n;
	u32int id;

	n = 0;
	for(dev = 0; dev < 32; dev++){
		nfn = 1;
		for(fn = 0; fn < nfn; fn++){
			id = pciread(dev, fn, 0);
			if((id & 0xffff) == 0xffff)
				continue;
			if(fn == 0 && (pciread(dev, 0, Hdrtype)>>16 & Multifn))
				nfn = 8;
			found(dev, fn, id, id>>16);
			n++;
		}
	}
	return n;
}
