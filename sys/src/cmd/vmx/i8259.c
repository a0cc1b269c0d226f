/*
 * The master/slave 8259A interrupt controllers of a PC, the slave
 * cascaded on master IR2, and the ELCR choosing edge or level
 * triggering per line.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

typedef struct Pic Pic;

enum {
	Cascade = 2,

	Icw1 = 1<<4,		/* command port: starts initialisation */
	Ocw3 = 1<<3,		/* command port: OCW3, else OCW2 */
	Needicw4 = 1<<0,	/* ICW1 */
	Single = 1<<1,
	Autoeoi = 1<<1,		/* ICW4 */
	Ocw3rr = 1<<1,		/* read register command */
	Ocw3ris = 1<<0,		/* ... and it selects the ISR */
	Ocw3poll = 1<<2,
	Ocw3esmm = 1<<6,
	Ocw3smm = 1<<5,
	Pollirq = 1<<7,
};

struct Pic {
	uchar	irr;
	uchar	isr;
	uchar	imr;
	uchar	lines;		/* input levels */
	uchar	elcr;		/* level-triggered lines */
	uchar	elcrmask;	/* lines that may be level-triggered */
	uchar	cascade;	/* the slave's INT, followed as a level */
	uchar	base;		/* vector of IR0 */
	uchar	lowest;		/* IR of lowest priority */
	int	icw;		/* next ICW expected, 0 when initialised */
	int	needicw4;
	int	single;
	int	autoeoi;
	int	rotateaeoi;
	int	readisr;
	int	poll;
	int	smm;		/* special mask mode */
};

static Pic pic[2];

static int
prio(Pic *p, int irq)
{
	return (irq - p->lowest - 1) & 7;
}

/* The IR of highest priority among bits, or -1. */
static int
highest(Pic *p, uchar bits)
{
	int i, irq;

	for(i = 0; i < 8; i++){
		irq = (p->lowest + 1 + i) & 7;
		if(bits & 1<<irq)
			return irq;
	}
	return -1;
}

/* The request the chip would signal on INT, or -1. */
static int
picirq(Pic *p)
{
	int irq, svc;
	uchar insvc;

	irq = highest(p, p->irr & ~p->imr);
	if(irq < 0)
		return -1;
	insvc = p->isr;
	if(p->smm)
		insvc &= ~p->imr;
	svc = highest(p, insvc);
	if(svc >= 0 && prio(p, svc) <= prio(p, irq))
		return -1;
	return irq;
}

static void
setline(Pic *p, int irq, int level)
{
	uchar m;

	m = 1<<irq;
	if(level){
		if((p->lines & m) == 0 || ((p->elcr | p->cascade) & m) != 0)
			p->irr |= m;
		p->lines |= m;
	}else{
		p->lines &= ~m;
		if((p->elcr | p->cascade) & m)
			p->irr &= ~m;
	}
}

static void
update(void)
{
	setline(&pic[0], Cascade, picirq(&pic[1]) >= 0);
}

static void
intack(Pic *p, int irq)
{
	uchar m;

	m = 1<<irq;
	if(((p->elcr | p->cascade) & m) == 0)
		p->irr &= ~m;
	if(!p->autoeoi)
		p->isr |= m;
	else if(p->rotateaeoi)
		p->lowest = irq;
}

/* ISA line irq; irqline in ioapic.c sends it here and to the I/O APIC. */
void
i8259line(int irq, int level)
{
	setline(&pic[irq >> 3], irq & 7, level);
	update();
}

int
i8259pending(void)
{
	return picirq(&pic[0]) >= 0;
}

/* The interrupt acknowledge cycle: the vector to deliver. */
int
i8259ack(void)
{
	int irq, sirq, vec;

	irq = picirq(&pic[0]);
	if(irq < 0)
		return pic[0].base + 7;
	intack(&pic[0], irq);
	if(irq == Cascade && !pic[0].single){
		sirq = picirq(&pic[1]);
		if(sirq < 0)
			vec = pic[1].base + 7;
		else{
			intack(&pic[1], sirq);
			vec = pic[1].base + sirq;
		}
	}else
		vec = pic[0].base + irq;
	update();
	return vec;
}

static void
ocw2(Pic *p, uchar v)
{
	int irq, level;

	level = v & 7;
	switch(v >> 5){
	case 0:		/* clear rotate in automatic EOI */
	case 4:		/* set rotate in automatic EOI */
		p->rotateaeoi = v >> 7;
		break;
	case 1:		/* non-specific EOI */
	case 5:		/* ... and rotate */
		irq = highest(p, p->isr);
		if(irq < 0)
			break;
		p->isr &= ~(1<<irq);
		if(v >> 5 == 5)
			p->lowest = irq;
		break;
	case 3:		/* specific EOI */
		p->isr &= ~(1<<level);
		break;
	case 7:		/* specific EOI and rotate */
		p->isr &= ~(1<<level);
		p->lowest = level;
		break;
	case 6:		/* set priority */
		p->lowest = level;
		break;
	}
}

static void
picwrite(Pic *p, int a0, uchar v)
{
	if(a0 == 0 && (v & Icw1) != 0){
		p->imr = 0;
		p->isr = 0;
		/* the edge sense latches are reset; level requests stay */
		p->irr &= p->elcr;
		p->lowest = 7;
		p->readisr = 0;
		p->poll = 0;
		p->smm = 0;
		p->autoeoi = 0;
		p->rotateaeoi = 0;
		p->needicw4 = v & Needicw4;
		p->single = (v & Single) != 0;
		p->icw = 2;
	}else if(a0 == 0 && (v & Ocw3) != 0){
		if(v & Ocw3poll)
			p->poll = 1;
		if(v & Ocw3rr)
			p->readisr = v & Ocw3ris;
		if(v & Ocw3esmm)
			p->smm = (v & Ocw3smm) != 0;
	}else if(a0 == 0)
		ocw2(p, v);
	else switch(p->icw){
	case 2:
		p->base = v & 0xf8;
		p->icw = !p->single ? 3 : p->needicw4 ? 4 : 0;
		break;
	case 3:		/* the cascade wiring is fixed */
		p->icw = p->needicw4 ? 4 : 0;
		break;
	case 4:
		p->autoeoi = (v & Autoeoi) != 0;
		p->icw = 0;
		break;
	default:
		p->imr = v;
	}
	update();
}

static uchar
picread(Pic *p, int a0)
{
	int irq;

	if(p->poll){
		p->poll = 0;
		irq = picirq(p);
		if(irq < 0)
			return 0;
		intack(p, irq);
		update();
		return Pollirq | irq;
	}
	if(a0)
		return p->imr;
	return p->readisr ? p->isr : p->irr;
}

static u64int
picin(Iodev *d, uvlong port, int size)
{
	return picread(d->aux, port & 1);
}

static void
picout(Iodev *d, uvlong port, int size, u64int val)
{
	picwrite(d->aux, port & 1, val);
}

static void
setelcr(Pic *p, uchar v)
{
	p->elcr = v & p->elcrmask;
	p->irr = (p->irr & ~p->elcr) | (p->lines & p->elcr);
}

static u64int
elcrin(Iodev *d, uvlong port, int size)
{
	u32int v;
	int i;

	v = 0;
	for(i = 0; i < size && port + i < d->base + d->len; i++)
		v |= pic[port + i - d->base].elcr << 8*i;
	return v;
}

static void
elcrout(Iodev *d, uvlong port, int size, u64int val)
{
	int i;

	for(i = 0; i < size && port + i < d->base + d->len; i++)
		setelcr(&pic[port + i - d->base], val >> 8*i);
	update();
}

static void
reset(void)
{
	int i;

	for(i = 0; i < 2; i++){
		memset(&pic[i], 0, sizeof pic[i]);
		pic[i].lowest = 7;
	}
	/* timer, keyboard, cascade, RTC and FPU lines are edge-only */
	pic[0].elcrmask = 0xf8;
	pic[0].cascade = 1<<Cascade;
	pic[1].elcrmask = 0xde;
}

static Iodev picio[2] = {
	{.name = "i8259", .base = 0x20, .len = 2, .read = picin, .write = picout, .aux = &pic[0]},
	{.name = "i8259", .base = 0xa0, .len = 2, .read = picin, .write = picout, .aux = &pic[1]},
};
static Iodev elcrio = {.name = "elcr", .base = 0x4d0, .len = 2, .read = elcrin, .write = elcrout};

static void
init(void)
{
	ioregister(Ioport, &picio[0]);
	ioregister(Ioport, &picio[1]);
	ioregister(Ioport, &elcrio);
	reset();
}

Vdev i8259dev = {"i8259", init};
