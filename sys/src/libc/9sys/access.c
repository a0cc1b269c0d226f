#include <u.h>
#include <libc.h>

/* Whether the file exists, or could be opened in the given modes. */
int
access(char *name, int mode)
{
	static int omode[] = {
		[AREAD] OREAD,
		[AWRITE] OWRITE,
		[AREAD|AWRITE] ORDWR,
		[AEXEC] OEXEC,
		[AEXEC|AREAD] OEXEC,
		[AEXEC|AWRITE] ORDWR,
		[AEXEC|AREAD|AWRITE] ORDWR,
	};
	uchar buf[STATFIXLEN];
	int fd;

	mode &= AREAD|AWRITE|AEXEC;
	if(mode == AEXIST)
		return stat(name, buf, sizeof buf) < 0 ? -1 : 0;
	fd = open(name, omode[mode]);
	if(fd < 0)
		return -1;
	close(fd);
	return 0;
}
