/*
 * vmx: boot a kernel image in a virtual machine through #X.
 * Setup, teardown and the command line; the exit loop is in exits.c.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include <virtio.h>

enum {
	Defmem		= 64<<20,
	Minmem		= 1<<20,
	Pagesz		= 4096,
	Maxhelpers	= 8 + 2*Maxvirtio + Maxcpu,	/* the clock, the COM ports, a request and an input proc per virtio device, a proc per vCPU */
	Maxmap		= 8,
	Maxcmdline	= 4096,
	Maxslow		= 1000,
	Statsmax	= 8192,		/* #X reads stats at most this long */
};

int debug;
int dying;
Conf conf;

static int mainpid;
static int helpers[Maxhelpers];
static int nhelpers;

static void
usage(void)
{
	fprint(2, "usage: vmx [-M mem] [-p ncpu] [-c in[,out]] [-C in[,out]] [-m module]... [-d disk]... [-n [ea:mac!]net]... [-v in[,out]] [-r entropy] [-T slow] [-s stats] [-A] [-D] [-R] kernel [args...]\n");
	exits("usage");
}

void
trace(char *fmt, ...)
{
	char buf[256];
	va_list args;

	if(!debug)
		return;
	va_start(args, fmt);
	vsnprint(buf, sizeof buf, fmt, args);
	va_end(args);
	fprint(2, "vmx: %s", buf);
}

/* "what: the system's error", for the caller to report. */
char*
syserr(char *what)
{
	static char buf[ERRMAX+64];
	char err[ERRMAX];

	rerrstr(err, sizeof err);
	snprint(buf, sizeof buf, "%s: %s", what, err);
	return buf;
}

/* The guest's procs end; they are children, so that vmx ends after them. */
static void
stophelpers(void)
{
	char err[ERRMAX];
	int i;

	for(i = 0; i < nhelpers; i++)
		postnote(PNPROC, helpers[i], "die");
	while(nhelpers > 0){
		if(waitpid() >= 0)
			nhelpers--;
		else{
			rerrstr(err, sizeof err);
			if(strstr(err, "interrupt") == nil)
				break;
		}
	}
	nhelpers = 0;
}

/* Nothing of the guest outlives vmx: its procs, its vCPU, its memory. */
static void
teardown(void)
{
	dying = 1;
	clockstop();
	stophelpers();
	cpusclose();
	memremove();
}

void
fatal(char *fmt, ...)
{
	char buf[ERRMAX];
	va_list args;

	va_start(args, fmt);
	vsnprint(buf, sizeof buf, fmt, args);
	va_end(args);
	fprint(2, "vmx: %s\n", buf);
	teardown();
	exits(buf);
}

/*
 * The helper procs share vmx's file descriptors, so the vCPU lives as
 * long as any of them: every note but a fault of vmx's own ends the
 * guest in the exit loop (the note, such as "interrupt" or a write on
 * a closed pipe, is vmx's status); a fault tears down first. A helper
 * leaves the guest to the main proc, which gets the group's notes
 * too, and goes only when told.
 */
static void
onnote(void*, char *msg)
{
	if(strcmp(msg, "alarm") == 0)
		noted(NCONT);
	if(getpid() != mainpid){
		if(strcmp(msg, "die") == 0 || strncmp(msg, "sys: trap", 9) == 0)
			noted(NDFLT);
		noted(NCONT);
	}
	if(strncmp(msg, "sys: trap", 9) == 0){
		teardown();
		noted(NDFLT);
	}
	endguest(msg);
	noted(NCONT);
}

/* A proc sharing vmx's memory and files, for I/O that blocks and for the clock. */
void
helperproc(void (*f)(void*), void *arg)
{
	int pid;

	if(nhelpers == Maxhelpers)
		fatal("too many helper procs");
	pid = rfork(RFPROC|RFMEM);
	if(pid < 0)
		fatal("rfork: %r");
	if(pid == 0){
		notify(onnote);
		f(arg);
		exits(nil);
	}
	helpers[nhelpers++] = pid;
}

static uchar*
readfile(char *name, usize *len)
{
	Dir *d;
	uchar *p;
	int fd;

	fd = open(name, OREAD);
	if(fd < 0)
		return nil;
	d = dirfstat(fd);
	if(d == nil || (d->mode & DMDIR)){
		free(d);
		close(fd);
		werrstr("not a file");
		return nil;
	}
	*len = d->length;
	free(d);
	p = malloc(*len ? *len : 1);
	if(p == nil || readn(fd, p, *len) != *len){
		free(p);
		close(fd);
		return nil;
	}
	close(fd);
	return p;
}

/* 64M, 512K, 2G or bytes; 0 if malformed. */
static uvlong
parsesize(char *s)
{
	uvlong v;
	char *e;

	v = strtoull(s, &e, 0);
	switch(*e){
	case 'K': case 'k':
		v <<= 10; e++;
		break;
	case 'M': case 'm':
		v <<= 20; e++;
		break;
	case 'G': case 'g':
		v <<= 30; e++;
		break;
	}
	if(e == s || *e != 0)
		return 0;
	return (v + Pagesz-1) & ~(uvlong)(Pagesz-1);
}

static int
openout(char *name)
{
	int fd;

	fd = open(name, OWRITE);
	if(fd < 0)
		fd = create(name, OWRITE, 0666);
	return fd;
}

/* "file" for both directions, or "in,out" with either left empty. */
void
backing(char *spec, int *in, int *out)
{
	char *comma;

	comma = strchr(spec, ',');
	if(comma == nil){
		*in = *out = open(spec, ORDWR);
		if(*in < 0)
			fatal("%s: %r", spec);
		return;
	}
	*comma = 0;
	*in = *out = -1;
	if(*spec != 0 && (*in = open(spec, OREAD)) < 0)
		fatal("%s: %r", spec);
	if(comma[1] != 0 && (*out = openout(comma+1)) < 0)
		fatal("%s: %r", comma+1);
}

/*
 * -s: how long the guest ran in host TSC ticks (instructions, where
 * the host is Bochs), then each vCPU's stats, prefixed with its
 * number, as they stood when the guest ended.
 */
static void
writestats(int fd, uvlong ticks)
{
	char buf[Statsmax], *line, *nl;
	int i;

	fprint(fd, "ticks %llud\n", ticks);
	/* none if a note ended vmx between a reset and the next boot */
	for(i = 0; i < ncpu && cpus[i].ctl >= 0; i++){
		if(vcpustats(&cpus[i], buf, sizeof buf) < 0)
			fatal("%s", syserr("vCPU stats"));
		for(line = buf; (nl = strchr(line, '\n')) != nil; line = nl+1){
			*nl = 0;
			fprint(fd, "cpu%d %s\n", i, line);
		}
		fprint(fd, "cpu%d idles %lud\ncpu%d idlesempty %lud\n", i, cpus[i].idles, i, cpus[i].idlesempty);
	}
	close(fd);
}

/* "-m 'file words'": the module is file, its string the whole argument. */
static void
readmodule(Bootmod *m, char *arg)
{
	char name[256], *sp;

	strecpy(name, name + sizeof name, arg);
	if((sp = strchr(name, ' ')) != nil)
		*sp = 0;
	m->name = arg;
	m->data = readfile(name, &m->len);
	if(m->data == nil)
		fatal("module %s: %r", name);
}

static void
virtioarg(int type, char *arg)
{
	if(conf.nvirtio == Maxvirtio)
		fatal("more than %d virtio devices", Maxvirtio);
	conf.virtio[conf.nvirtio++] = (Virtioarg){type, arg};
}

/* What every boot loads: read once, loaded again after each reset. */
typedef struct Image Image;
struct Image {
	char	*name;
	uchar	*data;
	usize	len;
	char	*cmdline;
	Bootmod	mods[Maxmods];
	int	nmods;
};

/*
 * Power-on: the vCPUs, guest RAM with the image as its loader places
 * it, every device in its reset state and the procs that serve them.
 */
static void
boot(Image *im, int n)
{
	Memrange map[Maxmap];
	Load *l;
	Vdev **d;
	char *err;
	int i;

	cpusopen(n);
	if((err = memcreate(conf.mem)) != nil)
		fatal("%s", err);
	l = mallocz(sizeof *l, 1);
	if(l == nil)
		fatal("out of memory");
	l->ram = ramptr();
	l->ramsize = conf.mem;
	l->map = map;
	l->nmap = pcmemmap(map, nelem(map), conf.mem);
	l->cmdline = im->cmdline;
	l->mods = im->mods;
	l->nmods = im->nmods;
	if((err = loadkernel(l, im->data, im->len)) != nil)
		fatal("%s: %s", im->name, err);
	if((err = cpusmap()) != nil)
		fatal("%s", err);
	memremove();
	err = vcpuload(&cpus[0], l->regs, l->nregs);
	free(l);
	if(err != nil)
		fatal("%s", err);
	for(i = 0; i < n; i++)
		if((err = vcpupolicy(&cpus[i])) != nil)
			fatal("%s", err);

	for(d = devtab; *d != nil; d++)
		(*d)->init();
	clockstart();
	cpusstart();
	for(d = devtab; *d != nil; d++)
		if((*d)->start != nil)
			(*d)->start();
}

/*
 * After a reset, before the next boot: the guest's procs, vCPUs and
 * memory go as at teardown, and its timers; the files behind the
 * devices stay open.
 */
static void
unboot(void)
{
	stophelpers();
	cpusclose();
	memdrop();
	timersclear();
}

static char*
joinargs(int argc, char **argv)
{
	char *s, *p, *e;
	int i;

	s = malloc(Maxcmdline);
	if(s == nil)
		fatal("out of memory");
	p = s;
	e = s + Maxcmdline;
	*p = 0;
	for(i = 0; i < argc; i++)
		p = seprint(p, e, i == 0 ? "%s" : " %s", argv[i]);
	if(p >= e-1)
		fatal("command line too long");
	return s;
}

void
main(int argc, char **argv)
{
	static Image im;
	uvlong mem, t0;
	char *com1, *com2, *modargs[Maxmods], *status, *e;
	int i, slow, n, statsfd;

	mem = Defmem;
	slow = 1;
	n = 1;
	com1 = com2 = nil;
	statsfd = -1;
	ARGBEGIN{
	case 'M':
		mem = parsesize(EARGF(usage()));
		if(mem == 0)
			usage();
		break;
	case 'c':
		com1 = EARGF(usage());
		break;
	case 'C':
		com2 = EARGF(usage());
		break;
	case 'm':
		if(im.nmods == Maxmods)
			fatal("more than %d modules", Maxmods);
		modargs[im.nmods++] = EARGF(usage());
		break;
	case 'd':
		virtioarg(Vidblk, EARGF(usage()));
		break;
	case 'n':
		virtioarg(Vidnet, EARGF(usage()));
		break;
	case 'v':
		virtioarg(Vidcons, EARGF(usage()));
		break;
	case 'r':
		virtioarg(Vidrng, EARGF(usage()));
		break;
	case 'T':
		slow = strtol(EARGF(usage()), &e, 10);
		if(*e != 0 || slow < 1 || slow > Maxslow)
			usage();
		break;
	case 's':
		statsfd = create(EARGF(usage()), OWRITE, 0666);
		if(statsfd < 0)
			fatal("-s: %r");
		break;
	case 'A':
		conf.noapicvirt = 1;
		break;
	case 'D':
		debug++;
		break;
	case 'R':
		conf.noreboot = 1;
		break;
	case 'p':
		n = atoi(EARGF(usage()));
		if(n < 1 || n > Maxcpu)
			fatal("-p: between 1 and %d processors", Maxcpu);
		break;
	default:
		usage();
	}ARGEND
	if(argc < 1)
		usage();
	if(mem < Minmem)
		fatal("memory size below %dK", Minmem>>10);

	im.name = argv[0];
	im.data = readfile(im.name, &im.len);
	if(im.data == nil)
		fatal("%s: %r", im.name);
	if(findloader(im.data, im.len) == nil)
		fatal("%s: not a kernel image vmx can load", im.name);
	for(i = 0; i < im.nmods; i++)
		readmodule(&im.mods[i], modargs[i]);
	im.cmdline = joinargs(argc-1, argv+1);
	conf.mem = mem;
	conf.epoch = time(nil);
	conf.comin[0] = 0;
	conf.comout[0] = 1;
	conf.comin[1] = conf.comout[1] = -1;
	if(com1 != nil)
		backing(com1, &conf.comin[0], &conf.comout[0]);
	if(com2 != nil)
		backing(com2, &conf.comin[1], &conf.comout[1]);

	clockinit(slow);
	mainpid = getpid();
	notify(onnote);
	t0 = hosttsc();
	for(;;){
		boot(&im, n);
		status = runguest(&cpus[0]);
		if(conf.noreboot || !guestresets())
			break;
		unboot();
		/* unless a note ended vmx meanwhile */
		if(!guestrestart())
			break;
	}
	if(statsfd >= 0)
		writestats(statsfd, hosttsc() - t0);
	teardown();
	exits(status);
}
