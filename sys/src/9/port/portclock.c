/*
 * Timers: functions to run at a time given in nsec(), from the clock
 * interrupt of one processor.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

static struct {
	Lock;
	Timer	*head;		/* sorted by when */
	Timer	*running;	/* its function is being called */
	Mach	*runner;	/* by this processor */
} timers;

static void
unlinktimer(Timer *t)
{
	Timer **l;

	for(l = &timers.head; *l != nil; l = &(*l)->next)
		if(*l == t){
			*l = t->next;
			break;
		}
	t->active = 0;
}

void
timeradd(Timer *t)
{
	Timer **l;

	ilock(&timers);
	if(t->active)
		unlinktimer(t);
	for(l = &timers.head; *l != nil && (*l)->when <= t->when; l = &(*l)->next)
		;
	t->next = *l;
	*l = t;
	t->active = 1;
	iunlock(&timers);
}

/*
 * When this returns, t's function is not running either, unless it
 * is the caller: what it was given may go.
 */
void
timerdel(Timer *t)
{
	ilock(&timers);
	if(t->active)
		unlinktimer(t);
	while(timers.running == t && timers.runner != m){
		iunlock(&timers);
		pause();
		ilock(&timers);
	}
	iunlock(&timers);
}

/* Run the timers that are due; called by the clock interrupt. */
void
timersrun(void)
{
	Timer *t;
	vlong now;

	now = nsec();
	ilock(&timers);
	timers.runner = m;
	while((t = timers.head) != nil && t->when <= now){
		timers.head = t->next;
		t->active = 0;
		timers.running = t;
		iunlock(&timers);
		t->f(t);
		ilock(&timers);
		timers.running = nil;
	}
	iunlock(&timers);
}
