/*
 * The interrupt descriptor table, dispatch of PIC interrupts, and
 * catching an expected fault so a check can see it and go on.
 */
#include <u.h>
#include "guest.h"

enum {
	Stubsize = 16,	/* trap32.s and trap64.s */
	Intgate	= 0x8e,	/* present, DPL 0, interrupt gate */
#ifdef __x86_64__
	Kcode	= 0x18,
#else
	Kcode	= 0x08,
#endif
};

typedef struct Gate Gate;
typedef struct Idtr Idtr;

#ifdef __x86_64__
struct Gate {
	u16int	offlo;
	u16int	sel;
	u8int	ist;
	u8int	type;
	u16int	offmid;
	u32int	offhi;
	u32int	zero;
};
#else
struct Gate {
	u16int	offlo;
	u16int	sel;
	u8int	zero;
	u8int	type;
	u16int	offhi;
};
#endif

struct Idtr {
	u16int	limit;
	uintptr	base;
} __attribute__((packed));

extern char stubs[];	/* in trap32.s or trap64.s */

void (*irqhandler[16])(void);
void (*lapichandler[Nvec-Vlapic0])(int);
void (*debugtrap)(Frame*);	/* takes #DB and #BP while set */
void (*nmitrap)(void);		/* told of each NMI counted while set */
volatile int nmis;

static Gate idt[Nvec];

static struct {
	int	armed;
	int	skip;
	int	vector;
	uintptr	err;
} expect;

void
trapinit(void)
{
	Idtr r;
	uintptr a;
	int i;

	for(i = 0; i < Nvec; i++){
		a = (uintptr)stubs + Stubsize*i;
		idt[i].offlo = a;
		idt[i].sel = Kcode;
		idt[i].type = Intgate;
#ifdef __x86_64__
		idt[i].offmid = a >> 16;
		idt[i].offhi = a >> 32;
#else
		idt[i].offhi = a >> 16;
#endif
	}
	r.limit = sizeof idt - 1;
	r.base = (uintptr)idt;
	asm volatile("lidt %0" : : "m"(r));
}

/* The next fault is expected: record it and resume SKIP bytes past the faulting instruction. */
void
expectfault(int skip)
{
	expect.skip = skip;
	expect.vector = -1;
	expect.armed = 1;
}

/* The vector of the fault expected since expectfault, or -1 if none came. */
int
faulted(uintptr *err)
{
	expect.armed = 0;
	*err = expect.err;
	return expect.vector;
}

void
trap(Frame *f)
{
	int irq;

	if(f->vector >= Vlapic0 && f->vector < Nvec){
		if(lapichandler[f->vector - Vlapic0] != nil)
			lapichandler[f->vector - Vlapic0](f->vector);
		lapiceoi();
		return;
	}
	if((f->vector == 1 || f->vector == 3) && debugtrap != nil){
		debugtrap(f);
		return;
	}
	if(f->vector == Vnmi && !expect.armed){
		nmis++;
		if(nmitrap != nil)
			nmitrap();
		return;
	}
	if(f->vector >= Virq0 && f->vector < Vlapic0){
		irq = f->vector - Virq0;
		if(irqhandler[irq] != nil)
			irqhandler[irq]();
		piceoi(irq);
		return;
	}
	if(expect.armed){
		expect.armed = 0;
		expect.vector = f->vector;
		expect.err = f->err;
		f->pc += expect.skip;
		return;
	}
	print("unexpected trap %ud err %lux pc %lux\n", (uint)f->vector, f->err, f->pc);
	exitvm(nfailed+1);
}
