#include <u.h>
#include <libc.h>

/* Seconds since the epoch. */
long
time(long *tp)
{
	long t;

	t = nsec()/1000000000;
	if(tp != nil)
		*tp = t;
	return t;
}
