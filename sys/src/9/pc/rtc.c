/*
 * The time of day from the CMOS clock, read once at boot.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"

enum
{
	Index	= 0x70,
	Data	= 0x71,
	Uip	= 0x80,		/* register A: update in progress */
	Binary	= 0x04,		/* register B */
	H24	= 0x02,
};

static int
cmos(int r)
{
	outb(Index, r);
	return inb(Data);
}

static int
frombcd(int v)
{
	return (v>>4)*10 + (v & 0xf);
}

static int
isleap(int y)
{
	return (y%4 == 0 && y%100 != 0) || y%400 == 0;
}

ulong
rtctime(void)
{
	static int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int v[6], b, i, y, days, pm;

	while(cmos(0x0a) & Uip)
		pause();
	v[0] = cmos(0x00);	/* sec */
	v[1] = cmos(0x02);	/* min */
	v[2] = cmos(0x04);	/* hour */
	v[3] = cmos(0x07);	/* mday */
	v[4] = cmos(0x08);	/* month */
	v[5] = cmos(0x09);	/* year in century */
	b = cmos(0x0b);
	pm = v[2] & 0x80;
	v[2] &= 0x7f;
	if(!(b & Binary))
		for(i = 0; i < 6; i++)
			v[i] = frombcd(v[i]);
	if(!(b & H24) && pm)
		v[2] = (v[2] % 12) + 12;
	y = 2000 + v[5];
	days = 0;
	for(i = 1970; i < y; i++)
		days += isleap(i) ? 366 : 365;
	for(i = 0; i < v[4]-1 && i < 12; i++)
		days += mdays[i] + (i == 1 && isleap(y));
	days += v[3] - 1;
	return ((days*24 + v[2])*60 + v[1])*60 + v[0];
}
