/*
 * Spin locks. lock may be taken with interrupts on and must then never
 * be taken by an interrupt handler; ilock also turns interrupts off on
 * this processor and is the one to share with handlers.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum { Spinlimit = 1<<28 };

static void
lockloop(Lock *l, uintptr pc)
{
	iprint("lock %#p loop key %#ux pc %#p held by pc %#p proc %d\n",
		l, l->key, pc, l->pc, l->holder ? l->holder->pid : -1);
}

static void
spin(Lock *l, uintptr pc)
{
	long n;

	n = 0;
	while(tas(&l->key) != 0){
		while(l->key != 0){
			pause();
			if(++n == Spinlimit)
				lockloop(l, pc);
		}
	}
}

void
lock(Lock *l)
{
	uintptr pc;
	Proc *p;

	pc = getcallerpc();
	p = up;
	if(p != nil)
		p->nlocks++;
	if(tas(&l->key) != 0)
		spin(l, pc);
	l->pc = pc;
	l->holder = p;
	l->mach = m;
	l->isilock = 0;
}

int
canlock(Lock *l)
{
	Proc *p;

	p = up;
	if(p != nil)
		p->nlocks++;
	if(tas(&l->key) != 0){
		if(p != nil)
			p->nlocks--;
		return 0;
	}
	l->pc = getcallerpc();
	l->holder = p;
	l->mach = m;
	l->isilock = 0;
	return 1;
}

void
unlock(Lock *l)
{
	Proc *p;

	if(l->key == 0)
		iprint("unlock of unlocked lock %#p pc %#p\n", l, getcallerpc());
	if(l->isilock)
		iprint("unlock of ilock %#p pc %#p held by %#p\n", l, getcallerpc(), l->pc);
	p = l->holder;
	l->mach = nil;
	coherence();
	l->key = 0;
	if(p != nil && p == up){
		p->nlocks--;
		if(p->delaysched && p->nlocks == 0 && islo()){
			p->delaysched = 0;
			sched();
		}
	}
}

void
ilock(Lock *l)
{
	uintptr pc, s;
	Proc *p;

	pc = getcallerpc();
	s = splhi();
	p = up;
	if(p != nil)
		p->nlocks++;
	if(tas(&l->key) != 0)
		spin(l, pc);
	m->ilockdepth++;
	l->sr = s;
	l->pc = pc;
	l->holder = p;
	l->mach = m;
	l->isilock = 1;
}

void
iunlock(Lock *l)
{
	uintptr s;
	Proc *p;

	if(l->key == 0)
		iprint("iunlock of unlocked lock %#p pc %#p\n", l, getcallerpc());
	if(!l->isilock)
		iprint("iunlock of lock %#p pc %#p held by %#p\n", l, getcallerpc(), l->pc);
	s = l->sr;
	p = l->holder;
	l->mach = nil;
	l->isilock = 0;
	coherence();
	l->key = 0;
	m->ilockdepth--;
	if(p != nil && p == up)
		p->nlocks--;
	splx(s);
}

/* Reference counts change with one atomic instruction, not a lock. */
long
incref(Ref *r)
{
	return __atomic_add_fetch(&r->ref, 1, __ATOMIC_SEQ_CST);
}

long
decref(Ref *r)
{
	long x;

	x = __atomic_sub_fetch(&r->ref, 1, __ATOMIC_SEQ_CST);
	if(x < 0)
		panic("decref pc=%#p", getcallerpc());
	return x;
}
