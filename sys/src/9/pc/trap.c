/*
 * The descriptor tables, trap and interrupt dispatch, and what a
 * fault in the kernel prints before the machine stops.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "ureg.h"

enum
{
	Nvec		= 256,
	Gateintr	= 0x8e00,	/* present, DPL 0, 64-bit interrupt gate */
	Istdoublefault	= 1,		/* Tss.ist[0] */

	/* a page fault's error code (SDM vol. 3, 4.7) */
	Pfpresent	= 1<<0,
	Pfwrite		= 1<<1,
	Pffetch		= 1<<4,
};

typedef struct Gate Gate;
struct Gate
{
	u16int	offlo;
	u16int	sel;
	u16int	flags;
	u16int	offmid;
	u32int	offhi;
	u32int	reserved;
};

typedef struct Handler Handler;
struct Handler
{
	void	(*f)(Ureg*, void*);
	void	*arg;
	char	*name;
	uvlong	count;
};

static Gate idt[Nvec];
static Handler handlers[Nvec];
static Lock handlerlock;

static char *excname[32] = {
	"divide error", "debug", "nmi", "breakpoint", "overflow",
	"bound range", "invalid opcode", "device not available",
	"double fault", "coprocessor overrun", "invalid tss",
	"segment not present", "stack fault", "general protection",
	"page fault", "15", "x87 error", "alignment check",
	"machine check", "simd error", "virtualization",
	"control protection",
};

void
trapinit(void)
{
	uintptr a;
	int i;

	for(i = 0; i < Nvec; i++){
		a = (uintptr)vectors + 16*i;
		idt[i].offlo = a;
		idt[i].sel = KESEL;
		idt[i].flags = Gateintr;
		idt[i].offmid = a >> 16;
		idt[i].offhi = a >> 32;
	}
	/* a double fault comes on a stack of its own, so a broken kernel stack still gets reported */
	idt[8].flags |= Istdoublefault;
	idtload();
}

/* Every processor uses the one IDT. */
void
idtload(void)
{
	struct { u16int limit; u64int base; } __attribute__((packed)) p;

	p.limit = sizeof idt - 1;
	p.base = (uintptr)idt;
	asm volatile("lidt %0" : : "m"(p));
}

static Segdesc
segdesc(u32int hi)
{
	Segdesc d;

	d.lo = 0;
	d.hi = hi;
	return d;
}

/* This processor's GDT, TSS and system-call entry. */
void
gdtload(void)
{
	struct { u16int limit; u64int base; } __attribute__((packed)) p;

	p.limit = sizeof m->gdt - 1;
	p.base = (uintptr)m->gdt;
	asm volatile("lgdt %0" : : "m"(p));
}

/*
 * Both again after every VM exit, which leaves their limits at 0xffff
 * (SDM Vol. 3 27.5.2), where user code could read past them: one call
 * on that path.
 */
void
tablesload(void)
{
	gdtload();
	idtload();
}

void
gdtinit(void)
{
	uintptr t;

	m->gdt[0] = segdesc(0);
	m->gdt[KESEL>>3] = segdesc(0x00209a00);
	m->gdt[KDSEL>>3] = segdesc(0x00009200);
	m->gdt[UE32SEL>>3] = segdesc(0x00cffa00);
	m->gdt[UE32SEL>>3].lo = 0xffff;
	m->gdt[UDSEL>>3] = segdesc(0x0000f200);
	m->gdt[UESEL>>3] = segdesc(0x0020fa00);
	t = (uintptr)&m->tss;
	m->tss.iomap = sizeof(Tss);
	m->tss.ist[Istdoublefault-1] = (uintptr)m->dfstack + sizeof m->dfstack;
	m->gdt[TSSSEL>>3].lo = (sizeof(Tss)-1) | (t & 0xffff)<<16;
	m->gdt[TSSSEL>>3].hi = ((t>>16) & 0xff) | 0x8900 | (t & 0xff000000);
	m->gdt[(TSSSEL>>3)+1].lo = t >> 32;
	m->gdt[(TSSSEL>>3)+1].hi = 0;
	gdtload();
	asm volatile("ltr %w0" : : "r"(TSSSEL));

	/* system calls: user code sits 16 above the user base in STAR for SYSRET */
	wrmsr(MSREFER, rdmsr(MSREFER) | EFERSCE);
	wrmsr(MSRSTAR, (uvlong)(UE32SEL & ~3)<<48 | (uvlong)KESEL<<32);
	wrmsr(MSRLSTAR, (uintptr)syscallentry);
	/* interrupts, trace, direction and alignment off on entry */
	wrmsr(MSRFMASK, 0x200 | 0x100 | 0x400 | 0x40000);

}

void
intrenable(int vec, void (*f)(Ureg*, void*), void *arg, char *name)
{
	if(vec < Virqbase || vec >= Nvec)
		panic("intrenable: vector %d for %s", vec, name);
	lock(&handlerlock);
	if(handlers[vec].f != nil)
		panic("intrenable: vector %d taken by %s, wanted by %s",
			vec, handlers[vec].name, name);
	handlers[vec].f = f;
	handlers[vec].arg = arg;
	handlers[vec].name = name;
	unlock(&handlerlock);
}

static void
dumpregs(Ureg *u)
{
	iprint("ax %#16.16llux bx %#16.16llux cx %#16.16llux dx %#16.16llux\n", u->ax, u->bx, u->cx, u->dx);
	iprint("si %#16.16llux di %#16.16llux bp %#16.16llux sp %#16.16llux\n", u->si, u->di, u->bp, u->sp);
	iprint("r8 %#16.16llux r9 %#16.16llux r10 %#16.16llux r11 %#16.16llux\n", u->r8, u->r9, u->r10, u->r11);
	iprint("r12 %#16.16llux r13 %#16.16llux r14 %#16.16llux r15 %#16.16llux\n", u->r12, u->r13, u->r14, u->r15);
	iprint("pc %#16.16llux cs %#llux flags %#llux ss %#llux cr2 %#p cr3 %#p\n",
		u->pc, u->cs, u->flags, u->ss, getcr2(), getcr3());
}

/* Follow the frame pointers; addr2line turns the numbers into lines. */
void
backtrace(uintptr bp)
{
	uintptr *fp;
	int n;

	iprint("backtrace:");
	for(n = 0; n < 32 && bp >= KZERO && (bp & 7) == 0; n++){
		fp = (uintptr*)bp;
		iprint(" %#p", fp[1]);
		bp = fp[0];
	}
	iprint("\n");
}

static void
kernelfault(Ureg *u)
{
	char *name;

	splhi();
	name = u->type < 32 && excname[u->type] ? excname[u->type] : "unknown";
	iprint("\ntrap: %s (vector %llud) error %#llux at pc %#llux in the kernel\n",
		name, u->type, u->error, u->pc);
	if(up != nil)
		iprint("process %d %s\n", up->pid, up->text);
	dumpregs(u);
	iprint("at pc %#llux, ", u->pc);
	backtrace(u->bp);
	panic("kernel trap");
}

/*
 * A page fault on a user address, from user mode or from a system
 * call touching user memory: fill it from the segment.
 */
static int
pagefault(Ureg *u, int user)
{
	uintptr addr;
	int write;

	addr = getcr2();
	write = (u->error & Pfwrite) != 0;
	if(up == nil || up->pml4 == nil || addr >= USTKTOP)
		return -1;
	/*
	 * only the no-execute bit refuses a fetch from a present page:
	 * mapping it again would fault again, for ever
	 */
	if((u->error & (Pfpresent|Pffetch)) == (Pfpresent|Pffetch))
		return -1;
	if(!user && !up->insyscall)
		return -1;
	/* fault would take a QLock, and maybe sleep, with a spin lock held */
	if(!user && up->nlocks != 0)
		panic("fault at %#p with %d spin locks held, pc %#p", addr, up->nlocks, u->pc);
	spllo();
	return fault(addr, write);
}

static void
usertrap(Ureg *u)
{
	char msg[ERRMAX];

	if(u->type == 14)
		snprint(msg, sizeof msg, "sys: trap: fault %s addr=%#p pc=%#p",
			(u->error & Pfwrite) ? "write" : "read", getcr2(), u->pc);
	else
		snprint(msg, sizeof msg, "sys: trap: %s pc=%#p",
			u->type < 32 && excname[u->type] ? excname[u->type] : "unknown", u->pc);
	postnote(up, 1, msg, Ndebug);
}

void
trap(Ureg *u)
{
	Handler *h;
	int vec, user;

	vec = u->type;
	user = (u->cs & 3) != 0;
	if(user)
		up->ureg = u;
	if(vec < Virqbase){
		if(vec == 14 && pagefault(u, user) == 0)
			;
		else if(!user)
			kernelfault(u);
		else
			usertrap(u);
	}else{
		h = &handlers[vec];
		if(h->f == nil){
			iprint("unexpected interrupt %d\n", vec);
			apiceoi();
			return;
		}
		h->count++;
		m->intr++;
		h->f(u, h->arg);
		apiceoi();
		if(vec == Vclock)
			preempt();
	}
	if(user){
		splhi();
		if(up->nnote > 0)
			notify(u);
	}
}

/*
 * A new kernel process's stack: below room for the Ureg that system
 * calls keep at the top, 8 short of 16-aligned as if called.
 */
void
procsetup(Proc *p)
{
	p->sched.sp = (uintptr)p->kstack + KSTACK - sizeof(Ureg) - 8;
}
