/*
 * The PC memory layout, the one place that decides it: RAM from 0
 * up to the PCI hole at 3.5G, the rest of RAM from 4G. The map the
 * loaders hand to guests, the EPT map, the CMOS sizes and the
 * monitor's view of guest RAM all come from here.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Kb	= 1024,
	Lowtop	= 640*Kb,	/* conventional memory ends, the legacy hole begins */
};

/* How much of size bytes of RAM lies below the PCI hole and how much above 4G. */
void
memsplit(uvlong size, uvlong *below, uvlong *above)
{
	*below = size < Pcihole ? size : Pcihole;
	*above = size - *below;
}

/*
 * RAM below 640K, a hole to 1M, RAM from 1M to the PCI hole, the hole
 * to 4G and RAM from there. Returns the number of ranges, or -1 if
 * max is too small.
 */
int
pcmemmap(Memrange *map, int max, uvlong ramsize)
{
	Memrange r[5];
	uvlong below, above;
	int n;

	memsplit(ramsize, &below, &above);
	n = 0;
	r[n++] = (Memrange){0, below < Lowtop ? below : Lowtop, Memram};
	r[n++] = (Memrange){Lowtop, Uppermem-Lowtop, Memreserved};
	if(below > Uppermem)
		r[n++] = (Memrange){Uppermem, below - Uppermem, Memram};
	if(above > 0){
		r[n++] = (Memrange){below, Fourg-below, Memreserved};
		r[n++] = (Memrange){Fourg, above, Memram};
	}
	if(n > max)
		return -1;
	memmove(map, r, n*sizeof r[0]);
	return n;
}
