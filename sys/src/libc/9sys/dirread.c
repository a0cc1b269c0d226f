#include <u.h>
#include <libc.h>
#include "../port/le.h"

/*
 * Unpack the stat records in buf[0:n] into one malloc'd block:
 * the Dirs followed by their strings.
 */
static long
dirpack(uchar *buf, long n, Dir **dp)
{
	Dir *d;
	char *s;
	long i, m, nd, ns;

	nd = 0;
	ns = 0;
	for(i = 0; i < n; i += m){
		if(n-i < BIT16SZ)
			break;
		m = BIT16SZ + GBIT16(buf+i);
		if(m > n-i || statcheck(buf+i, m) < 0)
			break;
		ns += m;
		nd++;
	}
	if(i != n){
		werrstr("bad directory format");
		return -1;
	}
	d = malloc(nd*sizeof(Dir) + ns);
	if(d == nil)
		return -1;
	s = (char*)&d[nd];
	for(i = 0, nd = 0; i < n; i += m, nd++){
		m = BIT16SZ + GBIT16(buf+i);
		convM2D(buf+i, m, &d[nd], s);
		s += m;
	}
	*dp = d;
	return nd;
}

/* The entries from one read of directory fd. */
long
dirread(int fd, Dir **dp)
{
	uchar *buf;
	long n;

	*dp = nil;
	buf = malloc(DIRMAX);
	if(buf == nil)
		return -1;
	n = read(fd, buf, DIRMAX);
	if(n > 0)
		n = dirpack(buf, n, dp);
	free(buf);
	return n;
}

/* All the remaining entries of directory fd. */
long
dirreadall(int fd, Dir **dp)
{
	uchar *buf, *nbuf;
	long n, ts;

	*dp = nil;
	buf = nil;
	ts = 0;
	for(;;){
		nbuf = realloc(buf, ts+DIRMAX);
		if(nbuf == nil){
			free(buf);
			return -1;
		}
		buf = nbuf;
		n = read(fd, buf+ts, DIRMAX);
		if(n <= 0)
			break;
		ts += n;
	}
	if(ts > 0 && n >= 0)
		n = dirpack(buf, ts, dp);
	free(buf);
	return n;
}
