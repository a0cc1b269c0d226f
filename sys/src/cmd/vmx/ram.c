/*
 * Guest-physical and guest-virtual addresses to where the monitor
 * sees guest RAM. The layout is pcmem.c's: RAM from 0, and what does
 * not fit below the PCI hole from 4G.
 */
#include <u.h>
#include <libc.h>
#include <x86.h>
#include "dat.h"
#include "fns.h"

static struct {
	uchar	*base;
	uvlong	size;
	uvlong	below;	/* bytes of RAM below the PCI hole */
	uvlong	above;	/* and from 4G */
} mem;

void
raminit(uchar *base, uvlong size)
{
	mem.base = base;
	mem.size = size;
	memsplit(size, &mem.below, &mem.above);
}

uchar*
ramptr(void)
{
	return mem.base;
}

uvlong
ramsize(void)
{
	return mem.size;
}

/* Where n bytes at guest-physical pa are, or nil if they are not all RAM. */
uchar*
memptr(uvlong pa, uvlong n)
{
	uvlong off;

	if(pa >= Fourg){
		off = pa - Fourg;
		if(off + n < off || off + n > mem.above)
			return nil;
		off += mem.below;
	}else{
		if(pa + n < pa || pa + n > mem.below)
			return nil;
		off = pa;
	}
	return mem.base + off;
}

static int
entry(uvlong table, int index, int size, uvlong *e)
{
	uchar *p;

	p = memptr(table + index*size, size);
	if(p == nil)
		return -1;
	*e = size == 8 ? get64(p) : get32(p);
	return (*e & Ptpresent) ? 0 : -1;
}

/*
 * Translate through the guest's page tables: none, 32-bit (with 4M
 * pages), PAE, or 4-level long mode. Returns -1 where the guest
 * itself would fault.
 */
int
pagewalk(Paging *pg, uvlong va, uvlong *pa)
{
	uvlong e, table, mask;
	int level, shift;

	if((pg->cr0 & Cr0pg) == 0){
		*pa = va;
		return 0;
	}
	if((pg->cr4 & Cr4pae) == 0){
		va &= 0xffffffff;
		if(entry(pg->cr3 & ~0xfffULL & 0xffffffff, va >> 22, 4, &e) < 0)
			return -1;
		if((e & Ptbig) && (pg->cr4 & Cr4pse)){
			*pa = (e & 0xffc00000) | (va & 0x3fffff);
			return 0;
		}
		if(entry(e & 0xfffff000, va >> 12 & 0x3ff, 4, &e) < 0)
			return -1;
		*pa = (e & 0xfffff000) | (va & 0xfff);
		return 0;
	}
	mask = 0x000ffffffffff000ULL;
	if(pg->efer & Eferlma){
		level = 4;
		table = pg->cr3 & mask;
	}else{
		va &= 0xffffffff;
		if(entry(pg->cr3 & 0xffffffe0, va >> 30, 8, &e) < 0)
			return -1;
		level = 2;
		table = e & mask;
	}
	for(; level > 0; level--){
		shift = 12 + 9*(level-1);
		if(entry(table, va >> shift & 0x1ff, 8, &e) < 0)
			return -1;
		if(level > 1 && level < 4 && (e & Ptbig)){
			*pa = (e & mask & ~((1ULL<<shift) - 1)) | (va & ((1ULL<<shift) - 1));
			return 0;
		}
		table = e & mask;
	}
	*pa = table | (va & 0xfff);
	return 0;
}
