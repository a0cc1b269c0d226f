/*
 * A 16550A UART. Transmission is instantaneous: bytes go to a batch
 * the monitor's sink receives. Received bytes queue behind the
 * 16-byte FIFO until the guest drains it.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	/* registers */
	Rbr = 0,
	Ier,
	Iir,
	Lcr,
	Mcr,
	Lsr,
	Msr,
	Scr,

	/* Ier */
	Erda = 1<<0,
	Ethre = 1<<1,
	Elsi = 1<<2,
	Edssi = 1<<3,

	/* Iir, in priority order */
	Inone = 0x01,
	Ilsr = 0x06,
	Irda = 0x04,
	Itimeout = 0x0c,
	Ithre = 0x02,
	Imsr = 0x00,
	Ififo = 0xc0,

	/* Fcr */
	Fena = 1<<0,
	Frxclr = 1<<1,
	Ftrigger = 3<<6,

	/* Lcr */
	Dlab = 1<<7,

	/* Mcr */
	Dtr = 1<<0,
	Rts = 1<<1,
	Out1 = 1<<2,
	Out2 = 1<<3,
	Loop = 1<<4,
	Mcrmask = 0x1f,

	/* Lsr */
	Dr = 1<<0,
	Oe = 1<<1,
	Lsrerr = 0x1e,
	Thre = 1<<5,
	Temt = 1<<6,

	/* Msr */
	Deltas = 0x0f,
	Teri = 1<<2,
	Cts = 1<<4,
	Dsr = 1<<5,
	Ri = 1<<6,
	Dcd = 1<<7,

	Baseclock = 115200,
	Flushdelay = 1000000,	/* ns a transmitted byte may wait in the batch */
};

static int
fifoed(Uart *u)
{
	return (u->fcr & Fena) != 0;
}

static int
rxcount(Uart *u)
{
	int depth;

	depth = fifoed(u) ? Uartfifo : 1;
	return u->nin < depth ? u->nin : depth;
}

static int
rxtrigger(Uart *u)
{
	static int levels[4] = {1, 4, 8, 14};

	if(!fifoed(u))
		return 1;
	return levels[(u->fcr & Ftrigger) >> 6];
}

static int
iir(Uart *u)
{
	if((u->ier & Elsi) && (u->lsr & Lsrerr))
		return Ilsr;
	if((u->ier & Erda) && rxcount(u) >= rxtrigger(u))
		return Irda;
	if((u->ier & Erda) && u->timeout)
		return Itimeout;
	if((u->ier & Ethre) && u->thrint)
		return Ithre;
	if((u->ier & Edssi) && (u->msr & Deltas))
		return Imsr;
	return Inone;
}

/*
 * Like QEMU's, the line does not depend on MCR OUT2, which gates
 * it on real boards: guests tested only on emulators forget it.
 */
static void
update(Uart *u)
{
	int level;

	level = iir(u) != Inone;
	if(level != u->irqlevel){
		u->irqlevel = level;
		irqline(u->irq, level);
	}
}

/* Four character times of silence with the FIFO below its trigger level. */
static void
armtimeout(Uart *u)
{
	vlong chartime;
	int dl;

	timerstop(&u->timeoutt);
	u->timeout = 0;
	if(!fifoed(u) || u->nin == 0 || rxcount(u) >= rxtrigger(u))
		return;
	dl = u->dl != 0 ? u->dl : 65536;
	chartime = 10 * 1000000000LL * dl / Baseclock;
	timerset(&u->timeoutt, now() + 4*chartime);
}

static void
timeoutfire(Timer *t)
{
	Uart *u;

	u = t->aux;
	if(fifoed(u) && u->nin > 0)
		u->timeout = 1;
	update(u);
}

void
uartflush(Uart *u)
{
	timerstop(&u->flusht);
	if(u->nout > 0 && u->sink != nil)
		u->sink(u, u->out, u->nout);
	u->nout = 0;
}

static void
flushfire(Timer *t)
{
	uartflush(t->aux);
}

static int
enqueue(Uart *u, uchar *p, int n)
{
	int i, room;

	room = Uartinq - u->nin;
	if(n > room)
		n = room;
	for(i = 0; i < n; i++)
		u->in[(u->inhead + u->nin + i) % Uartinq] = p[i];
	u->nin += n;
	return n;
}

/* Bytes from the backing file; returns how many fitted. */
int
uartrx(Uart *u, uchar *p, int n)
{
	if(u->mcr & Loop)
		return 0;
	n = enqueue(u, p, n);
	armtimeout(u);
	update(u);
	return n;
}

static void
transmit(Uart *u, uchar c)
{
	if(u->mcr & Loop){
		if(u->nin >= (fifoed(u) ? Uartfifo : 1))
			u->lsr |= Oe;
		else
			enqueue(u, &c, 1);
		armtimeout(u);
		return;
	}
	if(u->nout == 0)
		timerset(&u->flusht, now() + Flushdelay);
	u->out[u->nout++] = c;
	if(u->nout == Uartoutq)
		uartflush(u);
}

static uchar
modemstatus(Uart *u)
{
	uchar m;

	if((u->mcr & Loop) == 0)
		return Dcd | Dsr | Cts;
	m = 0;
	if(u->mcr & Rts)
		m |= Cts;
	if(u->mcr & Dtr)
		m |= Dsr;
	if(u->mcr & Out1)
		m |= Ri;
	if(u->mcr & Out2)
		m |= Dcd;
	return m;
}

/* Sets the MSR status bits and the deltas for what changed. */
static void
setmodem(Uart *u)
{
	uchar old, new, changed;

	old = u->msr & ~Deltas;
	new = modemstatus(u);
	changed = (old ^ new) >> 4;
	u->msr = new | (u->msr & Deltas) | (changed & ~Teri);
	if((old & Ri) && !(new & Ri))
		u->msr |= Teri;
}

static uchar
rxread(Uart *u)
{
	uchar c;

	if(u->nin == 0)
		return 0;
	c = u->in[u->inhead];
	u->inhead = (u->inhead + 1) % Uartinq;
	u->nin--;
	armtimeout(u);
	return c;
}

static uchar
regread(Uart *u, int reg)
{
	uchar v;
	int id;

	switch(reg){
	case Rbr:
		if(u->lcr & Dlab)
			return u->dl;
		return rxread(u);
	case Ier:
		if(u->lcr & Dlab)
			return u->dl >> 8;
		return u->ier;
	case Iir:
		id = iir(u);
		if(id == Ithre)
			u->thrint = 0;
		return id | (fifoed(u) ? Ififo : 0);
	case Lcr:
		return u->lcr;
	case Mcr:
		return u->mcr;
	case Lsr:
		v = u->lsr | Thre | Temt;
		if(u->nin > 0)
			v |= Dr;
		u->lsr &= ~Lsrerr;
		return v;
	case Msr:
		v = u->msr;
		u->msr &= ~Deltas;
		return v;
	default:
		return u->scr;
	}
}

static void
regwrite(Uart *u, int reg, uchar v)
{
	uchar old;

	switch(reg){
	case Rbr:
		if(u->lcr & Dlab){
			u->dl = (u->dl & 0xff00) | v;
			break;
		}
		u->thrint = 0;
		update(u);
		transmit(u, v);
		u->thrint = 1;
		break;
	case Ier:
		if(u->lcr & Dlab){
			u->dl = (u->dl & 0xff) | v << 8;
			break;
		}
		old = u->ier;
		u->ier = v & 0x0f;
		/* enabling the interrupt with THR already empty raises it */
		if((u->ier & ~old) & Ethre)
			u->thrint = 1;
		break;
	case Iir:
		if((v & Fena) != (u->fcr & Fena) || (v & Frxclr)){
			u->inhead = (u->inhead + rxcount(u)) % Uartinq;
			u->nin -= rxcount(u);
		}
		u->fcr = v & (Fena | Ftrigger);
		armtimeout(u);
		break;
	case Lcr:
		u->lcr = v;
		break;
	case Mcr:
		u->mcr = v & Mcrmask;
		setmodem(u);
		break;
	case Lsr:
	case Msr:
		break;
	default:
		u->scr = v;
	}
	update(u);
}

static u64int
uartin(Iodev *d, uvlong port, int size)
{
	Uart *u;
	uchar v;

	u = d->aux;
	v = regread(u, port - d->base);
	update(u);
	return v;
}

static void
uartout(Iodev *d, uvlong port, int size, u64int val)
{
	regwrite(d->aux, port - d->base, val);
}

static void
reset(Uart *u)
{
	timerstop(&u->timeoutt);
	uartflush(u);
	u->ier = 0;
	u->lcr = 0;
	u->mcr = 0;
	u->lsr = 0;
	u->scr = 0;
	u->fcr = 0;
	u->dl = 12;	/* 9600 baud */
	u->thrint = 0;
	u->timeout = 0;
	u->nin = 0;
	u->inhead = 0;
	u->msr = modemstatus(u);
	if(u->irqlevel){
		u->irqlevel = 0;
		irqline(u->irq, 0);
	}
}

/* Power-on; calling it again resets the UART. */
void
uartinit(Uart *u, u16int base, int irq, void (*sink)(Uart*, uchar*, int))
{
	u->io.name = "uart";
	u->io.base = base;
	u->io.len = 8;
	u->io.read = uartin;
	u->io.write = uartout;
	u->io.aux = u;
	u->irq = irq;
	u->sink = sink;
	u->flusht.fire = flushfire;
	u->flusht.aux = u;
	u->timeoutt.fire = timeoutfire;
	u->timeoutt.aux = u;
	ioregister(Ioport, &u->io);
	reset(u);
}
