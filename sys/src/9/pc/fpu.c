/*
 * The FPU and SSE state of user processes, saved and restored with
 * each switch (the kernel itself never uses those registers).
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"

enum { Fpsize = 512 };		/* the FXSAVE area */

static uchar fpinitial[Fpsize] __attribute__((aligned(16)));

static void
fxsave(uchar *a)
{
	asm volatile("fxsave64 (%0)" : : "r"(a) : "memory");
}

static void
fxrstor(uchar *a)
{
	asm volatile("fxrstor64 (%0)" : : "r"(a) : "memory");
}

void
fpuinit(void)
{
	u32int mxcsr;

	putcr0((getcr0() & ~(CR0EM|CR0TS)) | CR0MP | CR0NE);
	putcr4(getcr4() | CR4OSFXSR | CR4OSXMMEXCPT);
	mxcsr = 0x1f80;		/* all exceptions masked, round to nearest */
	asm volatile("fninit; ldmxcsr %0" : : "m"(mxcsr));
	if(m->machno == 0)
		fxsave(fpinitial);
}

/* A process's first state, as after reset. */
void
fpreset(Proc *p)
{
	if(p->fpsave == nil)
		p->fpsave = smalloc(Fpsize);
	memmove(p->fpsave, fpinitial, Fpsize);
	if(p == up)
		fxrstor(p->fpsave);
}

void
fpfork(Proc *child, Proc *parent)
{
	if(parent->fpsave == nil)
		return;
	fxsave(parent->fpsave);
	child->fpsave = smalloc(Fpsize);
	memmove(child->fpsave, parent->fpsave, Fpsize);
}

void
procsave(Proc *p)
{
	if(p->fpsave != nil)
		fxsave(p->fpsave);
}

void
procrestore(Proc *p)
{
	if(p->fpsave != nil)
		fxrstor(p->fpsave);
}
