/*
 * The legacy 8259 pair: moved out of the exception vectors and masked,
 * for interrupts come through the I/O APIC.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"

void
i8259disable(void)
{
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, Virqbase);
	outb(0xa1, Virqbase+8);
	outb(0x21, 1<<2);
	outb(0xa1, 2);
	outb(0x21, 0x01);
	outb(0xa1, 0x01);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}
