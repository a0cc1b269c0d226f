#include <u.h>
#include <libc.h>
#include "realvm.h"

/*
 * vmxholes: the holes a hostile review found in #X, each driven
 * through the files as an attacker would, as "ok NAME" or
 * "not ok NAME: why" lines for holes.rc and oom.t. Before the fixes
 * each of these crashed the kernel, hung, or printed "not ok".
 *
 *	eptoom		a map line that runs out of memory half way
 *			changes nothing (boot with little memory)
 *	unmapbig	unmapping all of guest-physical space allocates
 *			nothing and ends at once
 *	twotrace	a second reader of one open trace gets an error
 *	tracefault	trace read into a page not yet faulted in
 *	gdt		after a guest ran, user code reaches no more of
 *			the GDT than before (one processor)
 *	wbinvd		WBINVD and INVD exit to the monitor
 *	tracequit	trace opened as its vCPU quits ends, never hangs
 *	waitshare	two processes sharing one open wait, reading a
 *			byte at a time, get each byte of each line once
 */

/* Write s to fd; 0, or -1 with the error in err. */
static int
putfd(int fd, char *s, char *err, int nerr)
{
	if(write(fd, s, strlen(s)) == strlen(s))
		return 0;
	if(err != nil)
		rerrstr(err, nerr);
	return -1;
}

/* The same to file of v. */
static int
put(Vm *v, char *file, char *s, char *err, int nerr)
{
	char name[64];
	int fd, r;

	snprint(name, sizeof name, "#X/%d/%s", v->n, file);
	if((fd = open(name, OWRITE)) < 0)
		sysfatal("open %s: %r", name);
	r = putfd(fd, s, err, nerr);
	close(fd);
	return r;
}

static uvlong
freepages(void)
{
	char buf[256], *p;
	int fd, n;

	fd = open("/dev/swap", OREAD);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		sysfatal("read /dev/swap: %r");
	buf[n] = 0;
	p = strstr(buf, "pagesize\n");
	if(p == nil)
		sysfatal("/dev/swap: %s", buf);
	return strtoull(p+9, nil, 10);
}

static uchar hlt[] = { 0xf4 };

/*
 * Map one page of A at 0x1fe000, then eat all memory with a second
 * vCPU's map, one page table per line. A line for A over
 * [0x1ff000, 0x201000) then needs one more table, for its second
 * page: it must fail and leave no leaf for its first, which would
 * run A's hlt. With memory back, the same line maps both pages.
 */
static void
eptoom(int)
{
	char buf[256], err[ERRMAX], line[128];
	Vm a, b;
	int i, nfail, nok, amap, bmap;
	uvlong gpa;

	newvm(&a, "ooma", hlt, sizeof hlt, nil, 0);
	newvm(&b, "oomb", hlt, sizeof hlt, nil, 0);
	/* opened now: with no memory left, an open could wait for some */
	amap = xopen("#X/%d/map", a.n, OWRITE);
	bmap = xopen("#X/%d/map", b.n, OWRITE);
	snprint(line, sizeof line, "rwx wb 0x1fe000 0x1ff000 %s 0x1000\n", a.seg);
	if(putfd(amap, line, nil, 0) < 0)
		sysfatal("map: %r");
	nok = nfail = 0;
	err[0] = 0;
	for(i = 0; i < 1<<20 && nfail < 16; i++){
		gpa = 0x40000000ULL + (uvlong)i*0x200000;
		snprint(line, sizeof line, "r-- wb %#llux %#llux %s 0\n", gpa, gpa+0x1000, b.seg);
		if(putfd(bmap, line, err, sizeof err) < 0)
			nfail++;
		else
			nok++;
	}
	check("eptoom-exhausted", nfail == 16 && strstr(err, "kernel allocate failed") != nil,
		"%d lines mapped, %d failed, last error %q", nok, nfail, err);
	snprint(line, sizeof line, "rwx wb 0x1ff000 0x201000 %s 0x1000\n", a.seg);
	check("eptoom-line-fails", putfd(amap, line, err, sizeof err) < 0 && strstr(err, "kernel allocate failed") != nil,
		"map line with no memory left: %q", err);
	close(bmap);
	endvm(&b);

	snprint(line, sizeof line, "rwx wb 0x0 0x10000 %s 0x0\nrwx wb 0x1fe000 0x1ff000 %s 0x1000\n", a.seg, a.seg);
	i = open(smprint("#X/%d/map", a.n), OREAD);
	buf[read(i, buf, sizeof buf - 1)] = 0;
	close(i);
	check("eptoom-map-unchanged", strcmp(buf, line) == 0, "map is %q", buf);

	/* real mode, cs based so that ip 0x1000 is guest-physical 0x1ff000 */
	put(&a, "regs", "csbase 0x1fe000\n", nil, 0);
	xwrite(a.ctl, "go");
	next(&a, buf, sizeof buf);
	check("eptoom-no-leaf", strncmp(buf, "eptfault ", 9) == 0 && strstr(buf, " pa 0x1ff000") != nil,
		"guest at 0x1ff000: %s", buf);

	snprint(line, sizeof line, "rwx wb 0x1ff000 0x201000 %s 0x1000\n", a.seg);
	check("eptoom-line-later", putfd(amap, line, err, sizeof err) == 0, "map line: %q", err);
	close(amap);
	xwrite(a.ctl, "go");
	next(&a, buf, sizeof buf);
	check("eptoom-mapped-later", strncmp(buf, ".hlt ", 5) == 0 && strstr(buf, " pc 0x1000 ") != nil,
		"guest at 0x1ff000: %s", buf);
	endvm(&a);
}

static void
unmapbig(int)
{
	char err[ERRMAX], buf[256];
	Vm a;
	uvlong before, after;
	int fd;

	newvm(&a, "unmap", hlt, sizeof hlt, nil, 0);
	fd = open(smprint("#X/%d/map", a.n), OWRITE|OTRUNC);
	close(fd);
	put(&a, "map", "--- wb 0 0x1000\n", nil, 0);
	before = freepages();
	err[0] = 0;
	put(&a, "map", "--- wb 0 0x1000000000000\n", err, sizeof err);
	after = freepages();
	check("unmap-everything", err[0] == 0, "unmap line: %q", err);
	check("unmap-allocates-nothing", before == after, "free pages %llud before, %llud after", before, after);
	/* a guest with nothing mapped faults at its first fetch */
	xwrite(a.ctl, "go");
	next(&a, buf, sizeof buf);
	check("unmap-nothing-mapped", strncmp(buf, "eptfault ", 9) == 0, "%s", buf);
	endvm(&a);
}

static void
twotrace(int)
{
	char buf[64], err[ERRMAX];
	Vm a;
	int fd, pid, n;
	Waitmsg *w;

	newvm(&a, "trace2", hlt, sizeof hlt, nil, 0);
	fd = xopen("#X/%d/trace", a.n, OREAD);
	switch(pid = rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		n = read(fd, buf, sizeof buf);
		exits(n == 0 ? nil : "not end of file");
	}
	sleep(500);
	n = read(fd, buf, sizeof buf);
	err[0] = 0;
	if(n < 0)
		rerrstr(err, sizeof err);
	check("trace-second-reader", n < 0 && strcmp(err, "vmx: trace is already being read") == 0,
		"read returned %d: %q", n, err);
	endvm(&a);
	w = wait();
	check("trace-first-reader-ends", w != nil && w->pid == pid && w->msg[0] == 0,
		"reader: %s", w != nil ? w->msg : "no wait message");
	free(w);
	close(fd);
}

/* out %al,$0x80; hlt */
static uchar outhlt[] = { 0xe6, 0x80, 0xf4 };
static char untouched[16*4096];

static void
tracefault(int)
{
	char buf[256], *p;
	Vm a;
	int fd, n;

	newvm(&a, "tracef", outhlt, sizeof outhlt, nil, 0);
	fd = xopen("#X/%d/trace", a.n, OREAD);
	xwrite(a.ctl, "go");
	next(&a, buf, sizeof buf);
	p = untouched + 8*4096;
	n = read(fd, p, 200);
	check("trace-into-new-page", n > 3 && strncmp(p, "io ", 3) == 0, "read %d: %.*s", n, n > 0 ? n : 0, p);
	close(fd);
	endvm(&a);
}

/* Selectors of the GDT that lar accepts from user mode. */
static int
gdtreach(void)
{
	u32int sel, r;
	u8int ok;
	int n;

	n = 0;
	for(sel = 3; sel < 0x10000; sel += 8){
		asm volatile("lar %2, %0; setz %1" : "=r"(r), "=q"(ok) : "r"(sel) : "cc");
		n += ok;
	}
	return n;
}

static void
gdt(int)
{
	char buf[256];
	Vm a;
	int before, after;

	before = gdtreach();
	newvm(&a, "gdt", hlt, sizeof hlt, nil, 0);
	xwrite(a.ctl, "go");
	next(&a, buf, sizeof buf);
	after = gdtreach();
	endvm(&a);
	check("gdt-limit-after-exit", before == after && strncmp(buf, ".hlt ", 5) == 0,
		"%d selectors before the guest ran, %d after (%s)", before, after, buf);
}

/* wbinvd; invd; hlt */
static uchar caches[] = { 0x0f, 0x09, 0x0f, 0x08, 0xf4 };

static void
wbinvd(int)
{
	char buf[256];
	Vm a;

	newvm(&a, "wbinvd", caches, sizeof caches, nil, 0);
	xwrite(a.ctl, "go");
	next(&a, buf, sizeof buf);
	check("wbinvd-exits", strncmp(buf, ".wbinvd ", 8) == 0 && strstr(buf, " pc 0x1000 ") != nil, "%s", buf);
	xwrite(a.ctl, "go pc=0x1002");
	next(&a, buf, sizeof buf);
	check("invd-exits", strncmp(buf, ".invd ", 6) == 0 && strstr(buf, " pc 0x1002 ") != nil, "%s", buf);
	endvm(&a);
}

/* A reader that opens trace while its vCPU quits sees the end of it. */
static void
tracequit(int rounds)
{
	char buf[64];
	Vm a;
	int i, fd, pid, bad;
	Waitmsg *w;

	bad = 0;
	for(i = 0; i < rounds && !bad; i++){
		newvm(&a, "traceq", hlt, sizeof hlt, nil, 0);
		switch(pid = rfork(RFPROC|RFFDG)){
		case -1:
			sysfatal("rfork: %r");
		case 0:
			alarm(20000);
			fd = open(smprint("#X/%d/trace", a.n), OREAD);
			if(fd >= 0 && read(fd, buf, sizeof buf) != 0)
				exits("not end of file");
			exits(nil);
		}
		endvm(&a);
		w = wait();
		if(w == nil || w->pid != pid || w->msg[0] != 0){
			check("trace-open-while-quitting", 0, "round %d: %s", i, w != nil ? w->msg : "no wait message");
			bad = 1;
		}
		free(w);
	}
	if(!bad)
		print("ok trace-open-while-quitting\n");
}

/* out %al,$0x80; jmp back: the same line at every exit */
static uchar outloop[] = { 0xe6, 0x80, 0xeb, 0xfc };

enum { Sharers = 2 };

/*
 * Each sharer reads wait a byte at a time and answers the end of a
 * line with go, until quit ends the reads; they tell the parent how
 * many bytes and lines they saw. Whoever reads while the other is in
 * the middle gets "already being read" and tries again.
 */
static void
waitshare(int secs)
{
	char buf[64], line[256], err[ERRMAX];
	Vm a;
	int p[2], i, n, len, bytes, lines, bad;
	vlong tb, tl;

	newvm(&a, "waitsh", outloop, sizeof outloop, nil, 0);
	xwrite(a.ctl, "go");
	len = strlen(next(&a, line, sizeof line)) + 1;
	xwrite(a.ctl, "go");
	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	for(i = 0; i < Sharers; i++){
		switch(rfork(RFPROC|RFFDG)){
		case -1:
			sysfatal("rfork: %r");
		case 0:
			bytes = lines = bad = 0;
			for(;;){
				n = read(a.wait, buf, 1);
				if(n == 1){
					bytes++;
					if(buf[0] == '\n'){
						lines++;
						if(write(a.ctl, "go", 2) != 2)
							break;
					}
					continue;
				}
				if(n != 0)
					rerrstr(err, sizeof err);
				if(n < 0 && strcmp(err, "vmx: wait is already being read") == 0){
					sleep(0);
					continue;
				}
				if(n != -1 || strcmp(err, "vmx: vCPU is being removed") != 0)
					bad++;
				break;
			}
			fprint(p[1], "%d %d %d\n", bytes, lines, bad);
			exits(nil);
		}
	}
	sleep(secs*1000);
	xwrite(a.ctl, "quit");
	close(p[1]);
	tb = tl = 0;
	bad = 0;
	for(i = 0; i < Sharers; i++){
		n = 0;
		while(n < sizeof line - 1 && read(p[0], line+n, 1) == 1 && line[n] != '\n')
			n++;
		line[n] = 0;
		tb += strtol(line, nil, 10);
		tl += strtol(strchr(line, ' ') ? strchr(line, ' ') : "0", nil, 10);
		bad += strtol(strrchr(line, ' ') ? strrchr(line, ' ') : "1", nil, 10);
	}
	while(waitpid() > 0)
		;
	/* the last line may be cut by quit: whole lines, plus at most one part */
	check("wait-shared-bytes", bad == 0 && tl > 10 && tb >= tl*len && tb < (tl+1)*len,
		"%lld bytes in %lld lines of %d, %d bad reads", tb, tl, len, bad);
	close(a.wait);
	close(a.ctl);
	remove(smprint("#g/%s", a.seg));
}

static Subtest tests[] = {
	{"eptoom",	eptoom},
	{"unmapbig",	unmapbig},
	{"twotrace",	twotrace},
	{"tracefault",	tracefault},
	{"gdt",	gdt},
	{"wbinvd",	wbinvd},
	{"tracequit",	tracequit,	20},
	{"waitshare",	waitshare,	5},
};

void
main(int argc, char *argv[])
{
	runsubtest(tests, nelem(tests), argc, argv);
}
