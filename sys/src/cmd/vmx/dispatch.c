/*
 * Routing of guest port and MMIO accesses to the emulated devices.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

static Iodev *devs[Nspace];

u64int
sizemask(int size)
{
	return size >= 8 ? ~0ULL : (1ULL << 8*size) - 1;
}

/* A device already listed stays where it is, so that a device's init can run again as its reset. */
void
ioregister(int space, Iodev *d)
{
	Iodev *p;

	for(p = devs[space]; p != nil; p = p->next)
		if(p == d)
			return;
	d->next = devs[space];
	devs[space] = d;
}

/*
 * Returns -1 if no device claims the address; reads there see all
 * ones, as on a bus nobody drives.
 */
int
iodispatch(int space, int write, uvlong addr, int size, u64int *val)
{
	Iodev *d;
	u64int mask;

	mask = sizemask(size);
	for(d = devs[space]; d != nil; d = d->next){
		if(addr < d->base || addr - d->base >= d->len)
			continue;
		if(write)
			d->write(d, addr, size, *val & mask);
		else
			*val = d->read(d, addr, size) & mask;
		return 0;
	}
	if(!write)
		*val = mask;
	return -1;
}
