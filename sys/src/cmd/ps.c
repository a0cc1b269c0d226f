#include <u.h>
#include <libc.h>
#include <bio.h>

/*
 * /proc/N/status: name, user and state in KNAMELEN-byte fields,
 * then Numsize-byte numbers: six times in ms (user, sys, real,
 * and the same for children), memory in KB, base and current priority.
 */
enum
{
	Numsize	= 12,
	Utime	= 0,
	Stime	= 1,
	Mem	= 6,
	Nnum	= 9,
	Statlen	= 3*KNAMELEN + Nnum*Numsize,
};

typedef struct Proc Proc;
struct Proc
{
	long	pid;
	char	name[KNAMELEN];
	char	user[KNAMELEN];
	char	state[KNAMELEN];
	ulong	num[Nnum];
};

static Proc	*procs;
static int	nprocs;

/* a field of the status file, without its padding */
static void
field(char *dst, char *src, int n)
{
	memmove(dst, src, n);
	dst[n] = 0;
	while(n > 0 && dst[n-1] == ' ')
		dst[--n] = 0;
}

static int
readproc(Proc *p, char *pid)
{
	char buf[Statlen+1], *path, num[Numsize+1];
	long n;
	int fd, i;

	path = smprint("/proc/%s/status", pid);
	if(path == nil)
		sysfatal("no memory");
	fd = open(path, OREAD);
	free(path);
	if(fd < 0)
		return -1;
	n = readn(fd, buf, Statlen);
	close(fd);
	if(n < 3*KNAMELEN)
		return -1;
	memset(buf+n, ' ', Statlen-n);
	p->pid = atol(pid);
	field(p->name, buf, KNAMELEN-1);
	field(p->user, buf+KNAMELEN, KNAMELEN-1);
	field(p->state, buf+2*KNAMELEN, KNAMELEN-1);
	for(i = 0; i < Nnum; i++){
		field(num, buf+3*KNAMELEN+i*Numsize, Numsize);
		p->num[i] = strtoul(num, nil, 10);
	}
	return 0;
}

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

static int
bypid(void *a, void *b)
{
	long x, y;

	x = ((Proc*)a)->pid;
	y = ((Proc*)b)->pid;
	return x < y ? -1 : x > y;
}

void
main(int argc, char *argv[])
{
	Biobuf bout;
	Dir *d;
	long n, i;
	int fd;
	Proc *p;
	ulong ut, st;

	ARGBEGIN{
	default:
		fprint(2, "usage: ps\n");
		exits("usage");
	}ARGEND

	fd = open("/proc", OREAD);
	if(fd < 0)
		sysfatal("can't open /proc: %r");
	n = dirreadall(fd, &d);
	close(fd);
	if(n < 0)
		sysfatal("can't read /proc: %r");
	procs = malloc((n+1)*sizeof(Proc));
	if(procs == nil)
		sysfatal("no memory");
	for(i = 0; i < n; i++)
		if(isnumber(d[i].name) && readproc(&procs[nprocs], d[i].name) == 0)
			nprocs++;
	qsort(procs, nprocs, sizeof(Proc), bypid);

	Binit(&bout, 1, OWRITE);
	for(p = procs; p < procs+nprocs; p++){
		ut = p->num[Utime]/1000;
		st = p->num[Stime]/1000;
		Bprint(&bout, "%-10s %8ld %4lud:%.2lud %3lud:%.2lud %7ludK %-8.8s %s\n",
			p->user, p->pid, ut/60, ut%60, st/60, st%60,
			p->num[Mem], p->state, p->name);
	}
	Bflush(&bout);
	exits(nil);
}
