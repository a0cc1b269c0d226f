#include <u.h>
#include <libc.h>
#include "realvm.h"

/*
 * vmxsmp: #X on several processors, as "ok NAME" or "not ok NAME: why"
 * lines for test/devvmx/smp.rc. Guests are a few real-mode bytes at
 * 0x1000 in a sticky segment of their own.
 *
 *	migrate [N]	N (1000) exits of a guest counting in ax,
 *			answered with go, while busy processes move its
 *			reader from processor to processor and another
 *			process reads its registers, moving its VMCS
 *	two [SECS]	two spinning guests, each run by a process of its
 *			own, both in their guests at once for SECS (1)
 *			seconds
 *	irq		an interrupt for a spinning guest, from another
 *			process, taken at once
 */

enum { Ms = 1000000LL };

/*
 * A process that reads v's registers now and then, taking its VMCS
 * to its own processor each time.
 */
static int
regsreader(Vm *v)
{
	char buf[4096];
	int pid, fd, i;

	switch(pid = rfork(RFPROC|RFNOWAIT)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		fd = xopen("#X/%d/regs", v->n, OREAD);
		for(i = 0; i < 20; i++){
			if(pread(fd, buf, sizeof buf, 0) <= 0 || strstr(buf, "pc 0x") == nil){
				check("migrate-regs", 0, "read regs: %r");
				exits("regs");
			}
			sleep(50);
		}
		exits(nil);
	}
	return pid;
}

/* Processes that keep every processor busy until killed. */
static int
busy(int n, int *pid)
{
	int i;

	for(i = 0; i < n; i++){
		switch(pid[i] = rfork(RFPROC|RFNOWAIT)){
		case -1:
			sysfatal("rfork: %r");
		case 0:
			for(;;)
				;
		}
	}
	return n;
}

static void
kill(int n, int *pid)
{
	int i;

	for(i = 0; i < n; i++)
		postnote(PNPROC, pid[i], "kill");
}

/* inc %ax; out %ax,$0x80; jmp back */
static uchar countloop[] = { 0x40, 0xe7, 0x80, 0xeb, 0xfb };

static void
migrate(int rounds)
{
	char buf[256], *p;
	int pid[3], i, ax, bad;
	Vm v;

	newvm(&v, "smpm", countloop, sizeof countloop, nil, 0);
	busy(nelem(pid)-1, pid);
	pid[nelem(pid)-1] = regsreader(&v);
	bad = 0;
	xwrite(v.ctl, "go");
	for(i = 1; i <= rounds; i++){
		next(&v, buf, sizeof buf);
		p = strstr(buf, " ax 0x");
		ax = p != nil ? strtoul(p+6, nil, 16) : -1;
		if(strncmp(buf, "io ", 3) != 0 || strstr(buf, " pc 0x1001 ") == nil || ax != i){
			check("migrate-exits", 0, "exit %d: %s", i, buf);
			bad = 1;
			break;
		}
		xwrite(v.ctl, "go pc=0x1003");
	}
	kill(nelem(pid), pid);
	if(!bad)
		print("ok migrate-exits\n");
	if(vmstat(&v, "migrations") > 0)
		print("ok migrate-moved\n");
	else
		check("migrate-moved", 0, "no migrations in %d exits", rounds);
	endvm(&v);
}

/* jmp . */
static uchar spin[] = { 0xeb, 0xfe };

/* Run v's guest from a process of its own; its exit line goes to fd. */
static int
runner(Vm *v, int fd)
{
	char buf[256];
	int pid;

	switch(pid = rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		xwrite(v->ctl, "go");
		next(v, buf, sizeof buf);
		fprint(fd, "%s\n", buf);
		exits(nil);
	}
	return pid;
}

static void
two(int secs)
{
	char buf[512], *l[2];
	Vm a, b;
	vlong t, ga, gb;
	int p[2], n;

	newvm(&a, "smpa", spin, sizeof spin, nil, 0);
	newvm(&b, "smpb", spin, sizeof spin, nil, 0);
	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	t = nsec();
	runner(&a, p[1]);
	runner(&b, p[1]);
	sleep(secs*1000);
	xwrite(a.ctl, "stop");
	xwrite(b.ctl, "stop");
	t = nsec() - t;
	free(wait());
	free(wait());
	close(p[1]);
	n = readn(p[0], buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	close(p[0]);
	if(getfields(buf, l, 2, 1, "\n") == 2 && strstr(l[0], " pc 0x1000 ") != nil && strstr(l[1], " pc 0x1000 ") != nil)
		print("ok two-stopped\n");
	else
		check("two-stopped", 0, "%s", buf);
	ga = vmstat(&a, "guestns");
	gb = vmstat(&b, "guestns");
	/* one processor would give them t between them */
	if(ga + gb > t*3/2)
		print("ok two-at-once\n");
	else
		check("two-at-once", 0, "guests ran %lld and %lld ms in %lld ms", ga/Ms, gb/Ms, t/Ms);
	endvm(&a);
	endvm(&b);
}

/* sti; jmp . and a handler that says so: out %al,$0x81; iret */
static uchar stispin[] = { 0xfb, 0xeb, 0xfe };
static uchar handler[] = { 0xe6, 0x81, 0xcf };

static void
irq(int)
{
	char buf[256];
	Vm v;
	vlong t;
	int p[2], n, pid;

	newvm(&v, "smpi", stispin, sizeof stispin, handler, sizeof handler);
	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	switch(pid = rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		close(p[0]);
		xwrite(v.ctl, "go");
		next(&v, buf, sizeof buf);
		t = nsec();
		fprint(p[1], "%lld %s\n", t, buf);
		exits(nil);
	}
	close(p[1]);
	/* the guest spins with interrupts on by now */
	sleep(200);
	t = nsec();
	xwrite(v.ctl, "irq 32");
	n = readn(p[0], buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	free(wait());
	USED(pid);
	/* well inside a clock tick: the guest's processor was interrupted */
	if(strstr(buf, "*ack 32") == nil)
		check("irq-taken", 0, "%s", buf);
	else if(strtoll(buf, nil, 10) - t > 5*Ms)
		check("irq-taken", 0, "after %lld ms", (strtoll(buf, nil, 10) - t)/Ms);
	else
		print("ok irq-taken\n");
	/* the exit after the ack, held for the next read */
	next(&v, buf, sizeof buf);
	if(strncmp(buf, "io ", 3) == 0 && strstr(buf, " pc 0x2000 ") != nil)
		print("ok irq-handler\n");
	else
		check("irq-handler", 0, "%s", buf);
	close(p[0]);
	endvm(&v);
}

static Subtest tests[] = {
	{"migrate",	migrate,	1000},
	{"two",	two,	1},
	{"irq",	irq},
};

void
main(int argc, char *argv[])
{
	runsubtest(tests, nelem(tests), argc, argv);
}
