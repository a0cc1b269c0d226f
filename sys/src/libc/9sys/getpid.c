#include <u.h>
#include <libc.h>

int
getpid(void)
{
	char buf[32];
	long n;
	int fd;

	fd = open("#c/pid", OREAD);
	if(fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf-1);
	close(fd);
	if(n <= 0)
		return -1;
	buf[n] = 0;
	return atoi(buf);
}
