#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

vlong fakenow;
uvlong faketsc;
int nresets;
Conf conf;
int nexits;
u32int exitstatus;

vlong
now(void)
{
	return fakenow;
}

uvlong
hosttsc(void)
{
	return faketsc;
}

uvlong
tschz(void)
{
	return Faketschz;
}

void
guestreset(void)
{
	nresets++;
}

void
guestexit(u32int status)
{
	nexits++;
	exitstatus = status;
}

/* Moves the fake clock forward, firing the device timers on the way. */
void
advance(vlong ns)
{
	vlong end, next;

	end = fakenow + ns;
	while((next = timerpoll(fakenow)) >= 0 && next <= end)
		fakenow = next;
	fakenow = end;
	timerpoll(fakenow);
}

/* Port access through the shared dispatch, as the monitor does it. */
void
outp(u16int port, int size, u32int v)
{
	u64int x;

	x = v;
	iodispatch(Ioport, 1, port, size, &x);
}

u32int
inp(u16int port, int size)
{
	u64int v;

	iodispatch(Ioport, 0, port, size, &v);
	return v;
}

/* 32-bit MMIO through the shared dispatch. */
void
mmiow(uvlong addr, u32int v)
{
	u64int x;

	x = v;
	iodispatch(Iomem, 1, addr, 4, &x);
}

u32int
mmior(uvlong addr)
{
	u64int x;

	iodispatch(Iomem, 0, addr, 4, &x);
	return x;
}

void
outb(u16int port, u32int v)
{
	outp(port, 1, v);
}

u32int
inb(u16int port)
{
	return inp(port, 1);
}
