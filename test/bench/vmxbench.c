/*
 * vmxbench: instructions per exit round trip through user space, for
 * ./mk bench under Bochs, where the TSC counts instructions. Each case
 * runs a one-instruction guest loop in real mode and answers every exit
 * with go, as a monitor would; the kernel's stats split the cost.
 */
#include <u.h>
#include <libc.h>

enum
{
	Rounds	= 2000,
	Code	= 0x1000,	/* guest-physical address of the loop */
	Handler	= 0x2000,	/* the interrupt handler, an iret */
	Vector	= 0x20,
};

static char realmode[] =
	"cr0real 0x10\ncr0fake 0x10\n"
	"cs 0\ncsbase 0\ncslimit 0xffff\ncsperm 0x9b\n"
	"ds 0\ndsbase 0\ndslimit 0xffff\ndsperm 0x93\n"
	"ss 0\nssbase 0\nsslimit 0xffff\nssperm 0x93\n"
	"idtrbase 0\nidtrlimit 0x3ff\npc 0x1000\nsp 0x8000\nflags 0x2\n";

typedef struct Case Case;
struct Case
{
	char	*name;
	uchar	code[4];	/* the loop: an exiting instruction, then jmp back */
	char	*go;		/* the ctl message that resumes past the exit */
	int	irq;		/* wake each halt with an interrupt */
};

static Case cases[] = {
	{ "out",	{ 0xe6, 0x80, 0xeb, 0xfc }, "go pc=0x1002" },	/* out %al,$0x80 */
	{ "cpuid",	{ 0x0f, 0xa2, 0xeb, 0xfc }, "go pc=0x1002" },
	{ "hlt+irq",	{ 0xfb, 0xf4, 0xeb, 0xfc }, "go pc=0x1002", 1 },	/* sti; hlt */
};

static uvlong
rdtsc(void)
{
	u32int lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uvlong)hi<<32 | lo;
}

static int
xopen(char *fmt, int n, int mode)
{
	char name[64];
	int fd;

	snprint(name, sizeof name, fmt, n);
	if((fd = open(name, mode)) < 0)
		sysfatal("open %s: %r", name);
	return fd;
}

static void
xwrite(int fd, char *s)
{
	if(write(fd, s, strlen(s)) != strlen(s))
		sysfatal("write %s: %r", s);
}

/* The kernel's count named name in #X/n/stats. */
static uvlong
kstat(int n, char *name)
{
	char buf[1024], *line[64], *f[2];
	int fd, i, nl;
	long r;

	fd = xopen("#X/%d/stats", n, OREAD);
	r = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(r <= 0)
		sysfatal("read stats: %r");
	buf[r] = 0;
	nl = getfields(buf, line, nelem(line), 1, "\n");
	for(i = 0; i < nl; i++)
		if(tokenize(line[i], f, 2) == 2 && strcmp(f[0], name) == 0)
			return strtoull(f[1], nil, 10);
	sysfatal("no %s in stats", name);
	return 0;
}

static void
run(Case *c)
{
	char buf[256], seg[32];
	uchar ivt[4];
	int ctl, wait, fd, n, i;
	uvlong t0, total, user, t1, e2u0, g2e0, ex0;

	snprint(seg, sizeof seg, "bench.%d", getpid());
	snprint(buf, sizeof buf, "#g/%s", seg);
	if((fd = create(buf, OREAD, DMDIR|0777)) < 0)
		sysfatal("create %s: %r", buf);
	close(fd);
	snprint(buf, sizeof buf, "#g/%s/ctl", seg);
	fd = open(buf, OWRITE);
	xwrite(fd, "va 0x10000000 0x10000 sticky");
	close(fd);
	snprint(buf, sizeof buf, "#g/%s/data", seg);
	fd = open(buf, OWRITE);
	if(pwrite(fd, c->code, sizeof c->code, Code) != sizeof c->code)
		sysfatal("load: %r");
	ivt[0] = Handler & 0xff;
	ivt[1] = Handler >> 8;
	ivt[2] = ivt[3] = 0;
	pwrite(fd, ivt, 4, Vector*4);
	pwrite(fd, "\xcf", 1, Handler);	/* iret */
	close(fd);

	ctl = open("#X/clone", ORDWR);
	if(ctl < 0)
		sysfatal("#X/clone: %r");
	n = read(ctl, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	n = atoi(buf);
	fd = xopen("#X/%d/map", n, OWRITE);
	snprint(buf, sizeof buf, "rwx wb 0 0x10000 %s 0\n", seg);
	xwrite(fd, buf);
	close(fd);
	fd = xopen("#X/%d/regs", n, OWRITE);
	xwrite(fd, realmode);
	close(fd);
	wait = xopen("#X/%d/wait", n, OREAD);

	xwrite(ctl, "go");
	read(wait, buf, sizeof buf);
	ex0 = kstat(n, "userexits");
	e2u0 = kstat(n, "exit2user");
	g2e0 = kstat(n, "go2entry");
	user = 0;
	t0 = rdtsc();
	for(i = 0; i < Rounds; i++){
		t1 = rdtsc();
		if(c->irq)
			xwrite(ctl, "irq 32");
		xwrite(ctl, c->go);
		user += rdtsc() - t1;
		read(wait, buf, sizeof buf);
		if(c->irq && strncmp(buf, "*ack", 4) == 0)
			read(wait, buf, sizeof buf);
	}
	total = rdtsc() - t0;
	print("%-8s %6llud instructions per round trip: exit to reader %llud, go to entry %llud, user-space ctl writes %llud (%llud exits read)\n",
		c->name, total/Rounds,
		(kstat(n, "exit2user") - e2u0)/Rounds, (kstat(n, "go2entry") - g2e0)/Rounds,
		user/Rounds, kstat(n, "userexits") - ex0);
	xwrite(ctl, "quit");
	close(wait);
	close(ctl);
	snprint(buf, sizeof buf, "#g/%s", seg);
	remove(buf);
}

void
main(int argc, char *argv[])
{
	Case *c;
	uvlong t0;
	int i;

	for(c = cases; c < cases+nelem(cases); c++)
		if(argc < 2 || strcmp(argv[1], c->name) == 0)
			run(c);
	t0 = rdtsc();
	for(i = 0; i < Rounds; i++)
		nsec();
	print("%-8s %6llud instructions per call (nsec)\n", "syscall", (rdtsc() - t0)/Rounds);
	exits(nil);
}
