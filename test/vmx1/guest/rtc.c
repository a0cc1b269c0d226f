/* The MC146818 real-time clock behind CMOS ports 0x70 and 0x71. */
#include <u.h>
#include "guest.h"

enum {
	Cmosaddr = 0x70,
	Cmosdata = 0x71,

	Sec	= 0x00,
	Min	= 0x02,
	Hour	= 0x04,
	Day	= 0x07,
	Mon	= 0x08,
	Year	= 0x09,
	Stata	= 0x0a,
	Statb	= 0x0b,
	Century	= 0x32,

	Uip	= 0x80,	/* Stata: update in progress */
	Binary	= 0x04,	/* Statb */
	H24	= 0x02,	/* Statb */
	Pm	= 0x80,	/* hour register, 12-hour mode */
};

int
cmos(int r)
{
	outb(Cmosaddr, r);
	return inb(Cmosdata);
}

void
cmosput(int r, int v)
{
	outb(Cmosaddr, r);
	outb(Cmosdata, v);
}

static int
frombcd(int v, int binary)
{
	if(binary)
		return v;
	return (v>>4)*10 + (v&15);
}

static void
rtcraw(Rtc *t)
{
	while(cmos(Stata) & Uip)
		;
	t->sec = cmos(Sec);
	t->min = cmos(Min);
	t->hour = cmos(Hour);
	t->day = cmos(Day);
	t->mon = cmos(Mon);
	t->year = cmos(Year) | cmos(Century)<<8;
}

void
rtcread(Rtc *t)
{
	Rtc again;
	int b, pm;

	/* read until two reads agree, so no update fell in between */
	rtcraw(t);
	for(;;){
		rtcraw(&again);
		if(again.sec == t->sec && again.min == t->min && again.hour == t->hour
		&& again.day == t->day && again.mon == t->mon && again.year == t->year)
			break;
		*t = again;
	}
	b = cmos(Statb) & Binary;
	pm = !(cmos(Statb) & H24) && (t->hour & Pm);
	t->sec = frombcd(t->sec, b);
	t->min = frombcd(t->min, b);
	t->hour = frombcd(t->hour & ~Pm, b);
	if(pm)
		t->hour = (t->hour + 12) % 24;
	t->day = frombcd(t->day, b);
	t->mon = frombcd(t->mon, b);
	t->year = frombcd(t->year>>8, b)*100 + frombcd(t->year & 0xff, b);
}

int
rtcsecond(void)
{
	Rtc t;

	rtcread(&t);
	return t.sec;
}
