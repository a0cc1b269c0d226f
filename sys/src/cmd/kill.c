#include <u.h>
#include <libc.h>
#include <bio.h>

/*
 * Print rc commands that would kill the named processes;
 * as on Plan 9, kill name | rc does the deed.
 */

static int
isnumber(char *s)
{
	if(*s == 0)
		return 0;
	for(; *s != 0; s++)
		if(*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* the process name: the first KNAMELEN-byte field of its status */
static int
procname(char *pid, char *name)
{
	char *path;
	long n;
	int fd;

	path = smprint("/proc/%s/status", pid);
	if(path == nil)
		sysfatal("no memory");
	fd = open(path, OREAD);
	free(path);
	if(fd < 0)
		return -1;
	n = readn(fd, name, KNAMELEN-1);
	close(fd);
	if(n <= 0)
		return -1;
	name[n] = 0;
	while(n > 0 && name[n-1] == ' ')
		name[--n] = 0;
	return 0;
}

void
main(int argc, char *argv[])
{
	Biobuf bout;
	Dir *d;
	long n, i;
	int fd, j;
	char name[KNAMELEN];

	ARGBEGIN{
	default:
		fprint(2, "usage: kill name ...\n");
		exits("usage");
	}ARGEND

	fd = open("/proc", OREAD);
	if(fd < 0)
		sysfatal("can't open /proc: %r");
	n = dirreadall(fd, &d);
	close(fd);
	if(n < 0)
		sysfatal("can't read /proc: %r");
	Binit(&bout, 1, OWRITE);
	for(i = 0; i < n; i++){
		if(!isnumber(d[i].name) || procname(d[i].name, name) < 0)
			continue;
		for(j = 0; j < argc; j++)
			if(strcmp(name, argv[j]) == 0){
				Bprint(&bout, "echo kill>/proc/%s/note # %s\n", d[i].name, name);
				break;
			}
	}
	Bflush(&bout);
	exits(nil);
}
