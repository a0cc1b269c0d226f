#include <u.h>
#include <libc.h>

/* Read until n bytes or end of file; -1 only if the first read fails. */
long
readn(int fd, void *buf, long n)
{
	char *p;
	long got, m;

	p = buf;
	for(got = 0; got < n; got += m){
		m = read(fd, p+got, n-got);
		if(m < 0)
			return got == 0 ? -1 : got;
		if(m == 0)
			break;
	}
	return got;
}
