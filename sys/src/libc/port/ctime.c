#include <u.h>
#include <libc.h>
#include "tm.h"

/*
 * Broken-down time.  There is no time zone database, so local time is
 * GMT.  Like Plan 9's, the results live in static storage.
 */

static Tm tm;

Tm*
gmtime(long t)
{
	vlong day, secs, y;
	int m;

	day = _floordiv(t, 86400);
	secs = t - day*86400;
	tm.hour = secs/3600;
	tm.min = secs/60 % 60;
	tm.sec = secs % 60;
	tm.wday = (day%7 + 7 + 4) % 7;	/* 1970-01-01 was a Thursday */

	/* guess the year from the mean year of 365.2425 days, then correct it */
	y = 1970 + _floordiv(day*400, 146097);
	while(_daystoyear(y) > day)
		y--;
	while(_daystoyear(y+1) <= day)
		y++;
	tm.yday = day - _daystoyear(y);
	tm.year = y - 1900;
	for(m = 11; _daystomonth(y, m) > tm.yday; m--)
		;
	tm.mon = m;
	tm.mday = tm.yday - _daystomonth(y, m) + 1;
	strcpy(tm.zone, "GMT");
	tm.tzoff = 0;
	return &tm;
}

Tm*
localtime(long t)
{
	return gmtime(t);
}

static char*
num2(char *p, int n)
{
	*p++ = '0' + n/10%10;
	*p++ = '0' + n%10;
	return p;
}

/* Plan 9's layout: "Sat Nov 21 23:08:32 GMT 2026\n" or "Thu Jan  1 ...": the day padded with a space, 28 bytes and a newline */
char*
asctime(Tm *t)
{
	static char buf[64];
	static char days[] = "SunMonTueWedThuFriSat";
	static char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char *p;

	p = buf;
	memmove(p, days + 3*((uint)t->wday%7), 3);
	p += 3;
	*p++ = ' ';
	memmove(p, months + 3*((uint)t->mon%12), 3);
	p += 3;
	*p++ = ' ';
	p = num2(p, t->mday);
	if(p[-2] == '0')
		p[-2] = ' ';
	*p++ = ' ';
	p = num2(p, t->hour);
	*p++ = ':';
	p = num2(p, t->min);
	*p++ = ':';
	p = num2(p, t->sec);
	*p++ = ' ';
	seprint(p, buf+sizeof buf, "%.3s %d\n", t->zone, t->year+1900);
	return buf;
}

char*
ctime(long t)
{
	return asctime(localtime(t));
}
