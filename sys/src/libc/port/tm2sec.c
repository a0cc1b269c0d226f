#include <u.h>
#include <libc.h>
#include "tm.h"

/* days before the first of each month, in common and leap years */
static int cumdays[2][13] =
{
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365,
	0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366,
};

/* rounds toward minus infinity, so times before 1970 work */
vlong
_floordiv(vlong a, vlong b)
{
	vlong q;

	q = a/b;
	if(a%b != 0 && (a < 0) != (b < 0))
		q--;
	return q;
}

static int
isleap(vlong y)
{
	return y%4 == 0 && (y%100 != 0 || y%400 == 0);
}

/* days from 1970-01-01 to the first of January of year y */
vlong
_daystoyear(vlong y)
{
	vlong p;

	p = y-1;	/* the years wholly before y, counted from year 1 */
	return 365*p + _floordiv(p, 4) - _floordiv(p, 100) + _floordiv(p, 400) - 719162;
}

/* days in year y before the first of month m (0..12) */
int
_daystomonth(int y, int m)
{
	return cumdays[isleap(y)][m];
}

/*
 * The inverse of gmtime.  Fields out of range carry into the larger
 * ones (month 12 is January of the next year; mday 0 the last day of
 * the month before), so callers can do date arithmetic.  wday and yday
 * are ignored; tzoff is subtracted to give GMT.
 */
long
tm2sec(Tm *tm)
{
	vlong y, m, days;

	y = tm->year + 1900LL;
	m = tm->mon;
	y += _floordiv(m, 12);
	m -= 12*_floordiv(m, 12);
	days = _daystoyear(y) + _daystomonth(y, m) + tm->mday - 1;
	return days*86400 + tm->hour*3600LL + tm->min*60LL + tm->sec - tm->tzoff;
}
