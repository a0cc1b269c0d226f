/*
 * The machine side of system calls, notes, fork and exec: moving
 * between the kernel and user mode through a Ureg.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"
#include "ureg.h"
#include "../../libc/9syscall/sys.h"

enum
{
	Flagsuser	= 0x200 | 0xcd5,	/* IF and the arithmetic flags, DF, TF */
	Redzone		= 128,
};

/* Make u a sane user-mode frame: user selectors, interrupts on. */
void
userregs(Ureg *u)
{
	u->cs = UESEL;
	u->ss = UDSEL;
	u->flags = (u->flags & Flagsuser & ~0x100) | 0x200;
}

/* p is up, read once: every system call comes this way. */
void
syscall(Ureg *u)
{
	uintptr arg[6], ret;
	char *e;
	Proc *p;
	int n;

	p = up;
	p->ureg = u;
	p->insyscall = 1;
	n = u->ax;
	p->syscallnr = n;
	ret = -1;
	if(!setlabel(&p->errlab[p->nerrlab++])){
		if(n < 0 || n >= Nsyscall || systab[n] == nil){
			postnote(p, 1, "sys: bad sys call", Ndebug);
			error(Ebadarg);
		}
		arg[0] = u->di;
		arg[1] = u->si;
		arg[2] = u->dx;
		arg[3] = u->r10;
		arg[4] = u->r8;
		arg[5] = u->r9;
		ret = systab[n](arg);
		p->nerrlab--;
	}else{
		/* the error becomes the one errstr will report */
		e = p->syserrstr;
		p->syserrstr = p->errstr;
		p->errstr = e;
	}
	if(p->nerrlab != 0)
		panic("syscall %d: error stack not empty (%d)", n, p->nerrlab);
	if(n != NOTED)
		u->ax = ret;
	p->insyscall = 0;
	if(p->nnote > 0)
		notify(u);
}

/*
 * Deliver the first pending note: call the handler on the user stack
 * with a copy of the interrupted registers, or end the process.
 */
void
notify(Ureg *u)
{
	Note n;
	uintptr sp;
	Ureg *nu;
	char *msg;
	uintptr s;

	s = splhi();
	lock(&up->rlock);
	if(up->nnote == 0){
		unlock(&up->rlock);
		splx(s);
		return;
	}
	n = up->note[0];
	up->nnote--;
	memmove(up->note, up->note+1, up->nnote*sizeof(Note));
	up->notepending = 0;
	unlock(&up->rlock);
	splx(s);

	if(n.flag == Nexit || strcmp(n.msg, "kill") == 0 || !up->notify ||
	   (up->notified && strncmp(n.msg, "sys:", 4) == 0))
		pexit(n.msg, 1);
	if(up->notified){
		/* one note at a time: keep it for after noted */
		postnote(up, 0, n.msg, n.flag);
		return;
	}
	up->lastnote = n;
	sp = u->sp - Redzone - sizeof(Ureg);
	sp &= ~(uintptr)15;
	/*
	 * The frame can fall on stack pages the process has not touched
	 * yet: they fault in as for a system call's copies, which trap's
	 * pagefault allows only while insyscall is set.
	 */
	up->insyscall = 1;
	if(waserror())
		pexit("sys: bad user stack in note", 1);
	nu = validaddr(sp, sizeof(Ureg), 1);
	*nu = *u;
	sp -= ERRMAX;
	msg = validaddr(sp, ERRMAX, 1);
	memmove(msg, n.msg, ERRMAX);
	sp -= 8;	/* a return address of 0: handlers end with noted */
	*(uintptr*)validaddr(sp, 8, 1) = 0;
	poperror();
	up->insyscall = 0;
	up->noteureg = (Ureg*)((uintptr)nu);
	up->notified = 1;
	u->pc = up->notifyfn;
	u->sp = sp;
	u->di = (uintptr)nu;
	u->si = (uintptr)msg;
}

/* A handler is done: resume the saved registers, or die. */
void
noted(Ureg *u, int how)
{
	Ureg *nu;

	nu = validaddr((uintptr)up->noteureg, sizeof(Ureg), 0);
	up->notified = 0;
	switch(how){
	case NCONT:
	case NRSTR:
		/* an address iretq would fault on stays in user space */
		if(nu->pc >= USTKTOP || nu->sp >= USTKTOP)
			pexit("sys: bad note frame", 1);
		*u = *nu;
		userregs(u);
		break;
	default:
		pexit(up->lastnote.msg, 1);
	}
}

/* A new child resumes here, on its own stack, returning 0 from rfork. */
static void
forkret(void)
{
	procrestore(up);
	touser(up->ureg);
}

void
procfork(Proc *p)
{
	p->sched.pc = (uintptr)forkret;
	p->sched.sp = (uintptr)p->ureg - 8;
	fpfork(p, up);
}

void
procexec(Proc *p)
{
	fpreset(p);
}
