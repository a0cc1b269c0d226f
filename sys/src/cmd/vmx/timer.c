/*
 * Device timers on the monitor's clock, kept in deadline order.
 * The monitor calls timerpoll whenever the guest exits and uses
 * the returned deadline to bound how long the guest may run.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

static Timer *timers;

void
timerstop(Timer *t)
{
	Timer **l;

	if(!t->armed)
		return;
	for(l = &timers; *l != nil; l = &(*l)->next)
		if(*l == t){
			*l = t->next;
			break;
		}
	t->armed = 0;
}

void
timerset(Timer *t, vlong when)
{
	Timer **l;

	timerstop(t);
	t->when = when;
	for(l = &timers; *l != nil && (*l)->when <= when; l = &(*l)->next)
		;
	t->next = *l;
	*l = t;
	t->armed = 1;
}

/* A reset's devices start again with no timer armed. */
void
timersclear(void)
{
	Timer *t;

	for(t = timers; t != nil; t = t->next)
		t->armed = 0;
	timers = nil;
}

/* Fires the timers due at t; returns the next deadline, or -1 if none. */
vlong
timerpoll(vlong t)
{
	Timer *x;

	while((x = timers) != nil && x->when <= t){
		timers = x->next;
		x->armed = 0;
		x->fire(x);
	}
	return timers != nil ? timers->when : -1;
}

/* Whole ticks of a hz clock in ns nanoseconds; the split keeps the product from overflowing. */
vlong
nstoticks(vlong ns, vlong hz)
{
	return ns / Sec * hz + ns % Sec * hz / Sec;
}

/* The first nanosecond by which ticks ticks of a hz clock have passed. */
vlong
tickstons(vlong ticks, vlong hz)
{
	return ticks / hz * Sec + (ticks % hz * Sec + hz - 1) / hz;
}
