/*
 * Routing of guest port and MMIO accesses to the emulated devices.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

static Iodev *iodevs;
static Mmiodev *mmiodevs;

static u64int
sizemask(int size)
{
	if(size >= 8)
		return ~0ULL;
	return (1ULL << 8*size) - 1;
}

void
ioregister(Iodev *d)
{
	d->next = iodevs;
	iodevs = d;
}

/*
 * Returns -1 if no device claims the port; reads of such ports
 * see all ones, as on a bus nobody drives.
 */
int
iodispatch(int write, u16int port, int size, u32int *val)
{
	Iodev *d;
	u32int mask;

	mask = sizemask(size);
	for(d = iodevs; d != nil; d = d->next){
		if(port < d->lo || port > d->hi)
			continue;
		if(write)
			d->out(d, port, size, *val & mask);
		else
			*val = d->in(d, port, size) & mask;
		return 0;
	}
	if(!write)
		*val = mask;
	return -1;
}

void
mmioregister(Mmiodev *d)
{
	d->next = mmiodevs;
	mmiodevs = d;
}

int
mmiodispatch(int write, uvlong addr, int size, u64int *val)
{
	Mmiodev *d;
	u64int mask;

	mask = sizemask(size);
	for(d = mmiodevs; d != nil; d = d->next){
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
