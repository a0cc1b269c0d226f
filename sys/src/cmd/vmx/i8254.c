/*
 * The 8254 programmable interval timer: three channels counting a
 * 1.193182 MHz clock. Counts are computed from the monitor's clock
 * when read, never ticked. Channel 0's OUT drives irq 0; channel 2's
 * gate and OUT appear in port 0x61 beside the speaker bits.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

typedef struct Chan Chan;

enum {
	Hz = 1193182,
	Refreshns = 15085,	/* DRAM refresh period toggling port 0x61 bit 4 */

	Ctlport = 0x43,
	Sysport = 0x61,

	/* control word */
	Bcd = 1<<0,
	Readback = 3,		/* in the channel select field */
	Rbnocount = 1<<5,
	Rbnostatus = 1<<4,

	/* port 0x61 */
	Gate2 = 1<<0,
	Sysrw = 0x0f,
	Refresh = 1<<4,
	Out2 = 1<<5,

	/* read/write access */
	Rwlatch = 0,
	Rwlsb,
	Rwmsb,
	Rwboth,
};

struct Chan {
	int	mode;
	int	rw;
	int	bcd;
	int	gate;
	int	nullcount;	/* control word written, count not yet */
	int	loaded;		/* a count was written */
	int	counting;
	int	triggered;	/* modes 1 and 5: a gate edge started counting */
	int	tcdone;		/* terminal count passed before start */
	u32int	reload;		/* the count written: 1..65536, or 1..10000 in BCD */
	u32int	startcount;	/* value at start */
	vlong	start;
	uchar	lsb;		/* first byte of a two-byte write */
	int	writemsb;
	int	readmsb;
	int	nlatch;		/* latched count bytes left to read */
	u16int	latch;
	int	statuslatched;
	uchar	status;
};

static Chan chans[3];
static uchar sysbits;
static Timer irqtimer;

static u32int
modulus(Chan *c)
{
	return c->bcd ? 10000 : 65536;
}

static u16int
tobcd(u32int v)
{
	return v % 10 | (v / 10 % 10) << 4 | (v / 100 % 10) << 8 | (v / 1000 % 10) << 12;
}

static u32int
frombcd(u16int v)
{
	return (v & 0xf) + (v >> 4 & 0xf) * 10 + (v >> 8 & 0xf) * 100 + (v >> 12 & 0xf) * 1000;
}

static uvlong
elapsed(Chan *c, vlong t)
{
	return nstoticks(t - c->start, Hz);
}

/* The counting element, 0..modulus-1. */
static u32int
value(Chan *c, vlong t)
{
	uvlong k;
	u32int n, ph, high;

	if(!c->counting)
		return c->startcount % modulus(c);
	k = elapsed(c, t);
	n = c->reload;
	switch(c->mode){
	case 2:
		return (n - k % n) % modulus(c);
	case 3:
		ph = k % n;
		high = (n + 1) / 2;
		if(ph >= high)
			ph -= high;
		return ((n & ~1) - 2*ph) % modulus(c);
	default:
		return (c->startcount + modulus(c) - k % modulus(c)) % modulus(c);
	}
}

static int
out(Chan *c, vlong t)
{
	uvlong k;
	u32int ph;

	if(!c->loaded)
		return c->mode != 0;
	if(!c->counting){
		if(c->mode == 0)
			return c->tcdone;
		return 1;
	}
	k = elapsed(c, t);
	switch(c->mode){
	case 0:
	case 1:
		return c->tcdone || k >= c->startcount;
	case 2:
		return c->reload < 2 || k % c->reload != c->reload - 1;
	case 3:
		ph = k % c->reload;
		return ph < (c->reload + 1) / 2;
	default:
		return c->tcdone || k != c->startcount;
	}
}

/* The time of OUT's next rising edge after t, or -1. */
static vlong
nextrise(Chan *c, vlong t)
{
	uvlong k;

	if(!c->counting)
		return -1;
	k = elapsed(c, t);
	switch(c->mode){
	case 0:
	case 1:
		if(c->tcdone || k >= c->startcount)
			return -1;
		return c->start + tickstons(c->startcount, Hz);
	case 2:
	case 3:
		return c->start + tickstons((k / c->reload + 1) * c->reload, Hz);
	default:
		if(c->tcdone || k > c->startcount)
			return -1;
		return c->start + tickstons(c->startcount + 1, Hz);
	}
}

static void
irqupdate(void)
{
	vlong t, when;

	t = now();
	irqline(0, out(&chans[0], t));
	when = nextrise(&chans[0], t);
	if(when < 0)
		timerstop(&irqtimer);
	else
		timerset(&irqtimer, when);
}

static void
irqfire(Timer *t)
{
	irqline(0, 0);
	irqline(0, 1);
	irqupdate();
}

static void
startat(Chan *c, vlong t, u32int count)
{
	c->start = t;
	c->startcount = count;
	c->counting = 1;
}

/* Modes 0 and 4 stop counting while the gate is low and go on from where they were. */
static void
pause(Chan *c, vlong t)
{
	uvlong k;
	u32int v;

	k = elapsed(c, t);
	if(k >= c->startcount)
		c->tcdone = 1;
	v = value(c, t);
	c->startcount = v != 0 ? v : modulus(c);
	c->counting = 0;
}

static void
setgate(Chan *c, int gate)
{
	vlong t;

	if(gate == c->gate)
		return;
	c->gate = gate;
	if(!c->loaded)
		return;
	t = now();
	switch(c->mode){
	case 0:
	case 4:
		if(gate)
			startat(c, t, c->startcount);
		else
			pause(c, t);
		break;
	case 1:
	case 5:
		if(gate){
			c->triggered = 1;
			c->tcdone = 0;
			startat(c, t, c->reload);
		}
		break;
	default:
		if(gate)
			startat(c, t, c->reload);
		else
			c->counting = 0;
	}
}

static void
loadcount(Chan *c, u16int v)
{
	u32int n;

	n = c->bcd ? frombcd(v) : v;
	if(n == 0)
		n = modulus(c);
	c->reload = n;
	c->loaded = 1;
	c->nullcount = 0;
	switch(c->mode){
	case 1:
	case 5:
		/* waits for a gate edge */
		if(!c->triggered)
			c->startcount = n;
		break;
	default:
		/* a periodic count takes effect at once rather than at the end of the period */
		c->tcdone = 0;
		c->startcount = n;
		c->counting = 0;
		if(c->gate)
			startat(c, now(), n);
	}
}

static void
control(Chan *c, uchar v)
{
	int gate;

	gate = c->gate;
	memset(c, 0, sizeof *c);
	c->gate = gate;
	c->rw = v >> 4 & 3;
	c->mode = v >> 1 & 7;
	if(c->mode > 5)
		c->mode -= 4;
	c->bcd = v & Bcd;
	c->nullcount = 1;
}

static void
latchcount(Chan *c)
{
	u32int v;

	if(c->nlatch > 0)
		return;
	v = value(c, now());
	c->latch = c->bcd ? tobcd(v) : v;
	c->nlatch = c->rw == Rwboth ? 2 : 1;
	c->readmsb = c->rw == Rwmsb;
}

static void
latchstatus(Chan *c)
{
	if(c->statuslatched)
		return;
	c->status = out(c, now()) << 7 | c->nullcount << 6 | c->rw << 4 | c->mode << 1 | c->bcd;
	c->statuslatched = 1;
}

static void
ctlwrite(uchar v)
{
	Chan *c;
	int i;

	if((v >> 6) == Readback){
		for(i = 0; i < 3; i++){
			if((v & 2<<i) == 0)
				continue;
			if((v & Rbnostatus) == 0)
				latchstatus(&chans[i]);
			if((v & Rbnocount) == 0)
				latchcount(&chans[i]);
		}
		return;
	}
	c = &chans[v >> 6];
	if((v >> 4 & 3) == Rwlatch)
		latchcount(c);
	else
		control(c, v);
}

static uchar
readbyte(Chan *c, u16int v)
{
	int msb;

	msb = c->readmsb;
	if(c->rw == Rwboth)
		c->readmsb ^= 1;
	return msb ? v >> 8 : v;
}

static uchar
chanread(Chan *c)
{
	u32int v;

	if(c->statuslatched){
		c->statuslatched = 0;
		return c->status;
	}
	if(c->nlatch > 0){
		c->nlatch--;
		return readbyte(c, c->latch);
	}
	v = value(c, now());
	return readbyte(c, c->bcd ? tobcd(v) : v);
}

static void
chanwrite(Chan *c, uchar v)
{
	switch(c->rw){
	case Rwlsb:
		loadcount(c, v);
		break;
	case Rwmsb:
		loadcount(c, v << 8);
		break;
	case Rwboth:
		if(!c->writemsb){
			c->lsb = v;
			c->writemsb = 1;
			break;
		}
		c->writemsb = 0;
		loadcount(c, c->lsb | v << 8);
		break;
	}
}

static u64int
pitin(Iodev *d, uvlong port, int size)
{
	if(port == Ctlport)
		return 0xff;
	return chanread(&chans[port - 0x40]);
}

static void
pitout(Iodev *d, uvlong port, int size, u64int val)
{
	if(port == Ctlport)
		ctlwrite(val);
	else
		chanwrite(&chans[port - 0x40], val);
	irqupdate();
}

static u64int
sysin(Iodev *d, uvlong port, int size)
{
	vlong t;

	t = now();
	return sysbits | (t / Refreshns & 1) << 4 | out(&chans[2], t) << 5;
}

static void
sysout(Iodev *d, uvlong port, int size, u64int val)
{
	sysbits = val & Sysrw;
	setgate(&chans[2], val & Gate2);
}

static void
reset(void)
{
	int i;

	memset(chans, 0, sizeof chans);
	for(i = 0; i < 3; i++)
		chans[i].gate = i != 2;
	sysbits = 0;
	timerstop(&irqtimer);
	irqline(0, 0);
}

static Iodev pitio = {.name = "i8254", .base = 0x40, .len = Ctlport-0x40+1, .read = pitin, .write = pitout};
static Iodev sysio = {.name = "port61", .base = Sysport, .len = 1, .read = sysin, .write = sysout};

static void
init(void)
{
	irqtimer.fire = irqfire;
	ioregister(Ioport, &pitio);
	ioregister(Ioport, &sysio);
	reset();
}

Vdev i8254dev = {"i8254", init};
