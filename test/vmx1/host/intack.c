/* For the tests of the interrupt controllers. */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

/*
 * The interrupt acknowledge a vCPU's loop makes when the guest takes
 * what it posted (cpus.c): the local APIC's next vector, or the
 * 8259's through LINT0; -1 if none.
 */
int
takeintr(int cpu)
{
	int v;

	if((v = lapicnext(cpu)) >= 0)
		lapicack(cpu, v);
	else if(lapicextint(cpu) && i8259pending())
		v = i8259ack();
	return v;
}
