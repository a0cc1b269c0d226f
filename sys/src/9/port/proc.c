/*
 * Processes: the run queue, the scheduler that each processor runs on
 * its own stack, sleep and wakeup, kernel processes, and error().
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum { Quantum = 5 };	/* clock ticks before a process is preempted */

char *statename[] = {
[Dead]		"Dead",
[Moribund]	"Moribund",
[Ready]		"Ready",
[Running]	"Running",
[Queueing]	"Queueing",
[Wakeme]	"Wakeme",
[Broken]	"Broken",
[Stopped]	"Stopped",
};

static struct {
	Lock;
	Proc	*head;
	Proc	*tail;
	int	n;
} runq;

static struct {
	Lock;
	Proc	*all;		/* every live process */
	int	nextpid;
	Proc	*dead;		/* waiting for their stacks to be freed */
} procs;

int
anyready(void)
{
	return runq.n > 0;
}

void
ready(Proc *p)
{
	uintptr s;

	s = splhi();
	lock(&runq);
	p->state = Ready;
	p->rnext = nil;
	if(runq.tail != nil)
		runq.tail->rnext = p;
	else
		runq.head = p;
	runq.tail = p;
	runq.n++;
	unlock(&runq);
	splx(s);
}

/*
 * The first runnable process that has left its last processor; one
 * still switching away on another processor is not ready to run yet.
 */
static Proc*
dequeue(void)
{
	Proc *p, *prev;

	lock(&runq);
	prev = nil;
	for(p = runq.head; p != nil; prev = p, p = p->rnext){
		if(p->mach != nil)
			continue;
		if(prev != nil)
			prev->rnext = p->rnext;
		else
			runq.head = p->rnext;
		if(runq.tail == p)
			runq.tail = prev;
		runq.n--;
		break;
	}
	unlock(&runq);
	return p;
}

static void
reapdead(void)
{
	Proc *p;

	lock(&procs);
	while((p = procs.dead) != nil){
		procs.dead = p->next;
		unlock(&procs);
		pagefree(p->kstack, KSTACK);
		free(p);
		lock(&procs);
	}
	unlock(&procs);
}

/*
 * Each processor ends up here, on its own stack, between processes.
 */
void
schedinit(void)
{
	Proc *p;

	setlabel(&m->sched);
	splhi();
	p = up;
	if(p != nil){
		m->proc = nil;
		coherence();
		p->mach = nil;
		switch(p->state){
		case Running:
			ready(p);
			break;
		case Moribund:
			p->state = Dead;
			lock(&procs);
			p->next = procs.dead;
			procs.dead = p;
			unlock(&procs);
			break;
		}
	}
	for(;;){
		p = dequeue();
		if(p != nil)
			break;
		reapdead();
		idlehands();
	}
	p->state = Running;
	p->mach = m;
	p->quantum = Quantum;
	m->proc = p;
	mmuswitch(p);
	gotolabel(&p->sched);
}

/*
 * Give up the processor. The caller has set up->state; Running means
 * the process goes back on the run queue.
 */
void
sched(void)
{
	uintptr s;

	if(up == nil)
		panic("sched without a process");
	if(m->ilockdepth != 0)
		panic("sched with ilock held: ilockdepth %d pc %#p", m->ilockdepth, getcallerpc());
	if(up->nlocks != 0 && up->state != Moribund){
		/* finish the critical section first; unlock reschedules */
		up->delaysched = 1;
		return;
	}
	s = splhi();
	procsave(up);
	if(setlabel(&up->sched) == 0)
		gotolabel(&m->sched);
	procrestore(up);
	splx(s);
}

void
yield(void)
{
	if(anyready())
		sched();
}

/* Called at each clock tick on the processor running up. */
void
preempt(void)
{
	if(up == nil || up->state != Running)
		return;
	if(up->quantum > 0)
		up->quantum--;
	if(up->quantum == 0 && anyready())
		sched();
}

Proc*
newproc(void)
{
	Proc *p;

	p = malloc(sizeof *p);
	if(p == nil)
		panic("newproc: out of memory");
	memset(p, 0, sizeof *p);
	p->kstack = pagealloc(KSTACK);
	if(p->kstack == nil)
		panic("newproc: no kernel stack");
	p->errstr = p->errbuf0;
	p->syserrstr = p->errbuf1;
	p->user = eve;
	p->psstate = "New";
	lock(&procs);
	p->pid = ++procs.nextpid;
	p->next = procs.all;
	procs.all = p;
	unlock(&procs);
	return p;
}

/* Take p off the list of live processes before it dies. */
static void
unlinkproc(Proc *p)
{
	Proc **l;

	lock(&procs);
	for(l = &procs.all; *l != nil; l = &(*l)->next)
		if(*l == p){
			*l = p->next;
			break;
		}
	unlock(&procs);
}

Proc*
proclookup(int pid)
{
	Proc *p;

	lock(&procs);
	for(p = procs.all; p != nil; p = p->next)
		if(p->pid == pid)
			break;
	unlock(&procs);
	return p;
}

/* The i'th live process, or nil past the end: for listing #p. */
Proc*
procindex(int i)
{
	Proc *p;

	lock(&procs);
	for(p = procs.all; p != nil && i > 0; p = p->next)
		i--;
	unlock(&procs);
	return p;
}

static void
kprocstart(void)
{
	spllo();
	up->kpfun(up->kparg);
	pexit("kproc returned", 1);
}

void
kproc(char *name, void (*f)(void*), void *arg)
{
	Proc *p;

	p = newproc();
	p->kp = 1;
	p->kpfun = f;
	p->kparg = arg;
	strecpy(p->text, p->text+sizeof p->text, name);
	p->psstate = nil;
	procsetup(p);
	/* gotolabel behaves as a call: the stack is 8 short of 16-aligned */
	p->sched.sp = (uintptr)p->kstack + KSTACK - 8;
	p->sched.pc = (uintptr)kprocstart;
	ready(p);
}

void
pexit(char *why, int freemem)
{
	USED(why);
	USED(freemem);
	unlinkproc(up);
	up->state = Moribund;
	sched();
	panic("pexit: dead process ran");
}

/*
 * sleep until f(arg) is true; wakeup(r) makes the sleeper look again.
 * The Rendez lock and the process's rlock close the race between the
 * test and going to sleep.
 */
void
sleep(Rendez *r, int (*f)(void*), void *arg)
{
	uintptr s;

	s = splhi();
	lock(r);
	lock(&up->rlock);
	if(r->p != nil && r->p != up)
		panic("double sleep on %#p: %d and %d", r, r->p->pid, up->pid);
	if(up->notepending || f(arg)){
		r->p = nil;
		unlock(&up->rlock);
		unlock(r);
	}else{
		r->p = up;
		up->r = r;
		up->state = Wakeme;
		up->psstate = up->psstate ? up->psstate : "Sleep";
		procsave(up);
		if(setlabel(&up->sched) == 0){
			/* wakeup may run on another processor once these go */
			unlock(&up->rlock);
			unlock(r);
			gotolabel(&m->sched);
		}
		procrestore(up);
	}
	splx(s);
	if(up->notepending){
		up->notepending = 0;
		error(Eintr);
	}
}

Proc*
wakeup(Rendez *r)
{
	Proc *p;
	uintptr s;

	s = splhi();
	lock(r);
	p = r->p;
	if(p != nil){
		lock(&p->rlock);
		if(p->state != Wakeme || p->r != r){
			iprint("wakeup: state %d r %#p p->r %#p\n", p->state, r, p->r);
			panic("wakeup: inconsistent");
		}
		r->p = nil;
		p->r = nil;
		ready(p);
		unlock(&p->rlock);
	}
	unlock(r);
	splx(s);
	return p;
}

int
return0(void*)
{
	return 0;
}

static int
tfn(void *arg)
{
	return up->trend == nil || up->tfn(arg);
}

static void
twakeup(Timer *t)
{
	Proc *p;
	Rendez *trend;

	p = t->arg;
	trend = p->trend;
	p->trend = nil;
	if(trend != nil)
		wakeup(trend);
}

void
tsleep(Rendez *r, int (*fn)(void*), void *arg, ulong ms)
{
	if(up->timer.active)
		timerdel(&up->timer);
	up->timer.when = nsec() + (vlong)ms*1000000;
	up->timer.f = twakeup;
	up->timer.arg = up;
	up->trend = r;
	up->tfn = fn;
	timeradd(&up->timer);
	if(waserror()){
		up->trend = nil;
		timerdel(&up->timer);
		nexterror();
	}
	sleep(r, tfn, arg);
	up->trend = nil;
	timerdel(&up->timer);
	poperror();
}

/*
 * Errors: the message goes to up->errstr and control to the most
 * recent waserror().
 */
void
error(char *err)
{
	if(up == nil)
		panic("error: %s", err);
	if(up->nerrlab <= 0)
		panic("error with no waserror: %s pc %#p", err, getcallerpc());
	if(err != up->errstr)
		kstrcpy(up->errstr, err, ERRMAX);
	nexterror();
}

void
nexterror(void)
{
	if(up->nerrlab <= 0)
		panic("nexterror with no waserror: %s", up->errstr);
	gotolabel(&up->errlab[--up->nerrlab]);
}

void
exhausted(char *resource)
{
	char buf[ERRMAX];

	snprint(buf, sizeof buf, "no free %s", resource);
	iprint("%s\n", buf);
	error(buf);
}
