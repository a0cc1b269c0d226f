/*
 * The MC146818 real-time clock and CMOS memory behind ports
 * 0x70 (index) and 0x71 (data). Time runs from the wall clock the
 * monitor passes at start on the monitor's own clock; the time
 * registers are computed when read. Flags are brought up to date
 * lazily and, when their interrupts are enabled, by a timer.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

typedef struct Date Date;

enum {
	Irq = 8,

	/* registers */
	Rsec = 0x00,
	Rsecalarm,
	Rmin,
	Rminalarm,
	Rhour,
	Rhouralarm,
	Rwday,
	Rmday,
	Rmonth,
	Ryear,
	Ra,
	Rb,
	Rc,
	Rd,
	Rcentury = 0x32,

	/* A */
	Uip = 1<<7,
	Ratemask = 0x0f,
	/* B */
	Set = 1<<7,
	Pie = 1<<6,
	Aie = 1<<5,
	Uie = 1<<4,
	Sqwe = 1<<3,
	Binary = 1<<2,
	H24 = 1<<1,
	/* C */
	Irqf = 1<<7,
	Pf = 1<<6,
	Af = 1<<5,
	Uf = 1<<4,
	/* D */
	Vrt = 1<<7,

	Pm = 1<<7,		/* in the hour register, 12-hour mode */
	Dontcare = 0xc0,	/* alarm bytes at or above match any value */
	Uipns = 2228000,	/* UIP leads the update by 244us plus the 1984us cycle */
	Basehz = 32768,
};

struct Date {
	int	year;
	int	mon;
	int	mday;
	int	hour;
	int	min;
	int	sec;
	int	wday;		/* 1 is Sunday */
};

static uchar cmos[128];
static uchar cmosindex;
static vlong base;	/* guest seconds at basens */
static vlong basens;
static Date held;	/* the time registers while Set holds the clock */
static vlong lastcheck;
static Timer timer;

static int
leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
monthdays(int y, int m)
{
	static int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : days[m-1];
}

/* Seconds since 1970 to a date; earlier times are 1970. */
static void
todate(vlong s, Date *d)
{
	vlong days;
	int n;

	if(s < 0)
		s = 0;
	days = s / 86400;
	s %= 86400;
	d->hour = s / 3600;
	d->min = s / 60 % 60;
	d->sec = s % 60;
	d->wday = (days + 4) % 7 + 1;	/* 1970-01-01 was a Thursday */
	for(d->year = 1970; days >= (n = leap(d->year) ? 366 : 365); d->year++)
		days -= n;
	for(d->mon = 1; days >= (n = monthdays(d->year, d->mon)); d->mon++)
		days -= n;
	d->mday = days + 1;
}

static vlong
fromdate(Date *d)
{
	vlong days;
	int y, m;

	days = 0;
	for(y = 1970; y < d->year; y++)
		days += leap(y) ? 366 : 365;
	for(m = 1; m < d->mon; m++)
		days += monthdays(d->year, m);
	days += d->mday - 1;
	return days*86400 + d->hour*3600 + d->min*60 + d->sec;
}

static int
binary(void)
{
	return (cmos[Rb] & Binary) != 0;
}

static uchar
encode(int v)
{
	return binary() ? v : (v / 10) << 4 | v % 10;
}

static int
decode(uchar v)
{
	return binary() ? v : (v >> 4) * 10 + (v & 0xf);
}

static uchar
encodehour(int h)
{
	int h12;

	if(cmos[Rb] & H24)
		return encode(h);
	h12 = h % 12 != 0 ? h % 12 : 12;
	return encode(h12) | (h >= 12 ? Pm : 0);
}

static int
decodehour(uchar v)
{
	if(cmos[Rb] & H24)
		return decode(v);
	return decode(v & ~Pm) % 12 + (v & Pm ? 12 : 0);
}

static vlong
seconds(vlong t)
{
	return base + (t - basens) / Sec;
}

static void
current(vlong t, Date *d)
{
	if(cmos[Rb] & Set)
		*d = held;
	else
		todate(seconds(t), d);
}

/* log2 of the periodic interrupt's period in 32768 Hz ticks, or -1. */
static int
rateshift(void)
{
	int rs;

	rs = cmos[Ra] & Ratemask;
	if(rs == 0)
		return -1;
	if(rs < 3)
		rs += 7;
	return rs - 1;
}

static uchar
timereg(int reg, vlong t)
{
	Date d;

	current(t, &d);
	switch(reg){
	case Rsec:
		return encode(d.sec);
	case Rmin:
		return encode(d.min);
	case Rhour:
		return encodehour(d.hour);
	case Rwday:
		return encode(d.wday);
	case Rmday:
		return encode(d.mday);
	case Rmonth:
		return encode(d.mon);
	case Ryear:
		return encode(d.year % 100);
	default:
		return encode(d.year / 100);
	}
}

static int
alarmmatch(vlong t)
{
	static int regs[] = {Rsec, Rmin, Rhour};
	int i;
	uchar a;

	for(i = 0; i < nelem(regs); i++){
		a = cmos[regs[i] + 1];
		if(a < Dontcare && a != timereg(regs[i], t))
			return 0;
	}
	return 1;
}

static void
irqupdate(void)
{
	uchar on;

	on = cmos[Rc] & cmos[Rb] & (Pf | Af | Uf);
	if(on)
		cmos[Rc] |= Irqf;
	irqline(Irq, (cmos[Rc] & Irqf) != 0);
}

/* Sets the flags for the period and update boundaries passed since the last look. */
static void
catchup(vlong t)
{
	int sh;

	sh = rateshift();
	if(sh >= 0 && nstoticks(t, Basehz) >> sh > nstoticks(lastcheck, Basehz) >> sh)
		cmos[Rc] |= Pf;
	if((cmos[Rb] & Set) == 0 && lastcheck >= basens
	&& (t - basens) / Sec > (lastcheck - basens) / Sec){
		cmos[Rc] |= Uf;
		if(alarmmatch(t))
			cmos[Rc] |= Af;
	}
	lastcheck = t;
	irqupdate();
}

static void
arm(void)
{
	vlong t, when, next;
	int sh;

	t = now();
	when = -1;
	sh = rateshift();
	if((cmos[Rb] & Pie) && sh >= 0)
		when = tickstons(((nstoticks(t, Basehz) >> sh) + 1) << sh, Basehz);
	if((cmos[Rb] & (Uie | Aie)) && (cmos[Rb] & Set) == 0){
		next = basens + ((t - basens) / Sec + 1) * Sec;
		if(when < 0 || next < when)
			when = next;
	}
	if(when < 0)
		timerstop(&timer);
	else
		timerset(&timer, when);
}

static void
timerfire(Timer *x)
{
	catchup(now());
	arm();
}

/* Out-of-range fields become the nearest sane date. */
static vlong
normalised(Date *d)
{
	if(d->year < 1970)
		d->year = 1970;
	if(d->mon < 1 || d->mon > 12)
		d->mon = 1;
	if(d->mday < 1 || d->mday > monthdays(d->year, d->mon))
		d->mday = 1;
	return fromdate(d);
}

/*
 * While Set holds the clock the registers are kept as written;
 * otherwise a write moves the clock at once, keeping the phase
 * of its seconds.
 */
static void
timewrite(int reg, uchar v, vlong t)
{
	Date d;

	catchup(t);
	current(t, &d);
	switch(reg){
	case Rsec:
		d.sec = decode(v) % 60;
		break;
	case Rmin:
		d.min = decode(v) % 60;
		break;
	case Rhour:
		d.hour = decodehour(v) % 24;
		break;
	case Rwday:
		return;		/* follows from the date */
	case Rmday:
		d.mday = decode(v);
		break;
	case Rmonth:
		d.mon = decode(v);
		break;
	case Ryear:
		d.year = d.year / 100 * 100 + decode(v) % 100;
		break;
	case Rcentury:
		d.year = decode(v) * 100 + d.year % 100;
		break;
	}
	if(cmos[Rb] & Set)
		held = d;
	else
		base = normalised(&d) - (t - basens) / Sec;
}

static void
setb(uchar v, vlong t)
{
	uchar old;

	catchup(t);
	old = cmos[Rb];
	if(v & Set)
		v &= ~Uie;
	if((v & Set) && !(old & Set))
		todate(seconds(t), &held);
	cmos[Rb] = v;
	if(!(v & Set) && (old & Set)){
		base = normalised(&held);
		basens = t;
		lastcheck = t;
	}
	irqupdate();
	arm();
}

static uchar
regread(int reg)
{
	vlong t;
	uchar v;

	t = now();
	switch(reg){
	case Rsec:
	case Rmin:
	case Rhour:
	case Rwday:
	case Rmday:
	case Rmonth:
	case Ryear:
	case Rcentury:
		return timereg(reg, t);
	case Ra:
		v = cmos[Ra];
		if(!(cmos[Rb] & Set) && (t - basens) % Sec >= Sec - Uipns)
			v |= Uip;
		return v;
	case Rc:
		catchup(t);
		v = cmos[Rc];
		cmos[Rc] = 0;
		irqline(Irq, 0);
		arm();
		return v;
	case Rd:
		return Vrt;
	default:
		return cmos[reg];
	}
}

static void
regwrite(int reg, uchar v)
{
	vlong t;

	t = now();
	switch(reg){
	case Rsec:
	case Rmin:
	case Rhour:
	case Rwday:
	case Rmday:
	case Rmonth:
	case Ryear:
	case Rcentury:
		timewrite(reg, v, t);
		break;
	case Ra:
		catchup(t);
		cmos[Ra] = v & ~Uip;
		arm();
		break;
	case Rb:
		setb(v, t);
		break;
	case Rc:
	case Rd:
		break;
	default:
		cmos[reg] = v;
	}
}

static u64int
rtcin(Iodev *d, uvlong port, int size)
{
	if(port == 0x70)
		return 0xff;
	return regread(cmosindex);
}

static void
rtcout(Iodev *d, uvlong port, int size, u64int val)
{
	if(port == 0x70)
		cmosindex = val & 0x7f;	/* bit 7 masks NMI, which we never raise */
	else
		regwrite(cmosindex, val);
}

static void
cmosput16(int reg, uvlong v)
{
	if(v > 0xffff)
		v = 0xffff;
	cmos[reg] = v;
	cmos[reg+1] = v >> 8;
}

/* A byte of CMOS RAM past the clock's registers, for what firmware keeps there. */
u8int
cmosget(int reg)
{
	return cmos[reg & 0x7f];
}

void
cmosset(int reg, u8int v)
{
	cmos[reg & 0x7f] = v;
}

/* The memory sizes firmware and old kernels read from CMOS. */
static void
setmem(void)
{
	enum {KB = 1024, MB = 1024*KB, Chunk = 64*KB};
	uvlong below4g, above4g, above16m;
	int i, sum;

	memsplit(conf.mem, &below4g, &above4g);
	cmosput16(0x15, 640);
	cmosput16(0x17, below4g > MB ? (below4g - MB) / KB : 0);
	cmosput16(0x30, below4g > MB ? (below4g - MB) / KB : 0);
	above16m = below4g > 16*MB ? (below4g - 16*MB) / Chunk : 0;
	cmosput16(0x34, above16m);
	above4g /= Chunk;
	if(above4g > 0xffffff)
		above4g = 0xffffff;
	cmos[0x5b] = above4g;
	cmos[0x5c] = above4g >> 8;
	cmos[0x5d] = above4g >> 16;
	sum = 0;
	for(i = 0x10; i <= 0x2d; i++)
		sum += cmos[i];
	cmos[0x2e] = sum >> 8;
	cmos[0x2f] = sum;
}

/* What the chip's reset line clears; the time survives. */
static void
reset(void)
{
	cmos[Rb] &= ~(Pie | Aie | Uie | Sqwe);
	cmos[Rc] = 0;
	irqline(Irq, 0);
	arm();
}

static Iodev rtcio = {.name = "rtc", .base = 0x70, .len = 2, .read = rtcin, .write = rtcout};

/*
 * Power-on: the wall clock and memory sizes from conf. A machine
 * reset's boot only resets the chip: the time and the CMOS RAM, on a
 * PC kept by a battery, stay.
 */
static void
init(void)
{
	static int powered;

	timer.fire = timerfire;
	ioregister(Ioport, &rtcio);
	if(!powered){
		base = conf.epoch;
		basens = now();
		lastcheck = basens;
		cmos[Ra] = 0x26;	/* 32768 Hz time base, 1024 Hz periodic rate */
		cmos[Rb] = H24;
		powered = 1;
	}
	setmem();
	reset();
}

Vdev rtcdev = {"rtc", init};
