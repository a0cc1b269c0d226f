#include <u.h>
#include <libc.h>

/* Write d to name, or to fd if name is nil. */
static int
wstatdir(char *name, int fd, Dir *d)
{
	uchar *buf;
	uint n;
	int r;

	n = sizeD2M(d);
	buf = malloc(n);
	if(buf == nil)
		return -1;
	convD2M(d, buf, n);
	r = name != nil ? wstat(name, buf, n) : fwstat(fd, buf, n);
	free(buf);
	return r;
}

int
dirwstat(char *name, Dir *d)
{
	return wstatdir(name, -1, d);
}

int
dirfwstat(int fd, Dir *d)
{
	return wstatdir(nil, fd, d);
}
