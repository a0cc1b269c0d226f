#include <u.h>
#include <libc.h>
#include <xorshift.h>
#include "realvm.h"

/*
 * vmxfuzz: #X under fire, for test/devvmx/fuzz.t (and ./mk fuzz),
 * three ways: its files (below), random guests (fuzzguests) and exit
 * storms (storm). Run it on two processors as "vmxfuzz [-s seed]
 * files|guests|storm [N]": N sets the count (2000; a long run: a
 * large one), -s the seed (1).
 *
 * vmxfuzz files [N]: N operations on #X's files under fire while
 * guests run. Workers, rfork'd sharers of one descriptor table and of
 * a table of open descriptors, open, close, read and write every file
 * of every vCPU (the guests', their own clones', ones that do not
 * exist) at odd offsets and sizes, writing lines made from the grammar
 * of ctl, regs and map and raw fpregs images, mutated; they remove
 * files and quit their own vCPUs. Shared opens of wait and trace are
 * read by several workers at once, and unmap lines span anything up to
 * the whole guest-physical space: the ways issue 9's holes 2, 3 and 5
 * crashed or corrupted the host. A runner per guest answers its exits
 * with go. Prints "fuzz #X: N operations, 0 host crashes", then checks
 * that the kernel's free memory and heap in use (/dev/swap) are back
 * where a warm-up round left them once every vCPU has quit.
 */

enum {
	Nworkers	= 4,
	Nguests		= 2,
	Nslots		= 24,
	Maxclones	= 3,
	Maxline		= 2048,
	Guestspace	= 1ULL<<48,	/* guest-physical addresses map lines may name */
	Tick		= 100,	/* ms an alarm gives a read that may block */
	Maxfd		= 200,	/* above what Nslots and the opens in flight can reach */
	Textbase	= 0x200000,	/* where user.ld puts text */
	Maxwarm		= 6,
	Primechans	= 600,	/* several times what a round holds at once */
	Primeprocs	= 40,
	Primeheap	= 1<<20,	/* many times the malloc'd memory a round holds at once */
	Pagesize	= 4096,
};

typedef struct Shared Shared;
typedef struct W W;

/* A worker's own: the processes share memory (RFMEM) but not stacks. */
struct W {
	u64int	rng;
	int	nclones;
};

struct Shared {
	int	slot[Nslots];	/* open descriptors, any worker's */
	int	guest[Nguests];	/* their vCPU numbers */
	char	seg[Nguests][32];
	long	ops;
	long	results[5];	/* fuzzguests: a count per outcome */
	int	done;
};

static Shared *sh;

/* inc ax; out 0x80, al; jmp back */
static uchar spin[] = {0x40, 0xe6, 0x80, 0xeb, 0xfb};

static char *files[] = {"ctl", "regs", "map", "status", "wait", "fpregs", "stats", "trace", "", "..", "nonesuch"};
static char *regnames[] = {
	"pc", "sp", "flags", "ax", "bx", "cx", "dx", "bp", "si", "di", "r8", "r15",
	"gdtrbase", "gdtrlimit", "idtrbase", "idtrlimit",
	"cs", "csbase", "cslimit", "csperm", "ss", "ssperm", "ds", "dsperm", "tr", "trperm", "ldtr", "ldtrperm",
	"cr0real", "cr0fake", "cr0mask", "cr4real", "cr4fake", "cr4mask", "cr2", "cr3",
	"pat", "efer", "xcr0", "dr0", "dr6", "dr7",
	"exitreason", "exitqualification", "idtinterruptinfo", "instructionerror",
	"bogus", "",
};
static char *events[] = {
	"#de", "#db", "#bp", "#of", "#ud", "#nm", "#df", "#ts", "#np", "#ss", "#gp", "#pf",
	"#mf", "#ac", "#mc", "#xm", "#ve", "#2", "#31", "#32", "#255", "#-1", "32", "255", "0", "-1", "#", "x",
};
static char *accesses[] = {"rwx", "r", "rw", "rx", "w", "-", "---", "rr", "q"};
static char *caches[] = {"wb", "uc", "wc", "wt", "wp", "xx"};

static u64int
rnd(W *w)
{
	return xorshift(&w->rng);
}

static int
below(W *w, int n)
{
	return rnd(w) % n;
}

static char*
pick(W *w, char **a, int n)
{
	return a[below(w, n)];
}

static u64int
number(W *w)
{
	static u64int v[] = {
		0, 1, 2, 0x10, 0xff, 0x1000, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
		0xffffffff, 1ULL<<32, 1ULL<<47, 0xffff800000000000ULL, 1ULL<<63, ~0ULL,
	};

	if(below(w, 4) == 0)
		return rnd(w);
	return v[below(w, nelem(v))];
}

/* A vCPU to aim at: a guest, one of ours (from the slots), or anything. */
static int
target(W *w)
{
	switch(below(w, 4)){
	case 0:
	case 1:
		return sh->guest[below(w, Nguests)];
	case 2:
		return below(w, 8);
	}
	return below(w, 70) - 3;
}

static int
isguest(int n)
{
	int i;

	for(i = 0; i < Nguests; i++)
		if(sh->guest[i] == n)
			return 1;
	return 0;
}

static char*
ctlline(W *w, char *p, char *e, int quitok)
{
	int i;

	switch(below(w, 9)){
	case 0:
		return seprint(p, e, "go");
	case 1:
		p = seprint(p, e, below(w, 2) ? "go " : "step ");
		for(i = below(w, 4); i > 0; i--)
			p = seprint(p, e, "%s=%#llux;", pick(w, regnames, nelem(regnames)), number(w));
		return p;
	case 2:
		return seprint(p, e, "stop");
	case 3:
		return seprint(p, e, "exc %s", pick(w, events, nelem(events)));
	case 4:
		return seprint(p, e, "exc %s,%#llux,%d", pick(w, events, nelem(events)), number(w), below(w, 20));
	case 5:
		return seprint(p, e, below(w, 2) ? "irq" : "irq %s", pick(w, events, nelem(events)));
	case 6:
		return seprint(p, e, "extrap %#llux", below(w, 2) ? number(w) : (u64int)1 << below(w, 32));
	case 7:
		return seprint(p, e, quitok ? "quit" : "stop");
	}
	return seprint(p, e, "%s", pick(w, files, nelem(files)));
}

static char*
regsline(W *w, char *p, char *e)
{
	int i;

	for(i = 1 + below(w, 4); i > 0; i--)
		p = seprint(p, e, "%s %#llux\n", pick(w, regnames, nelem(regnames)), number(w));
	return p;
}

static char*
mapline(W *w, char *p, char *e)
{
	u64int lo, hi;
	char *seg;

	lo = (u64int)below(w, 1<<12) << 12;
	if(below(w, 3) == 0){
		switch(below(w, 3)){
		case 0:
			hi = lo + ((u64int)below(w, Guestmem>>12) << 12);
			break;
		case 1:
			lo = 0;
			hi = Guestspace;
			break;
		default:
			hi = lo + (rnd(w) % (Guestspace - lo) & ~(u64int)(Pagesize-1));
		}
		return seprint(p, e, "--- %s %#llux %#llux\n", pick(w, caches, nelem(caches)), lo, hi);
	}
	hi = lo + ((u64int)below(w, Guestmem>>12) << 12);
	seg = below(w, 4) ? sh->seg[below(w, Nguests)] : "nonesuch";
	return seprint(p, e, "%s %s %#llux %#llux %s %#ux\n", pick(w, accesses, nelem(accesses)),
		pick(w, caches, nelem(caches)), lo, hi, seg, below(w, Guestmem>>12) << 12);
}

/* Damage a line: flip a bit, cut it, stretch it, a NUL or a huge number in it. */
static int
mutate(W *w, char *buf, int n)
{
	static char *huge[] = {"18446744073709551616", "-1", "-9223372036854775808", "0x", "99999999999999999999999"};
	char *h;
	int i, m;

	switch(below(w, 6)){
	case 0:
		if(n > 0)
			buf[below(w, n)] ^= 1 << below(w, 8);
		return n;
	case 1:
		return below(w, n+1);
	case 2:
		for(m = n; m < Maxline && m < n + below(w, 1500); m++)
			buf[m] = buf[m % (n ? n : 1)];
		return m;
	case 3:
		if(n > 0)
			buf[below(w, n)] = 0;
		return n;
	case 4:
		h = pick(w, huge, nelem(huge));
		i = n > 0 ? below(w, n) : 0;
		m = strlen(h);
		if(i + m > Maxline)
			return n;
		memmove(buf+i, h, m);
		return i+m > n ? i+m : n;
	}
	return n;
}

/* A descriptor from the shared table, or -1. */
static int
slotfd(W *w)
{
	return sh->slot[below(w, Nslots)];
}

static void
keep(W *w, int fd)
{
	int i, old;

	i = below(w, Nslots);
	old = sh->slot[i];
	sh->slot[i] = fd;
	if(old >= 0)
		close(old);
}

static vlong
offset(W *w)
{
	static vlong v[] = {0, 0, 0, 1, 3, 7, 17, 4095, 4096, 0x7fffffff, 1LL<<40, -1};

	return v[below(w, nelem(v))];
}

static long
size(W *w)
{
	static long v[] = {0, 1, 2, 3, 16, 17, 100, 511, 512, 1000, 4096, 8192};

	return v[below(w, nelem(v))];
}

/* A read that may block (wait with no exit due) ends at the next tick. */
static void
blockingread(int fd, char *buf, long n, vlong off)
{
	alarm(Tick);
	pread(fd, buf, n, off);
	alarm(0);
}

static void
writeline(W *w, int n, char *file, int fd)
{
	char buf[Maxline+1];
	char *e;
	int len;

	e = buf + Maxline;
	if(strcmp(file, "ctl") == 0)
		len = ctlline(w, buf, e, !isguest(n)) - buf;
	else if(strcmp(file, "regs") == 0)
		len = regsline(w, buf, e) - buf;
	else if(strcmp(file, "map") == 0)
		len = mapline(w, buf, e) - buf;
	else{
		for(len = 0; len < 512; len++)
			buf[len] = rnd(w);
		pwrite(fd, buf, size(w), offset(w));
		return;
	}
	if(below(w, 2))
		len = mutate(w, buf, len);
	if(below(w, 2) && len < Maxline)
		buf[len++] = '\n';
	pwrite(fd, buf, len, below(w, 4) ? 0 : offset(w));
}

/* One operation on a random file of a random vCPU. */
static void
op(W *w)
{
	static int modes[] = {OREAD, OWRITE, ORDWR, OWRITE|OTRUNC};
	char path[64], buf[8192];
	char *file;
	int fd, n;

	n = target(w);
	file = pick(w, files, nelem(files));
	snprint(path, sizeof path, "#X/%d/%s", n, file);
	switch(below(w, 10)){
	case 0:	/* open and keep, shared with the other workers */
		if((fd = open(path, modes[below(w, nelem(modes)-(isguest(n) ? 1 : 0))])) >= 0)
			keep(w, fd);
		break;
	case 1:
		fd = slotfd(w);
		if(fd >= 0)
			close(fd);
		break;
	case 2:	/* a read on a shared descriptor, wait and trace among them */
		if((fd = slotfd(w)) >= 0)
			blockingread(fd, buf, size(w), offset(w));
		break;
	case 3:	/* a read on a descriptor of our own */
		if((fd = open(path, OREAD)) >= 0){
			blockingread(fd, buf, size(w), offset(w));
			close(fd);
		}
		break;
	case 4:
	case 5:
	case 6:
		if((fd = open(path, OWRITE)) >= 0){
			writeline(w, n, file, fd);
			close(fd);
		}
		break;
	case 7:
		/* as if to a guest: the descriptor may be one's ctl, which must not quit */
		if((fd = slotfd(w)) >= 0)
			writeline(w, sh->guest[0], below(w, 2) ? "ctl" : "regs", fd);
		break;
	case 8:
		if(w->nclones < Maxclones && (fd = open("#X/clone", ORDWR)) >= 0){
			w->nclones++;
			keep(w, fd);
		}
		break;
	case 9:
		if(!isguest(n) || strcmp(file, "ctl") != 0)
			remove(path);
		break;
	}
}

static void
onnote(void*, char *msg)
{
	if(strcmp(msg, "alarm") == 0)
		noted(NCONT);
	noted(NDFLT);
}

static void
worker(int id, long count, u64int seed)
{
	W w;

	w.rng = seed * 0x9e3779b97f4a7c15ULL + id + 1;
	w.nclones = 0;
	notify(onnote);
	while(count-- > 0){
		op(&w);
		sh->ops++;
	}
}

/* Answer the guest's exits with go until told to stop. */
static void
runner(void *a)
{
	char buf[256];
	Vm *v;

	v = a;
	notify(onnote);
	while(!sh->done){
		alarm(Tick);
		read(v->wait, buf, sizeof buf);
		alarm(0);
		write(v->ctl, "go", 2);
	}
}

static int
spawn(void (*f)(void*), void *arg)
{
	int pid;

	switch(pid = rfork(RFPROC|RFMEM)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		f(arg);
		exits(nil);
	}
	return pid;
}

static long fuzzcount;
static u64int fuzzseed;

static void
runworker(void *a)
{
	worker((int)(uintptr)a, fuzzcount, fuzzseed);
}

/*
 * Every vCPU there is, all of them this test's, quits (some have
 * already); returns how many were still there.
 */
static int
quitall(void)
{
	Dir *d;
	char path[64];
	int fd, i, n, left;

	if((fd = open("#X", OREAD)) < 0)
		sysfatal("#X: %r");
	n = dirreadall(fd, &d);
	close(fd);
	left = 0;
	for(i = 0; i < n; i++){
		if(strcmp(d[i].name, "clone") == 0)
			continue;
		left++;
		snprint(path, sizeof path, "#X/%s/ctl", d[i].name);
		if((fd = open(path, OWRITE)) >= 0){
			write(fd, "quit", 4);
			close(fd);
		}
	}
	free(d);
	return left;
}

/*
 * f(arg) in a process with a descriptor table of its own, which goes
 * with it: the table grows with the highest descriptor used and is
 * never smaller again while its processes live.
 */
static void
inchild(void (*f)(void*), void *arg)
{
	switch(rfork(RFPROC|RFMEM|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		f(arg);
		exits(nil);
	}
	waitpid();
}

static int
isguestfd(Vm *g, int fd)
{
	int i;

	for(i = 0; i < Nguests; i++)
		if(fd == g[i].ctl || fd == g[i].wait)
			return 1;
	return 0;
}

/* One round: guests, runners, workers; everything quit and closed after. */
static long
round(char *name, long count, u64int seed)
{
	Vm g[Nguests];
	char path[64];
	int i, fd, nproc;

	memset(sh, 0, sizeof *sh);
	for(i = 0; i < Nslots; i++)
		sh->slot[i] = -1;
	for(i = 0; i < Nguests; i++){
		snprint(path, sizeof path, "%s%d", name, i);
		newvm(&g[i], path, spin, sizeof spin, nil, 0);
		sh->guest[i] = g[i].n;
		strcpy(sh->seg[i], g[i].seg);
		xwrite(g[i].ctl, "go");
	}
	nproc = 0;
	for(i = 0; i < Nguests; i++, nproc++)
		spawn(runner, &g[i]);
	fuzzcount = count / Nworkers;
	fuzzseed = seed;
	for(i = 0; i < Nworkers; i++)
		spawn(runworker, (void*)(uintptr)i);
	for(i = 0; i < Nworkers; i++)
		waitpid();
	sh->done = 1;
	for(i = 0; i < Nguests; i++)
		waitpid();
	/* every descriptor the workers opened, the slots' and those races dropped */
	for(fd = 3; fd < Maxfd; fd++)
		if(!isguestfd(g, fd))
			close(fd);
	/* a vCPU goes when the last process using it lets go */
	for(i = 0; quitall() > 0; i++){
		if(i == 100)
			sysfatal("vCPUs left after quit");
		sleep(20);
	}
	for(i = 0; i < Nguests; i++){
		close(g[i].wait);
		close(g[i].ctl);
		snprint(path, sizeof path, "#g/%s", g[i].seg);
		remove(path);
	}
	return sh->ops;
}

typedef struct Run Run;
struct Run {
	char	*name;
	long	count;
	u64int	seed;
};

static void
runround(void *a)
{
	Run *r;

	r = a;
	round(r->name, r->count, r->seed);
}

/* Every page of our text, which the kernel caches once read, read now. */
static void
touchtext(void)
{
	extern char etext[];
	volatile char *p;

	for(p = (char*)Textbase; p < etext; p += Pagesize)
		(void)*p;
}

/* Available memory and heap in use (see swapfigure), as one line. */
static void
mem(char *buf, int n)
{
	snprint(buf, n, "%llud available, %llud heap", swapfigure("available"), swapfigure("heap"));
}

/*
 * The kernel keeps what it frees of some things for reuse, so free
 * memory is back where it was only once these lists hold more than a
 * round uses at once: Chans and Procs (with their stacks) are made
 * here by the hundred and freed, our text pages read, our heap grown. Then warm-up
 * rounds doing what the measured one will (the same seed) run until
 * one leaves free memory as it found it; still falling after Maxwarm
 * is a leak. Leaves the figure in before; 0 if it did not settle.
 */
static void
prime(void)
{
	int fd[Primechans], i;
	void *heap;

	touchtext();
	/*
	 * malloc grows the heap 64 KiB at a time and never gives it back,
	 * and how much the workers' mallocs take at once depends on their
	 * timing: the heap they need, grown and touched now.
	 */
	heap = malloc(Primeheap);
	if(heap == nil)
		sysfatal("malloc: %r");
	memset(heap, 0, Primeheap);
	free(heap);
	for(i = 0; i < Primechans; i++)
		fd[i] = open("/dev/null", OREAD);
	for(i = 0; i < Primechans; i++)
		close(fd[i]);
	for(i = 0; i < Primeprocs; i++)
		if(rfork(RFPROC|RFMEM) == 0){
			sleep(500);
			exits(nil);
		}
	for(i = 0; i < Primeprocs; i++)
		waitpid();
}

static int
settle(void (*f)(void*), Run *r, char *before, int n)
{
	char after[256];
	int i;

	prime();
	mem(before, n);
	for(i = 0; i < Maxwarm; i++){
		inchild(f, r);
		mem(after, sizeof after);
		if(strcmp(before, after) == 0)
			return 1;
		strecpy(before, before+n, after);
	}
	return 0;
}

/* The memory check of a round run after settle. */
static void
memcheck(char *name, int settled, char *before)
{
	char after[256];

	mem(after, sizeof after);
	if(!settled)
		print("not ok %s: free memory still falling after %d rounds: %s\n", name, Maxwarm, after);
	else if(strcmp(before, after) != 0)
		print("not ok %s: before %s, after %s\n", name, before, after);
	else
		print("ok %s\n", name);
}

static u64int startseed = 1;	/* -s */

static void
fuzzfiles(int count)
{
	char before[256];
	Run r;
	int ok;

	r = (Run){"fuzz", count, startseed};
	ok = settle(runround, &r, before, sizeof before);
	inchild(runround, &r);
	print("fuzz #X: %ld operations, 0 host crashes\n", sh->ops);
	memcheck("vmxfuzz-files-memory", ok, before);
}

/*
 * vmxfuzz guests [N]: N runs, each a new vCPU in real,
 * 32-bit or 64-bit mode executing random bytes from random registers,
 * exception bitmap and injected event. Each run ends in an exit line
 * (after at most Maxexits answered with go), an error string or a
 * dead vCPU; one that gives none of them, even to stop, is a hang.
 */
enum {
	Maxexits	= 4,
	Codesize	= 256,
	Pml4		= 0x8000,	/* 64-bit mode's page tables: 2M at 0, identity */
};

static char prot32[] =
	"cs 8\ncsbase 0\ncslimit 0xffffffff\ncsperm 0xc09b\n"
	"ds 16\ndsbase 0\ndslimit 0xffffffff\ndsperm 0xc093\n"
	"ss 16\nssbase 0\nsslimit 0xffffffff\nssperm 0xc093\n"
	"cr0real 0x11\ncr0fake 0x11\n";
static char long64[] =
	"cs 8\ncsbase 0\ncslimit 0xffffffff\ncsperm 0xa09b\n"
	"ds 16\ndsbase 0\ndslimit 0xffffffff\ndsperm 0xc093\n"
	"ss 16\nssbase 0\nsslimit 0xffffffff\nssperm 0xc093\n"
	"cr3 0x8000\ncr4real 0x20\ncr4fake 0x20\nefer 0x500\n"
	"cr0real 0x80000011\ncr0fake 0x80000011\n";

enum { Rline, Rerror, Rdead, Rhang, Rentry, Nresults };	/* Shared.results; Rentry: lines of failed entries */

/* write s to fd; 0 if the kernel refused it */
static int
try(int fd, char *s)
{
	return write(fd, s, strlen(s)) == strlen(s);
}

/* One exit line of v, waiting at most a few ticks. */
static int
exitline(Vm *v, char *buf, int n)
{
	int r;

	alarm(10*Tick);
	r = read(v->wait, buf, n-1);
	alarm(0);
	buf[r > 0 ? r : 0] = 0;
	return r > 0;
}

static int
isdead(Vm *v)
{
	char buf[256];
	int fd, r;

	fd = xopen("#X/%d/status", v->n, OREAD);
	r = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[r > 0 ? r : 0] = 0;
	return strncmp(buf, "dead", 4) == 0;
}

static int
guestrun(W *w, Vm *v)
{
	static char *modes[] = {nil, prot32, long64};
	uchar code[Codesize];
	char buf[512];
	int i, fd, ctl;

	for(i = 0; i < Codesize; i++)
		code[i] = rnd(w);
	vmload(v, code, Codesize, Code);
	vmclone(v);
	vmrealmode(v);
	ctl = v->ctl;
	fd = xopen("#X/%d/regs", v->n, OWRITE);
	if(modes[i = below(w, nelem(modes))] != nil)
		xwrite(fd, modes[i]);
	for(i = below(w, 5); i > 0; i--){
		regsline(w, buf, buf + sizeof buf);
		try(fd, buf);
	}
	close(fd);
	if(below(w, 2)){
		snprint(buf, sizeof buf, "extrap %#llux", rnd(w) & 0xffffffff);
		try(ctl, buf);
	}
	if(below(w, 3) == 0){
		snprint(buf, sizeof buf, "%s %s", below(w, 2) ? "exc" : "irq", pick(w, events, nelem(events)));
		try(ctl, buf);
	}
	for(i = 0; i < Maxexits; i++){
		if(!try(ctl, "go"))
			return isdead(v) ? Rdead : Rerror;
		if(exitline(v, buf, sizeof buf)){
			if(buf[0] == '!')
				sh->results[Rentry]++;
		}else{
			/* a guest that neither exits nor ends: stop it */
			if(try(ctl, "stop") && exitline(v, buf, sizeof buf))
				return Rline;
			return isdead(v) ? Rdead : Rhang;
		}
	}
	return Rline;
}

static void
guestruns(void *a)
{
	Vm v;
	Run *run;
	W w;
	char path[64];
	uchar pt[8];
	uvlong e;
	long i;
	int j;

	run = a;
	w.rng = run->seed * 0x9e3779b97f4a7c15ULL + 1;
	notify(onnote);
	vmseg(&v, run->name);
	/* PML4, PDPT, then a page directory whose first entry is a 2M page */
	for(i = 0; i < 3; i++){
		e = i < 2 ? (Pml4 + (i+1)*0x1000) | 3 : 0x83;
		for(j = 0; j < 8; j++)
			pt[j] = e >> 8*j;
		vmload(&v, pt, sizeof pt, Pml4 + i*0x1000);
	}
	for(i = 0; i < run->count; i++){
		sh->results[guestrun(&w, &v)]++;
		write(v.ctl, "quit", 4);
		close(v.wait);
		close(v.ctl);
	}
	snprint(path, sizeof path, "#g/%s", v.seg);
	remove(path);
}

static void
fuzzguests(int count)
{
	char before[256];
	Run r;
	long *n;
	int ok;

	n = sh->results;
	r = (Run){"fuzzg", count, startseed};
	ok = settle(guestruns, &r, before, sizeof before);
	memset(n, 0, Nresults * sizeof n[0]);
	inchild(guestruns, &r);
	print("fuzz guests: %d runs: %ld exit lines, %ld error strings, %ld dead vCPUs, %ld hangs (%ld failed entries)\n",
		count, n[Rline], n[Rerror], n[Rdead], n[Rhang], n[Rentry]);
	if(n[Rhang] == 0 && n[Rline] + n[Rerror] + n[Rdead] == count)
		print("ok vmxfuzz-guests-outcomes\n");
	else
		print("not ok vmxfuzz-guests-outcomes: %ld hangs\n", n[Rhang]);
	memcheck("vmxfuzz-guests-memory", ok, before);
}

/*
 * vmxfuzz storm [N]: an rc loop of N rounds, timed
 * alone and then while a guest per processor exits in a tight loop
 * (CPUID, I/O, an EPT violation on unmapped memory), each exit
 * answered with go.
 */
static uchar stormcode[] = {
	0x0f, 0xa2,		/* 0x1000 cpuid */
	0xe6, 0x80,		/* 0x1002 out 0x80, al */
	0x26, 0xa2, 0x00, 0x00,	/* 0x1004 mov es:0, al: es is 0x2000, unmapped */
	0xeb, 0xf6,		/* 0x1008 jmp 0x1000 */
};

static void
stormer(void *a)
{
	char buf[256], *go;
	Vm *v;

	v = a;
	notify(onnote);
	xwrite(v->ctl, "go es=0x2000;esbase=0x20000;");
	while(!sh->done){
		alarm(10*Tick);
		if(read(v->wait, buf, sizeof buf) <= 0){
			alarm(0);
			continue;
		}
		alarm(0);
		sh->ops++;
		/* past the faulting store */
		go = strncmp(buf, "eptfault", 8) == 0 ? "go pc=0x1008;" : "go";
		write(v->ctl, go, strlen(go));
	}
}

/* ms that rc takes for count rounds of a loop running echo */
static vlong
rcloop(long count)
{
	char cmd[128];
	vlong t;

	snprint(cmd, sizeof cmd, "for(i in `{seq %ld}) echo $i >/dev/null", count);
	t = nsec();
	switch(rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		execl("/bin/rc", "rc", "-c", cmd, nil);
		sysfatal("exec rc: %r");
	}
	waitpid();
	return (nsec() - t) / 1000000;
}

static void
storm(int count)
{
	Vm g[Nguests];
	vlong alone, busy;
	int i;

	alone = rcloop(count);
	memset(sh, 0, sizeof *sh);
	for(i = 0; i < Nguests; i++){
		newvm(&g[i], i ? "storm1" : "storm0", stormcode, sizeof stormcode, nil, 0);
		spawn(stormer, &g[i]);
	}
	busy = rcloop(count);
	sh->done = 1;
	for(i = 0; i < Nguests; i++)
		waitpid();
	for(i = 0; i < Nguests; i++)
		endvm(&g[i]);
	print("storm: rc loop of %d rounds: %lld ms alone, %lld ms with %d guests exiting (%lld.%02lldx), %ld exits\n",
		count, alone, busy, Nguests, busy/alone, busy*100/alone % 100, sh->ops);
	if(sh->ops > 0)
		print("ok vmxfuzz-storm-exits\n");
	else
		print("not ok vmxfuzz-storm-exits: none\n");
}

static Subtest tests[] = {
	{"files",	fuzzfiles,	2000},
	{"guests",	fuzzguests,	2000},
	{"storm",	storm,	2000},
};

static void
usage(void)
{
	fprint(2, "usage: vmxfuzz [-s seed] files|guests|storm [N]\n");
	exits("usage");
}

void
main(int argc, char **argv)
{
	ARGBEGIN{
	case 's':
		startseed = strtoull(EARGF(usage()), nil, 0);
		break;
	default:
		usage();
	}ARGEND
	sh = mallocz(sizeof *sh, 1);
	/* the program's name back in front of the subtest's words */
	argv--, argc++;
	argv[0] = argv0;
	runsubtest(tests, nelem(tests), argc, argv);
}
