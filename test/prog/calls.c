#include <u.h>
#include <libc.h>

/*
 * calls OP [ARG...]: system calls that no ordinary command makes
 * in a way a script can see. Each OP prints what it found, for the
 * scripts in test/rc to compare, and fails with a message on error.
 */

static void
usage(void)
{
	fprint(2, "usage: calls op [arg ...]\n");
	exits("usage");
}

static int
openfile(char *file, int mode)
{
	int fd;

	fd = open(file, mode);
	if(fd < 0)
		sysfatal("open %s: %r", file);
	return fd;
}

/* nil: read through a nil pointer, which kills the process */
static void
nilread(char **argv)
{
	volatile int *p;

	p = nil;
	print("%d\n", *p);
}

/* kwrite: a store into the kernel's half of the address space */
static void
kwrite(char**)
{
	volatile int *p;

	p = (int*)0xffff800000100000ULL;
	*p = 0;
	print("written\n");
}

/* datajump: a call into data, whose pages do not execute */
static void
datajump(char**)
{
	static uchar rets[8] = {0xc3, 0xc3, 0xc3, 0xc3, 0xc3, 0xc3, 0xc3, 0xc3};

	((void(*)(void))rets)();
	print("ran data\n");
}

/* pread FILE OFFSET N: N bytes at OFFSET; the file offset stays 0 */
static void
dopread(char **argv)
{
	char buf[256];
	long n;
	int fd;

	fd = openfile(argv[0], OREAD);
	n = atoi(argv[2]);
	if(n > sizeof buf)
		n = sizeof buf;
	n = pread(fd, buf, n, atoll(argv[1]));
	if(n < 0)
		sysfatal("pread: %r");
	print("%.*s %lld\n", (int)n, buf, seek(fd, 0, 1));
}

/* pwrite FILE OFFSET STRING: write at OFFSET, leaving the file offset 0 */
static void
dopwrite(char **argv)
{
	long n;
	int fd;

	fd = openfile(argv[0], OWRITE);
	n = strlen(argv[2]);
	if(pwrite(fd, argv[2], n, atoll(argv[1])) != n)
		sysfatal("pwrite: %r");
	print("%lld\n", seek(fd, 0, 1));
}

/* seek FILE OFFSET TYPE: the new offset and what is read there */
static void
doseek(char **argv)
{
	char buf[64];
	vlong off;
	long n;
	int fd;

	fd = openfile(argv[0], OREAD);
	seek(fd, 2, 0);
	off = seek(fd, atoll(argv[1]), atoi(argv[2]));
	if(off < 0)
		sysfatal("seek: %r");
	n = read(fd, buf, sizeof buf);
	if(n < 0)
		sysfatal("read: %r");
	print("%lld %.*s\n", off, (int)n, buf);
}

static void
printdir(Dir *d)
{
	print("%s %lld %luo %s\n", d->name, d->length, d->mode & 0777,
		d->mode & DMDIR ? "dir" : "file");
}

/* stat FILE, fstat FILE: name, length, permissions, kind */
static void
dostat(char **argv)
{
	Dir *d;

	d = dirstat(argv[0]);
	if(d == nil)
		sysfatal("stat: %r");
	printdir(d);
}

static void
dofstat(char **argv)
{
	Dir *d;

	d = dirfstat(openfile(argv[0], OREAD));
	if(d == nil)
		sysfatal("fstat: %r");
	printdir(d);
}

/* wstat FILE NAME: rename; fwstat FILE MODE: permissions through an open file */
static void
dowstat(char **argv)
{
	Dir d;

	nulldir(&d);
	d.name = argv[1];
	if(dirwstat(argv[0], &d) < 0)
		sysfatal("wstat: %r");
}

static void
dofwstat(char **argv)
{
	Dir d;

	nulldir(&d);
	d.mode = strtoul(argv[1], nil, 8);
	if(dirfwstat(openfile(argv[0], OREAD), &d) < 0)
		sysfatal("fwstat: %r");
}

/* brk N: grow the heap by N bytes and use all of them */
static void
dobrk(char **argv)
{
	ulong n, i;
	char *p;

	n = strtoul(argv[0], nil, 0);
	p = sbrk(n);
	if(p == (char*)-1)
		sysfatal("sbrk: %r");
	for(i = 0; i < n; i++)
		p[i] = i;
	for(i = 0; i < n; i++)
		if(p[i] != (char)i)
			sysfatal("brk: byte %lud lost", i);
	print("%lud\n", n);
}

/* seg CLASS LEN: attach a segment, print its first bytes as a string, detach it */
static void
doseg(char **argv)
{
	char *p;

	p = segattach(0, argv[0], nil, strtoul(argv[1], nil, 0));
	if(p == (char*)-1)
		sysfatal("segattach: %r");
	print("%.*s\n", (int)strtoul(argv[1], nil, 0), p);
	if(segdetach(p) < 0)
		sysfatal("segdetach: %r");
}

/* sem: a child sharing memory releases what the parent waits for */
static long	sem;

static void
dosem(char **argv)
{
	switch(rfork(RFPROC|RFMEM)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		sleep(100);
		semrelease(&sem, 1);
		exits(nil);
	}
	if(semacquire(&sem, 1) != 1)
		sysfatal("semacquire: %r");
	print("%ld\n", sem);
	free(wait());
}

/*
 * segfree: a child sharing memory spins reading a page; once it has
 * seen 1 there, the parent frees the page and writes 2 to the fresh
 * one that takes its place. The child must come to see 2: if it
 * kept a mapping of the freed page (on another processor, say), it
 * would see 1 for ever. It gives up after five seconds.
 */
static char	area[3*4096];
static long	seen;

static void
dosegfree(char **argv)
{
	volatile long *page;
	vlong end;
	Waitmsg *w;

	page = (long*)(((uintptr)area + 4095) & ~(uintptr)4095);
	*page = 1;
	switch(rfork(RFPROC|RFMEM)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		end = nsec() + 5000000000LL;
		while((seen = *page) != 2)
			if(nsec() > end)
				exits("stale");
		exits(nil);
	}
	while(*(volatile long*)&seen != 1)
		sleep(0);
	if(segfree((void*)page, 4096) < 0)
		sysfatal("segfree: %r");
	*page = 2;
	w = wait();
	print("%s\n", w->msg[0] ? w->msg : "fresh");
}

/* alarm: the alarm note interrupts a sleep; the handler continues */
static char	*caught;

static void
catch(void *ureg, char *msg)
{
	caught = strdup(msg);
	noted(NCONT);
}

static void
doalarm(char **argv)
{
	vlong t;

	notify(catch);
	t = nsec();
	alarm(100);
	sleep(10000);
	t = (nsec() - t)/1000000;
	print("%s %s\n", caught, t < 5000 ? "early" : "late");
}

/*
 * alarmdeep: the alarm note comes while the stack pointer sits about
 * 200 bytes above stack pages never touched, so the handler's frame
 * (red zone, registers, message: some 500 bytes) lands on them and
 * they must fault in: the kernel took that fault as its own and
 * panicked.
 */
static volatile char *deep;

static void
alarmhere(void)
{
	alarm(50);
	sleep(10000);
}

static void
doalarmdeep(char **argv)
{
	uintptr sp;

	notify(catch);
	sp = (uintptr)&sp;
	deep = __builtin_alloca(sp - ((sp - 64*1024) & ~(uintptr)4095) - 256);
	alarmhere();
	print("%s %s\n", caught, (uintptr)deep < sp - 60*1024 ? "deep" : "shallow");
}

/* errstr: a failing call's error, and errstr swapping it */
static void
doerrstr(char **argv)
{
	char buf[ERRMAX];

	if(open(argv[0], OREAD) >= 0)
		sysfatal("%s opened", argv[0]);
	strcpy(buf, "swapped");
	errstr(buf, sizeof buf);
	print("%s|%r\n", buf);
}

/* time: nsec and time agree and move forward */
static void
dotime(char **argv)
{
	vlong a, b;
	long t;

	a = nsec();
	sleep(10);
	b = nsec();
	t = time(nil);
	print("%s %s\n", b > a ? "forward" : "stuck",
		t - b/1000000000 < 2 && b/1000000000 - t < 2 ? "agree" : "disagree");
}

/* rfork mem|nowait|cfdg: what a child made with the flag sees */
static int	shared;

static void
dorfork(char **argv)
{
	Waitmsg *w;

	if(strcmp(argv[0], "mem") == 0){
		if(rfork(RFPROC|RFMEM) == 0){
			shared = 42;
			exits(nil);
		}
		free(wait());
		print("%d\n", shared);
	}else if(strcmp(argv[0], "memfault") == 0){
		/* the child faults in the memory it shares; the parent goes on */
		if(rfork(RFPROC|RFMEM) == 0)
			nilread(argv);
		w = wait();
		shared = 1;
		print("%d %s\n", shared, w->msg);
	}else if(strcmp(argv[0], "nowait") == 0){
		if(rfork(RFPROC|RFNOWAIT) == 0)
			exits(nil);
		w = wait();
		print("%s\n", w == nil ? "nochild" : "child");
	}else if(strcmp(argv[0], "cfdg") == 0){
		if(rfork(RFPROC|RFCFDG) == 0)
			exits(write(1, "", 0) < 0 ? "closed" : "open");
		w = wait();
		print("%s\n", w->msg);
	}else
		usage();
}

static struct {
	char	*name;
	int	nargs;
	void	(*fn)(char**);
} ops[] = {
	{"alarm",	0,	doalarm},
	{"alarmdeep",	0,	doalarmdeep},
	{"brk",		1,	dobrk},
	{"datajump",	0,	datajump},
	{"errstr",	1,	doerrstr},
	{"fstat",	1,	dofstat},
	{"fwstat",	2,	dofwstat},
	{"kwrite",	0,	kwrite},
	{"nil",		0,	nilread},
	{"pread",	3,	dopread},
	{"pwrite",	3,	dopwrite},
	{"rfork",	1,	dorfork},
	{"seek",	3,	doseek},
	{"seg",		2,	doseg},
	{"segfree",	0,	dosegfree},
	{"sem",		0,	dosem},
	{"stat",	1,	dostat},
	{"time",	0,	dotime},
	{"wstat",	2,	dowstat},
};

void
main(int argc, char *argv[])
{
	int i;

	ARGBEGIN{
	default:
		usage();
	}ARGEND

	if(argc < 1)
		usage();
	for(i = 0; i < nelem(ops); i++)
		if(strcmp(ops[i].name, argv[0]) == 0){
			if(argc-1 != ops[i].nargs)
				usage();
			ops[i].fn(argv+1);
			exits(nil);
		}
	usage();
}
