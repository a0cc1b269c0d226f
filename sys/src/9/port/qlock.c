/*
 * Sleeping locks: a process that cannot have the lock queues on it and
 * gives up the processor until unlock hands the lock over.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

void
qlock(QLock *q)
{
	Proc *p;

	if(m->ilockdepth != 0)
		panic("qlock with ilock held, pc %#p", getcallerpc());
	if(up == nil)
		panic("qlock without a process, pc %#p", getcallerpc());
	lock(&q->use);
	if(!q->locked){
		q->locked = 1;
		q->qpc = getcallerpc();
		unlock(&q->use);
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
	if(!canlock(&q->use))
		return 0;
	if(q->locked){
		unlock(&q->use);
		return 0;
	}
	q->locked = 1;
	q->qpc = getcallerpc();
	unlock(&q->use);
	return 1;
}

void
qunlock(QLock *q)
{
	Proc *p;

	lock(&q->use);
	if(!q->locked)
		iprint("qunlock called with qlock not held, from %#p\n", getcallerpc());
	p = q->head;
	if(p != nil){
		/* the lock passes straight to the first waiter */
		q->head = p->qnext;
		if(q->head == nil)
			q->tail = nil;
		unlock(&q->use);
		ready(p);
		return;
	}
	q->locked = 0;
	unlock(&q->use);
}
