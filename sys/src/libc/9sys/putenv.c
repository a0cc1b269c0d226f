#include <u.h>
#include <libc.h>

/* Set /env/name to the single word val, NUL-terminated as rc expects. */
int
putenv(char *name, char *val)
{
	char path[KNAMELEN+8];
	long n;
	int fd;

	if(strchr(name, '/') != nil || strlen(name) > KNAMELEN){
		werrstr("bad env name");
		return -1;
	}
	snprint(path, sizeof path, "/env/%s", name);
	fd = create(path, OWRITE, 0666);
	if(fd < 0)
		return -1;
	n = strlen(val)+1;
	if(write(fd, val, n) != n){
		close(fd);
		return -1;
	}
	return close(fd);
}
