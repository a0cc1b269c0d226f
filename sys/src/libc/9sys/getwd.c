#include <u.h>
#include <libc.h>

/* The current directory's name: the kernel remembers the path each fd was opened by. */
char*
getwd(char *buf, int nbuf)
{
	int fd, n;

	fd = open(".", OREAD);
	if(fd < 0)
		return nil;
	n = fd2path(fd, buf, nbuf);
	close(fd);
	if(n < 0)
		return nil;
	return buf;
}
