#include <u.h>
#include <libc.h>
#include <xorshift.h>
#include "realvm.h"

/*
 * vmxstate: the state page and run file of #X, as "ok NAME" or
 * "not ok NAME: why" lines for test/devvmx/statepage.rc. Guests are a
 * few real-mode bytes at 0x1000 (realvm.h).
 *
 *	page	attaching a page: errors for bad segments and offsets
 *	run	exits through run: the page against regs and stats,
 *		changes through the page seen by regs and the guest,
 *		events through the page, trace lines for run's exits
 *	bad	bad changes: an error, nothing changed, the vCPU runs on
 *	garbage	N rounds of random changes (fixed seed): each read of
 *		run is an exit or an error, and the host stays up
 *	two	two processes reading run at once
 *	stop	a stop while ready: the next read of run leaves at once,
 *		before the guest runs; go forgets it
 *	hlt	HLT in the kernel (ctl hlt kernel): ended by the page's
 *		deadline, by an irq (which the guest then takes), by
 *		stop; with interrupts off it goes to user space
 */

static uchar outs[] = {
	0xe6, 0x80,		/* out %al, $0x80 */
	0xe4, 0x81,		/* in $0x81, %al */
	0xeb, 0xfa,		/* jmp 0x1000 */
};

static void
testpage(int)
{
	char err[ERRMAX], buf[128];
	Vm v;
	int fd;

	newvm(&v, "page", outs, sizeof outs, nil, 0);
	v.run = xopen("#X/%d/run", v.n, OREAD);
	check("page-none", vmrun(&v, err) < 0 && strstr(err, "no state page") != nil, "got '%s'", err);
	close(v.run);
	v.run = -1;
	vmctlerr(&v, "page-no-segment", "state nosuch.seg 0", "no such segment");
	snprint(buf, sizeof buf, "state %s 0x10", v.seg);
	vmctlerr(&v, "page-offset", buf, "invalid offset");
	snprint(buf, sizeof buf, "state %s 0x10000", v.seg);
	vmctlerr(&v, "page-bounds", buf, "out of bounds");
	vmctlerr(&v, "page-args", "state a", "state a");
	/* a segment that is not sticky */
	snprint(buf, sizeof buf, "#g/%s.loose", v.seg);
	if((fd = create(buf, OREAD, DMDIR|0777)) < 0)
		sysfatal("create %s: %r", buf);
	close(fd);
	snprint(buf, sizeof buf, "#g/%s.loose/ctl", v.seg);
	fd = open(buf, OWRITE);
	xwrite(fd, "va 0x30000000 0x1000");
	close(fd);
	snprint(buf, sizeof buf, "state %s.loose 0", v.seg);
	vmctlerr(&v, "page-not-sticky", buf, "segment is not sticky");
	snprint(buf, sizeof buf, "#g/%s.loose", v.seg);
	remove(buf);
	statepage(&v);
	/* detached, run says so again */
	xwrite(v.ctl, "state");
	check("page-detach", vmrun(&v, err) < 0 && strstr(err, "no state page") != nil, "got '%s'", err);
	endvm(&v);
}

/* the handler of Vector and of #ud: out %al, $0x99, then loops */
static uchar handler[] = { 0xe6, 0x99, 0xeb, 0xfc };

static void
testrun(int)
{
	char err[ERRMAX], buf[256];
	uchar ivt[4] = { Handler & 0xff, Handler >> 8, 0, 0 };
	Vmxstate *s;
	Vm v;
	int what, fd, n;
	uvlong sp;

	newvm(&v, "run", outs, sizeof outs, handler, sizeof handler);
	snprint(buf, sizeof buf, "#g/%s/data", v.seg);
	fd = open(buf, OWRITE);
	if(fd < 0 || pwrite(fd, ivt, 4, 6*4) != 4)
		sysfatal("ivt: %r");
	close(fd);
	s = statepage(&v);
	check("run-page-at-attach", s->pc == 0x1000 && s->gpr[Vmxsp] == 0x8000 && s->cr0 == vmreg(&v, "cr0real") && s->dirty == 0,
		"pc %#llux sp %#llux cr0 %#llux", s->pc, s->gpr[Vmxsp], s->cr0);
	s->gpr[Vmxax] = 0x42;
	s->gpr[Vmxsi] = 0x5151;
	s->dirty = 1<<Vmxax | 1<<Vmxsi;
	fd = xopen("#X/%d/trace", v.n, OREAD);
	what = vmrun(&v, err);
	check("run-out", what == Whatexit && (s->reason & 0xffff) == 30 && s->qual >> 16 == 0x80 && s->pc == 0x1000
		&& s->ilen == 2 && s->dirty == 0 && (s->gpr[Vmxax] & 0xff) == 0x42,
		"what %d (%s) reason %ud qual %#llux pc %#llux ilen %ud", what, err, s->reason, s->qual, s->pc, s->ilen);
	check("run-regs-agree", vmreg(&v, "ax") == 0x42 && vmreg(&v, "si") == 0x5151 && vmreg(&v, "pc") == s->pc && vmreg(&v, "flags") == s->flags,
		"ax %#llux si %#llux", vmreg(&v, "ax"), vmreg(&v, "si"));
	n = read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	check("run-trace", strncmp(buf, "io 0x800040 pc 0x1000 ", 22) == 0, "trace '%s'", buf);
	close(fd);

	/* pc past the out, ax for the in to keep its upper half */
	s->pc += s->ilen;
	s->gpr[Vmxax] = 0x1234;
	s->dirty = Dirtypc | 1<<Vmxax;
	what = vmrun(&v, err);
	check("run-in", what == Whatexit && s->pc == 0x1002 && (s->qual & 8) && s->gpr[Vmxax] == 0x1234,
		"what %d (%s) pc %#llux qual %#llux", what, err, s->pc, s->qual);

	/*
	 * An irq through the page, with IF set through it: the handler
	 * at Handler says so by its out, and the read brings the ack.
	 */
	s->pc += s->ilen;
	s->flags = 0x202;
	s->irq = Vector;
	s->dirty = Dirtypc | Dirtyflags | Dirtyirq;
	what = vmrun(&v, err);
	check("run-irq", what == (Whatexit|Whatack) && s->ack == Vector && s->pc == Handler && s->qual >> 16 == 0x99,
		"what %d (%s) ack %ud pc %#llux qual %#llux", what, err, s->ack, s->pc, s->qual);

	/* an exception through the page: #ud, whose vector leads to the same handler */
	sp = s->gpr[Vmxsp];
	s->exc = 6;
	s->dirty = Dirtyexc;
	what = vmrun(&v, err);
	check("run-exc", what == Whatexit && s->pc == Handler && s->gpr[Vmxsp] == sp - 6 && s->qual >> 16 == 0x99,
		"what %d (%s) pc %#llux sp %#llux", what, err, s->pc, s->gpr[Vmxsp]);

	/* an irq posted with IF clear, then withdrawn through the page: never taken */
	s->pc += s->ilen;
	s->flags = 0x2;
	s->irq = Vector;
	s->dirty = Dirtypc | Dirtyflags | Dirtyirq;
	what = vmrun(&v, err);
	check("run-irq-held", what == Whatexit && s->pc == Handler, "what %d (%s) pc %#llux", what, err, s->pc);
	s->pc += s->ilen;
	s->flags = 0x202;
	s->irq = Irqnone;
	s->dirty = Dirtypc | Dirtyflags | Dirtyirq;
	what = vmrun(&v, err);
	check("run-irq-withdrawn", what == Whatexit && s->pc == Handler, "what %d (%s) ack %ud pc %#llux",
		what, err, s->ack, s->pc);

	/* text and page together: go after a change through the page */
	s->pc = 0x1000;
	s->dirty = Dirtypc;
	xwrite(v.ctl, "go");
	n = read(v.wait, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	check("run-go-applies-page", strncmp(buf, "io 0x800040 pc 0x1000 ", 22) == 0 && s->pc == 0x1000 && s->dirty == 0,
		"wait '%s'", buf);
	check("run-stats", vmstat(&v, "userexits") == 7 && vmstat(&v, "io") == 7, "userexits %llud io %llud",
		vmstat(&v, "userexits"), vmstat(&v, "io"));
	endvm(&v);
}

/* A change that must fail saying want, leaving pc and the flags as they were. */
static void
bad(Vm *v, Vmxstate *s, char *name, u32int dirty, char *want)
{
	char err[ERRMAX];
	uvlong pc;

	pc = vmreg(v, "pc");
	s->pc = pc + 2;
	s->dirty = dirty | Dirtypc;
	if(vmrun(v, err) >= 0){
		check(name, 0, "run succeeded");
		return;
	}
	check(name, strstr(err, want) != nil && vmreg(v, "pc") == pc && vmreg(v, "flags") == 2 && s->dirty == (dirty|Dirtypc),
		"got '%s', pc %#llux flags %#llux", err, vmreg(v, "pc"), vmreg(v, "flags"));
}

static void
testbad(int)
{
	char err[ERRMAX];
	Vmxstate *s;
	Vm v;
	int what;

	newvm(&v, "bad", outs, sizeof outs, nil, 0);
	s = statepage(&v);
	if(vmrun(&v, err) != Whatexit)
		check("bad-first-exit", 0, "%s", err);
	s->flags = 0x8002;
	bad(&v, s, "bad-flags", Dirtyflags, "invalid flags");
	s->flags = 2;
	s->efer = 1<<3;
	bad(&v, s, "bad-efer", Dirtyefer, "invalid efer");
	bad(&v, s, "bad-dirty-bits", 1U<<30, "unknown dirty bits");
	s->exc = 40;
	bad(&v, s, "bad-exc-vector", Dirtyexc, "invalid exception");
	s->exc = 6 | Evcode;
	bad(&v, s, "bad-exc-code", Dirtyexc, "takes no error code");
	s->irq = 300;
	bad(&v, s, "bad-irq", Dirtyirq, "invalid vector");
	/* and then a good one goes */
	s->pc = vmreg(&v, "pc") + 2;
	s->dirty = Dirtypc;
	what = vmrun(&v, err);
	check("bad-then-good", what == Whatexit && s->pc == 0x1002, "what %d (%s) pc %#llux", what, err, s->pc);
	endvm(&v);
}

/* the same rounds on every run */
static u64int seed;

static u64int
rnd(void)
{
	return xorshift(&seed);
}

static void
catch(void*, char *msg)
{
	noted(strcmp(msg, "alarm") == 0 ? NCONT : NDFLT);
}

/*
 * Random changes may send the guest anywhere, even into a loop with
 * no exit: an alarm ends such a read, and stop brings the guest back.
 */
static void
testgarbage(int rounds)
{
	char err[ERRMAX];
	Vmxstate *s;
	Vm v;
	int i, j, what, nexit, nerr, nstop;
	uvlong *w;

	newvm(&v, "garbage", outs, sizeof outs, nil, 0);
	s = statepage(&v);
	notify(catch);
	seed = 1;
	nexit = nerr = nstop = 0;
	for(i = 0; i < rounds; i++){
		w = (uvlong*)s;
		for(j = 0; j < 4; j++)
			w[rnd() % (sizeof(Vmxstate)/8)] = rnd() >> (rnd() % 64);
		s->dirty = rnd() & (rnd() % 4 ? Dirtyall : ~0U);
		alarm(500);
		what = vmrun(&v, err);
		alarm(0);
		if(what > 0)
			nexit++;
		else if(strstr(err, "interrupted") != nil){
			xwrite(v.ctl, "stop");
			s->dirty = 0;
			if(vmrun(&v, err) < 0)
				break;
			nstop++;
		}else if(strstr(err, "vmx: ") == nil)
			break;
		else{
			nerr++;
			/* a sane pc now and then */
			if(i % 8 == 0){
				s->pc = 0x1000;
				s->dirty = Dirtypc;
			}
		}
	}
	check("garbage", nexit + nerr + nstop == rounds && nexit > 0 && nerr > 0,
		"%d rounds: %d exits, %d errors, %d stopped, last error '%s'", i, nexit, nerr, nstop, err);
	endvm(&v);
}

static uchar spin[] = { 0xeb, 0xfe };	/* jmp . */

static void
testtwo(int)
{
	char err[ERRMAX];
	Vm v;
	int pid;
	Waitmsg *w;

	newvm(&v, "two", spin, sizeof spin, nil, 0);
	statepage(&v);
	switch(pid = rfork(RFPROC|RFFDG|RFMEM)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		vmrun(&v, err);
		exits(err[0] ? err : nil);
	}
	sleep(200);
	check("two-readers", vmrun(&v, err) < 0 && strstr(err, "already being read") != nil, "got '%s'", err);
	xwrite(v.ctl, "stop");
	w = wait();
	check("two-first-stopped", w != nil && w->pid == pid && w->msg[0] == 0, "%s", w ? w->msg : "no child");
	free(w);
	endvm(&v);
}

static uchar halts[] = {
	0xfb,		/* sti */
	0xf4,		/* hlt */
	0xeb, 0xfd,	/* jmp to the hlt */
	0xfa,		/* cli */
	0xf4,		/* hlt */
};

static void
testhlt(int)
{
	char err[ERRMAX];
	Vmxstate *s;
	Vm v;
	int what;
	vlong t;

	newvm(&v, "hlt", halts, sizeof halts, handler, sizeof handler);
	s = statepage(&v);
	xwrite(v.ctl, "hlt kernel");
	t = nsec();
	s->hltdeadline = t + 300*1000000LL;
	what = vmrun(&v, err);
	t = nsec() - t;
	check("hlt-deadline", what == Whatexit && (s->reason & 0xffff) == 12 && s->pc == 0x1001 && t >= 250*1000000LL && t < 3000*1000000LL,
		"what %d (%s) reason %ud pc %#llux after %lldms", what, err, s->reason, s->pc, t/1000000);
	s->hltdeadline = 0;
	vmlater(&v, 200, "irq 32");
	what = vmrun(&v, err);
	check("hlt-irq", what == (Whatexit|Whatack) && s->ack == 32 && s->pc == Handler && vmstat(&v, ".hlt.kernel") == 1,
		"what %d (%s) pc %#llux .hlt.kernel %llud", what, err, s->pc, vmstat(&v, ".hlt.kernel"));
	s->pc = 0x1001;
	s->flags = 0x202;
	s->dirty = Dirtypc | Dirtyflags;
	vmlater(&v, 200, "stop");
	what = vmrun(&v, err);
	check("hlt-stop", what == Whatexit && (s->reason & 0xffff) == 12 && s->pc == 0x1001 && vmstat(&v, ".hlt.kernel") == 1,
		"what %d (%s) reason %ud pc %#llux", what, err, s->reason, s->pc);
	s->pc = 0x1004;
	s->dirty = Dirtypc;
	what = vmrun(&v, err);
	check("hlt-interrupts-off", what == Whatexit && (s->reason & 0xffff) == 12 && s->pc == 0x1005 && vmstat(&v, ".hlt") == 4,
		"what %d (%s) reason %ud pc %#llux", what, err, s->reason, s->pc);
	endvm(&v);
}

/* A stop while ready reaches a guest that would spin for ever. */
static void
teststop(int)
{
	char err[ERRMAX], buf[256];
	Vmxstate *s;
	Vm v;
	int what, n;

	newvm(&v, "stop", spin, sizeof spin, nil, 0);
	s = statepage(&v);
	notify(catch);
	xwrite(v.ctl, "stop");
	alarm(5000);
	what = vmrun(&v, err);
	alarm(0);
	check("stop-ready-run", what == Whatexit && s->pc == 0x1000, "what %d (%s) reason %ud pc %#llux", what, err, s->reason, s->pc);
	/* go forgets it: the guest spins until the stop after it */
	xwrite(v.ctl, "stop");
	xwrite(v.ctl, "go");
	vmlater(&v, 300, "stop");
	n = read(v.wait, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	check("stop-ready-go-forgets", n > 0 && strstr(buf, " pc 0x1000 ") != nil && vmstat(&v, "guestns") >= 250*1000000LL,
		"wait '%s' guestns %llud", buf, vmstat(&v, "guestns"));
	endvm(&v);
}

static Subtest tests[] = {
	{"page",	testpage},
	{"run",	testrun},
	{"bad",	testbad},
	{"garbage",	testgarbage,	300},
	{"two",	testtwo},
	{"hlt",	testhlt},
	{"stop",	teststop},
};

void
main(int argc, char *argv[])
{
	runsubtest(tests, nelem(tests), argc, argv);
}
