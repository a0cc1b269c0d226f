#include <u.h>
#include <libc.h>
#include <xorshift.h>
#include "test.h"

static void
date(long t, char *want, int yday)
{
	char name[32];
	Tm *tm;

	snprint(name, sizeof name, "gmtime-%ld", t);
	tm = gmtime(t);
	checkstr(name, asctime(tm), want);
	check(name, tm->yday == yday, "yday %d want %d", tm->yday, yday);
	check(name, tm2sec(tm) == t, "tm2sec %ld", tm2sec(tm));
}

static int
isleap(int y)
{
	return y%4 == 0 && (y%100 != 0 || y%400 == 0);
}

/* walk the calendar a day at a time from 1900 to 2400 and compare */
static void
walk(void)
{
	static int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, yday, wday, bad, n;
	long t;
	Tm *tm;

	t = -2208988800L + 12*3600 + 34*60 + 56;	/* 1900-01-01 12:34:56, a Monday */
	wday = 1;
	bad = 0;
	for(y = 1900; y < 2400; y++){
		yday = 0;
		for(m = 0; m < 12; m++){
			n = mdays[m] + (m == 1 && isleap(y));
			for(d = 1; d <= n; d++){
				tm = gmtime(t);
				if(tm->year != y-1900 || tm->mon != m || tm->mday != d || tm->yday != yday
				|| tm->wday != wday || tm->hour != 12 || tm->min != 34 || tm->sec != 56){
					if(bad++ < 3)
						check("gmtime-walk", 0, "%d-%d-%d: got %d-%d-%d yday %d wday %d",
							y, m+1, d, tm->year+1900, tm->mon+1, tm->mday, tm->yday, tm->wday);
				}
				if(tm2sec(tm) != t && bad++ < 3)
					check("tm2sec-walk", 0, "%d-%d-%d: %ld != %ld", y, m+1, d, tm2sec(tm), t);
				t += 86400;
				yday++;
				wday = (wday+1) % 7;
			}
		}
	}
	check("gmtime-walk", bad == 0, "%d wrong", bad);
}

static void
roundtrip(void)
{
	uvlong x;
	long t;
	int i, bad;

	x = 2463534242ULL;
	bad = 0;
	for(i = 0; i < 100000; i++){
		t = (long)(xorshift(&x) % 400000000000ULL) - 100000000000L;	/* about 1800 to 14600 */
		if(tm2sec(gmtime(t)) != t && bad++ < 3)
			check("tm2sec-roundtrip", 0, "%ld", t);
	}
	check("tm2sec-roundtrip", bad == 0, "%d wrong", bad);
}

int
main(void)
{
	Tm tm, *p;

	date(0, "Thu Jan  1 00:00:00 GMT 1970\n", 0);
	date(-1, "Wed Dec 31 23:59:59 GMT 1969\n", 364);
	date(951782400, "Tue Feb 29 00:00:00 GMT 2000\n", 59);
	date(2147483647, "Tue Jan 19 03:14:07 GMT 2038\n", 18);
	date(2147483648L, "Tue Jan 19 03:14:08 GMT 2038\n", 18);
	date(-2208988800L, "Mon Jan  1 00:00:00 GMT 1900\n", 0);
	date(-2203891200L, "Thu Mar  1 00:00:00 GMT 1900\n", 59);	/* 1900 is not leap */
	date(4107542400L, "Mon Mar  1 00:00:00 GMT 2100\n", 59);	/* nor 2100 */
	date(1795302512, "Sat Nov 21 23:08:32 GMT 2026\n", 324);
	date(253402300799L, "Fri Dec 31 23:59:59 GMT 9999\n", 364);
	date(68256000000L, "Fri Dec 12 00:00:00 GMT 4132\n", 346);
	checkstr("ctime", ctime(1795302512), "Sat Nov 21 23:08:32 GMT 2026\n");
	checkstr("ctime-day-padded", ctime(0), "Thu Jan  1 00:00:00 GMT 1970\n");
	check("ctime-length", strlen(ctime(0)) == 29, "%ld", strlen(ctime(0)));

	p = localtime(1795302512);
	check("localtime", strcmp(p->zone, "GMT") == 0 && p->tzoff == 0 && p->hour == 23, "zone %s", p->zone);

	/* tm2sec carries out-of-range fields and honours tzoff */
	tm = *gmtime(0);
	tm.mon = 12;
	check("tm2sec-month13", tm2sec(&tm) == 31536000, "%ld", tm2sec(&tm));
	tm = *gmtime(951782400);
	tm.mday = 0;
	check("tm2sec-mday0", tm2sec(&tm) == 951782400 - 29*86400, "%ld", tm2sec(&tm));
	tm = *gmtime(951782400);
	tm.hour = 1;
	tm.tzoff = 3600;	/* 01:00 an hour east of Greenwich is midnight GMT */
	check("tm2sec-tzoff", tm2sec(&tm) == 951782400, "%ld", tm2sec(&tm));
	tm = *gmtime(0);
	tm.mon = -1;
	check("tm2sec-month-1", tm2sec(&tm) == -31*86400, "%ld", tm2sec(&tm));

	walk();
	roundtrip();
	return checkstatus();
}
