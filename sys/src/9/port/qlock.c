/*
 * Sleeping locks: a process that cannot have the lock queues on it and
 * gives up the processor until unlock hands the lock over.
 *
 * locked says Qfree, Qheld, or Qcontended (held, and someone may be
 * queued). Taking a free lock and releasing one nobody waits for are
 * single atomic instructions; only contention takes the spin lock use,
 * which guards the queue. A waiter marks the lock Qcontended under use
 * before it queues, so a release that finds Qheld has nobody to wake.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum { Qfree, Qheld, Qcontended };

static int
take(QLock *q, int from, int to)
{
	return __atomic_compare_exchange_n(&q->locked, &from, to, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void
qlock(QLock *q)
{
	Proc *p;

	if(m->ilockdepth != 0)
		panic("qlock with ilock held, pc %#p", getcallerpc());
	if(up == nil)
		panic("qlock without a process, pc %#p", getcallerpc());
	if(take(q, Qfree, Qheld)){
		q->qpc = getcallerpc();
		return;
	}
	lock(&q->use);
	if(__atomic_exchange_n(&q->locked, Qcontended, __ATOMIC_ACQUIRE) == Qfree){
		/* freed meanwhile: ours, marked contended to be safe */
		unlock(&q->use);
		q->qpc = getcallerpc();
		return;
	}
	p = q->tail;
	if(p == nil)
		q->head = up;
	else
		p->qnext = up;
	q->tail = up;
	up->qnext = nil;
	up->state = Queueing;
	unlock(&q->use);
	sched();
	q->qpc = getcallerpc();
}

int
canqlock(QLock *q)
{
	if(!take(q, Qfree, Qheld))
		return 0;
	q->qpc = getcallerpc();
	return 1;
}

/* Whether someone may be queued for q: a hint, for a holder that would yield. */
int
qlockwanted(QLock *q)
{
	return __atomic_load_n(&q->locked, __ATOMIC_RELAXED) == Qcontended;
}

void
qunlock(QLock *q)
{
	Proc *p;

	if(__atomic_load_n(&q->locked, __ATOMIC_RELAXED) == Qfree){
		iprint("qunlock called with qlock not held, from %#p\n", getcallerpc());
		return;
	}
	if(take(q, Qheld, Qfree))
		return;
	lock(&q->use);
	p = q->head;
	if(p != nil){
		/* the lock passes straight to the first waiter */
		q->head = p->qnext;
		if(q->head == nil)
			q->tail = nil;
		__atomic_store_n(&q->locked, q->head != nil ? Qcontended : Qheld, __ATOMIC_RELEASE);
		unlock(&q->use);
		ready(p);
		return;
	}
	__atomic_store_n(&q->locked, Qfree, __ATOMIC_RELEASE);
	unlock(&q->use);
}
