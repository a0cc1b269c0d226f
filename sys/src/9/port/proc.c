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
	Proc	*dead;		/* off the processor, to be recycled */
	Proc	*free;		/* for reuse: #p may still look at a dead one */
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
	wakeidle();
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

/*
 * A dead process's memory goes, but the Proc and its kernel stack are
 * kept for the next newproc: a reader of #p that found it by pid reads
 * stale fields, never freed memory.
 */
static void
recycle(Proc *p)
{
	mmurelease(p);
	free(p->fpsave);
	p->fpsave = nil;
	p->pid = 0;
	lock(&procs);
	p->next = procs.free;
	procs.free = p;
	unlock(&procs);
}

static void
reapdead(void)
{
	Proc *p;

	lock(&procs);
	while((p = procs.dead) != nil){
		procs.dead = p->next;
		unlock(&procs);
		recycle(p);
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
		/*
		 * Off p's stack now. Its page tables go too, as it may
		 * run elsewhere, change them and even free them. Until
		 * p->mach is cleared no other processor takes p: only
		 * Running and Moribund are p's own to act on; others may
		 * have readied it already.
		 */
		mmukernel();
		m->proc = nil;
		switch(p->state){
		case Running:
			ready(p);
			break;
		case Moribund:
			p->state = Dead;
			coherence();
			p->mach = nil;
			lock(&procs);
			p->next = procs.dead;
			procs.dead = p;
			unlock(&procs);
			p = nil;
			break;
		}
		if(p != nil){
			coherence();
			p->mach = nil;
		}
	}
	/* free the dead now: a busy machine may not go idle for a long time */
	reapdead();
	for(;;){
		p = dequeue();
		if(p != nil)
			break;
		/* ready sees idle set, or this sees what it queued */
		m->idle = 1;
		coherence();
		if(!anyready())
			idlehands();
		m->idle = 0;
	}
	p->state = Running;
	p->mach = m;
	p->quantum = Quantum;
	m->proc = p;
	m->cs++;
	coherence();
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
	char *kstack;

	lock(&procs);
	p = procs.free;
	if(p != nil)
		procs.free = p->next;
	unlock(&procs);
	if(p != nil)
		kstack = p->kstack;
	else{
		p = malloc(sizeof *p);
		kstack = pagealloc(KSTACK);
		if(p == nil || kstack == nil)
			panic("newproc: out of memory");
	}
	memset(p, 0, sizeof *p);
	p->kstack = kstack;
	p->errstr = p->errbuf0;
	p->syserrstr = p->errbuf1;
	p->user = eve;
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

/* The live process pid, or nil; procs is held. */
static Proc*
pidproc(int pid)
{
	Proc *p;

	for(p = procs.all; p != nil; p = p->next)
		if(p->pid == pid)
			break;
	return p;
}

Proc*
proclookup(int pid)
{
	Proc *p;

	lock(&procs);
	p = pidproc(pid);
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
	procsetup(p);
	p->sched.pc = (uintptr)kprocstart;
	ready(p);
}

/*
 * The groups of a new process p (or of up itself, when p == from)
 * per the rfork flags: shared, copied, or fresh.
 */
void
forkgroups(Proc *p, Proc *from, int flag)
{
	Fgrp *f;
	Pgrp *pg;
	Egrp *eg;

	if(flag & RFFDG)
		f = dupfgrp(from->fgrp);
	else if(flag & RFCFDG)
		f = newfgrp();
	else{
		f = from->fgrp;
		incref(f);
	}
	if(flag & RFNAMEG)
		pg = dupnsgrp(from->pgrp);
	else if(flag & RFCNAMEG)
		pg = newpgrp();
	else{
		pg = from->pgrp;
		incref(pg);
	}
	if(flag & RFNOMNT)
		pg->noattach = 1;
	if(flag & RFENVG)
		eg = dupegrp(from->egrp);
	else if(flag & RFCENVG)
		eg = newegrp();
	else{
		eg = from->egrp;
		incref(eg);
	}
	qlock(&p->debug);
	if(p == from){
		closefgrp(p->fgrp);
		closepgrp(p->pgrp);
		closeegrp(p->egrp);
		if(flag & RFNOTEG)
			p->noteid = p->pid;
	}else{
		incref(from->slash);
		p->slash = from->slash;
		incref(from->dot);
		p->dot = from->dot;
	}
	p->fgrp = f;
	p->pgrp = pg;
	p->egrp = eg;
	qunlock(&p->debug);
}

/* Let go of everything a process holds: files, name space, memory. */
static void
procrelease(Proc *p)
{
	int i;

	qlock(&p->debug);
	closefgrp(p->fgrp);
	p->fgrp = nil;
	closepgrp(p->pgrp);
	p->pgrp = nil;
	closeegrp(p->egrp);
	p->egrp = nil;
	cclose(p->dot);
	p->dot = nil;
	cclose(p->slash);
	p->slash = nil;
	/* #p may be looking at them from another processor */
	qlock(&p->seglock);
	for(i = 0; i < NSEG; i++){
		putseg(p->seg[i]);
		p->seg[i] = nil;
	}
	qunlock(&p->seglock);
	free(p->args);
	p->args = nil;
	qunlock(&p->debug);
}

/* Undo a process that never ran. */
void
procfree(Proc *p)
{
	unlinkproc(p);
	procrelease(p);
	recycle(p);
}

/*
 * Hand the exit message to the parent, if it is still there and
 * waiting for its children.
 */
static void
tellparent(Proc *p, char *why)
{
	Proc *pp;
	Waitq *w, **l;

	if(p->ppid == 0)
		return;
	w = malloc(sizeof *w);
	if(w == nil)
		return;
	memset(w, 0, sizeof *w);
	w->w.pid = p->pid;
	w->w.time[2] = (nsec() - p->startns)/1000000;
	kstrcpy(w->msg, why, ERRMAX);
	lock(&procs);
	pp = pidproc(p->ppid);
	if(pp == nil){
		unlock(&procs);
		free(w);
		return;
	}
	lock(&pp->exl);
	for(l = &pp->waitq; *l != nil; l = &(*l)->next)
		;
	*l = w;
	pp->nchild--;
	pp->nwait++;
	unlock(&pp->exl);
	wakeup(&pp->waitr);
	unlock(&procs);
}

void
pexit(char *why, int freemem)
{
	USED(freemem);
	timerdel(&up->alarm);
	timerdel(&up->timer);
	procrelease(up);
	if(!up->kp)
		tellparent(up, why);
	unlinkproc(up);
	up->state = Moribund;
	sched();
	panic("pexit: dead process ran");
}

/*
 * Queue a note for p and wake it if it sleeps, so the system call
 * it is in returns with "interrupted".
 */
int
postnote(Proc *p, int dolock, char *msg, int flag)
{
	Rendez *r;
	uintptr s;

	USED(dolock);
	/* sleep takes the Rendez before rlock, so only try it here */
	for(;;){
		s = splhi();
		lock(&p->rlock);
		r = p->r;
		if(r == nil || canlock(r))
			break;
		unlock(&p->rlock);
		splx(s);
	}
	if(p->nnote < NNOTE && !p->kp){
		kstrcpy(p->note[p->nnote].msg, msg, ERRMAX);
		p->note[p->nnote].flag = flag;
		p->nnote++;
		p->notepending = 1;
	}
	if(r != nil){
		if(p->state == Wakeme && r->p == p){
			r->p = nil;
			p->r = nil;
			ready(p);
		}
		unlock(r);
	}
	unlock(&p->rlock);
	splx(s);
	return 1;
}

/* Post msg to every user process in note group noteid; procs is held. */
static void
notegroup(int noteid, char *msg, int flag)
{
	Proc *p;

	for(p = procs.all; p != nil; p = p->next)
		if(p->noteid == noteid && !p->kp)
			postnote(p, 0, msg, flag);
}

void
postnotepg(int noteid, char *msg, int flag)
{
	lock(&procs);
	notegroup(noteid, msg, flag);
	unlock(&procs);
}

/*
 * Post msg to process pid, or to its whole note group; 0 if pid is
 * gone. Looked up and posted under the lock: a Proc found earlier may
 * since have died and been taken by newproc for another process.
 */
int
postnotepid(int pid, char *msg, int flag, int group)
{
	Proc *p;

	lock(&procs);
	p = pidproc(pid);
	if(p != nil){
		if(group)
			notegroup(p->noteid, msg, flag);
		else
			postnote(p, 0, msg, flag);
	}
	unlock(&procs);
	return p != nil;
}

/*
 * sleep until f(arg) is true; wakeup(r) makes the sleeper look again,
 * so sleep returns only when f said so (or with an error for a note).
 * The Rendez lock and the process's rlock close the race between the
 * test and going to sleep.
 */
void
sleep(Rendez *r, int (*f)(void*), void *arg)
{
	uintptr s;

	s = splhi();
	for(;;){
		lock(r);
		lock(&up->rlock);
		if(r->p != nil && r->p != up)
			panic("double sleep on %#p: %d and %d", r, r->p->pid, up->pid);
		if(up->notepending || f(arg)){
			r->p = nil;
			unlock(&up->rlock);
			unlock(r);
			break;
		}
		/* a wakeup meant for an earlier sleep may come late: look again then */
		r->p = up;
		up->r = r;
		up->state = Wakeme;
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

/*
 * Every mapping of s goes, the caller's at once, others' before they
 * next run or, for those running elsewhere now, before this returns.
 * The caller holds s, so that no fault maps it again meanwhile.
 */
void
procflushseg(Segment *s)
{
	Proc *p;
	int i;

	lock(&procs);
	for(p = procs.all; p != nil; p = p->next){
		if(p == up || p->pml4 == nil)
			continue;
		for(i = 0; i < NSEG; i++)
			if(p->seg[i] == s){
				p->newtlb = 1;
				break;
			}
	}
	unlock(&procs);
	mmuflushuser(up);
	mmuflushothers();
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
