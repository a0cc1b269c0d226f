#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

enum {
	Ramsize	= 8<<20,
	P	= 1,	/* present */
	W	= 2,
	Big	= 1<<7,
};

static uchar *ram;

static void
pte32(uvlong table, int i, u32int v)
{
	memcpy(ram + table + 4*i, &v, 4);	/* the host is little-endian too */
}

static void
pte64(uvlong table, int i, u64int v)
{
	memcpy(ram + table + 8*i, &v, 8);
}

static int
walk(Paging *pg, uvlong va, uvlong want)
{
	uvlong pa;

	return pagewalk(pg, va, &pa) == 0 && pa == want;
}

int
main(void)
{
	Paging pg;
	uvlong pa;

	ram = calloc(1, Ramsize);
	raminit(ram, Ramsize);

	check("memptr-low", memptr(0x1000, 16) == ram + 0x1000, "wrong pointer");
	check("memptr-end", memptr(Ramsize - 4, 4) == ram + Ramsize - 4 && memptr(Ramsize - 4, 8) == nil,
		"bounds");
	check("memptr-hole", memptr(0xfee00000, 4) == nil && memptr(0x100000000ULL, 4) == nil,
		"MMIO or absent RAM above 4G resolved");

	memset(&pg, 0, sizeof pg);
	check("walk-nopaging", walk(&pg, 0x123456, 0x123456), "not identity");

	/* 32-bit: PD at 0x10000, one PT at 0x11000 mapping va 0x400000 to 0x200000; a 4M page */
	pg.cr0 = 1u<<31 | 1;
	pg.cr3 = 0x10000;
	pte32(0x10000, 1, 0x11000 | P|W);
	pte32(0x11000, 0, 0x200000 | P|W);
	pte32(0x10000, 2, 0x400000 | P|W|Big);
	check("walk-32", walk(&pg, 0x400123, 0x200123), "4K page");
	check("walk-32-nopse", !walk(&pg, 0x800010, 0x400010), "4M page without PSE");
	pg.cr4 = 1<<4;
	check("walk-32-pse", walk(&pg, 0x800010, 0x400010), "4M page");
	check("walk-32-absent", pagewalk(&pg, 0xc00000, &pa) < 0, "absent PDE translated");

	/* PAE: PDPT at 0x20000, PD at 0x21000 with a 2M page and a PT at 0x22000 */
	pg.cr4 = 1<<5;
	pg.cr3 = 0x20000;
	pte64(0x20000, 0, 0x21000 | P);
	pte64(0x21000, 0, 0x22000 | P|W);
	pte64(0x22000, 5, 0x300000 | P|W);
	pte64(0x21000, 1, 0x600000 | P|W|Big);
	check("walk-pae", walk(&pg, 0x5abc, 0x300abc), "4K page");
	check("walk-pae-2m", walk(&pg, 0x212345, 0x612345), "2M page");

	/* long mode: PML4 0x30000, PDPT 0x31000, PD 0x32000, PT 0x33000; va in the upper half */
	pg.efer = 1<<10 | 1<<8;
	pg.cr3 = 0x30000;
	pte64(0x30000, 511, 0x31000 | P|W);
	pte64(0x31000, 510, 0x32000 | P|W);
	pte64(0x32000, 0, 0x33000 | P|W);
	pte64(0x33000, 1, 0x700000 | P|W);
	pte64(0x32000, 3, 0x400000 | P|W|Big);
	check("walk-long", walk(&pg, 0xffffffff80001234ULL, 0x700234), "4K page");
	check("walk-long-2m", walk(&pg, 0xffffffff80654321ULL, 0x454321), "2M page");
	check("walk-long-absent", pagewalk(&pg, 0x1000, &pa) < 0, "absent PML4E translated");
	pte64(0x30000, 0, 0x7ff000 | P);	/* a table outside RAM must not be followed */
	check("walk-long-outside", pagewalk(&pg, 0x1000, &pa) < 0, "table outside RAM");
	return checkstatus();
}
