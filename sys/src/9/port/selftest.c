/*
 * Kernel self-tests, run when the command line says "selftest": each
 * prints "ok NAME" or "not ok NAME: why"; then the machine stops.
 * Only the test kernel, 9pc64test, links them: the kernel a user
 * boots carries no test code.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

static int npass, nfail;
static char why[ERRMAX];

static int
fail(char *fmt, ...)
{
	va_list arg;

	va_start(arg, fmt);
	vsnprint(why, sizeof why, fmt, arg);
	va_end(arg);
	return -1;
}

static void
run(char *name, int (*f)(void))
{
	int r;

	why[0] = 0;
	if(waserror()){
		r = fail("error: %s", up->errstr);
	}else{
		r = f();
		poperror();
	}
	if(r == 0){
		npass++;
		print("ok %s\n", name);
	}else{
		nfail++;
		print("not ok %s: %s\n", name, why);
	}
}

static int
testpages(void)
{
	uvlong before;
	void *p[64];
	int i;

	before = pagesfree();
	for(i = 0; i < nelem(p); i++)
		if((p[i] = pagealloc((i%5+1)*BY2PG)) == nil)
			return fail("pagealloc %d failed", i);
	if(pagesfree() >= before)
		return fail("free pages did not drop");
	for(i = 0; i < nelem(p); i++){
		if((uintptr)p[i] & (BY2PG-1))
			return fail("block %#p not page aligned", p[i]);
		memset(p[i], i, BY2PG);
	}
	for(i = 0; i < nelem(p); i++)
		pagefree(p[i], (i%5+1)*BY2PG);
	if(pagesfree() != before)
		return fail("free %llud after, %llud before", pagesfree(), before);
	return 0;
}

static int
testheap(void)
{
	char *p[200];
	int i, j, n;

	for(i = 0; i < nelem(p); i++){
		n = (i*37) % 9000 + 1;
		if((p[i] = malloc(n)) == nil)
			return fail("malloc %d failed", n);
		memset(p[i], i, n);
	}
	for(i = 0; i < nelem(p); i++){
		n = (i*37) % 9000 + 1;
		for(j = 0; j < n; j++)
			if(p[i][j] != (char)i)
				return fail("block %d overwritten at %d", i, j);
		if(msize(p[i]) < n)
			return fail("msize %lud < %d", msize(p[i]), n);
	}
	p[0] = realloc(p[0], 20000);
	if(p[0] == nil || p[0][0] != 0)
		return fail("realloc lost the contents");
	for(i = 0; i < nelem(p); i++)
		free(p[i]);
	return 0;
}

static int
testclock(void)
{
	uvlong t0;
	vlong n0, dn;

	t0 = machp[0]->ticks;
	n0 = nsec();
	tsleep(&up->sleep, return0, nil, 200);
	dn = nsec() - n0;
	t0 = machp[0]->ticks - t0;
	print("clock: %llud ticks and %lld ms in a 200 ms sleep\n", t0, dn/1000000);
	if(t0 < 200*conf.hz/1000 - 2)
		return fail("only %llud ticks", t0);
	if(dn < 190*1000000LL)
		return fail("woke after %lld ns", dn);
	return 0;
}

static struct {
	Rendez	r;		/* the main test sleeps here */
	Rendez	pong;		/* the ponger sleeps here */
	int	turn;
	int	rounds;
	QLock	q;
	int	count;
	int	done;
	Queue	*pipe;
} pp;

static int
isturn1(void*)
{
	return pp.turn == 1;
}

static int
isturn0(void*)
{
	return pp.turn == 0;
}

static void
ponger(void*)
{
	int i;

	for(i = 0; i < pp.rounds; i++){
		sleep(&pp.pong, isturn1, nil);
		pp.turn = 0;
		wakeup(&pp.r);
	}
	pexit("", 1);
}

static int
testsleep(void)
{
	int i;

	pp.rounds = 1000;
	pp.turn = 0;
	kproc("ponger", ponger, nil);
	for(i = 0; i < pp.rounds; i++){
		pp.turn = 1;
		wakeup(&pp.pong);
		sleep(&pp.r, isturn0, nil);
	}
	return 0;
}

static void
counter(void*)
{
	int i, v;

	for(i = 0; i < 200; i++){
		qlock(&pp.q);
		v = pp.count;
		yield();
		pp.count = v+1;
		qunlock(&pp.q);
	}
	ilock(&pp.r);
	pp.done++;
	iunlock(&pp.r);
	pexit("", 1);
}

static int
alldone(void*)
{
	return pp.done == 3;
}

static int
testqlock(void)
{
	int i;

	pp.count = 0;
	pp.done = 0;
	for(i = 0; i < 3; i++)
		kproc("counter", counter, nil);
	while(!alldone(nil))
		tsleep(&up->sleep, alldone, nil, 10);
	if(pp.count != 600)
		return fail("count %d, want 600", pp.count);
	return 0;
}

/*
 * Processes spin until between them they have run on every
 * processor, or for two seconds.
 */
static struct {
	Lock;
	ulong	seen;		/* a bit per processor */
	int	done;
} smp;

static void
spinner(void*)
{
	vlong end;
	int all;

	end = nsec() + 2000*1000000LL;
	do{
		ilock(&smp);
		smp.seen |= 1UL<<m->machno;
		all = smp.seen == (1UL<<conf.nmach)-1;
		iunlock(&smp);
	}while(!all && nsec() < end);
	ilock(&smp);
	smp.done++;
	iunlock(&smp);
	pexit("", 1);
}

static int
spinnersdone(void*)
{
	return smp.done == 2*conf.nmach;
}

static int
testsmp(void)
{
	uvlong cs[MAXMACH];
	int i;

	for(i = 0; i < conf.nmach; i++)
		cs[i] = machp[i]->cs;
	smp.seen = 0;
	smp.done = 0;
	for(i = 0; i < 2*conf.nmach; i++)
		kproc("spinner", spinner, nil);
	while(!spinnersdone(nil))
		tsleep(&up->sleep, spinnersdone, nil, 10);
	print("smp: %d processors, seen %#lux\n", conf.nmach, smp.seen);
	if(smp.seen != (1UL<<conf.nmach)-1)
		return fail("processes ran on %#lux of %d processors", smp.seen, conf.nmach);
	for(i = 0; i < conf.nmach; i++)
		if(machp[i]->cs == cs[i])
			return fail("cpu%d switched to no process", i);
	return 0;
}

static void
writer(void*)
{
	char buf[100];
	int i;

	for(i = 0; i < 100; i++){
		memset(buf, i, sizeof buf);
		qwrite(pp.pipe, buf, sizeof buf);
	}
	qhangup(pp.pipe);
	pexit("", 1);
}

static int
testqueue(void)
{
	char buf[37];
	long n, total;
	int i;

	pp.pipe = qopen(256, 0);
	kproc("writer", writer, nil);
	total = 0;
	while((n = qread(pp.pipe, buf, sizeof buf)) > 0){
		for(i = 0; i < n; i++)
			if(buf[i] != (char)((total+i)/100))
				return fail("byte %ld is %d", total+i, buf[i]);
		total += n;
	}
	if(total != 100*100)
		return fail("read %ld bytes", total);
	return 0;
}

static int
testerror(void)
{
	volatile int caught;

	caught = 0;
	if(waserror()){
		if(strcmp(up->errstr, "inner") != 0)
			return fail("outer saw '%s'", up->errstr);
		caught++;
	}else{
		if(waserror()){
			caught++;
			nexterror();
		}
		error("inner");
	}
	if(caught != 2)
		return fail("caught %d times", caught);
	return 0;
}

static int
testparse(void)
{
	static Cmdtab tab[] = { 1, "go", 0, 2, "irq", 2 };
	Cmdbuf *cb;
	Cmdtab *ct;
	char *s;

	s = "irq 'vector 32'\n";
	cb = parsecmd(s, strlen(s));
	ct = lookupcmd(cb, tab, nelem(tab));
	if(ct->index != 2 || cb->nf != 2 || strcmp(cb->f[1], "vector 32") != 0)
		return fail("parsed %d fields", cb->nf);
	free(cb);
	cb = parsecmd("irq", 3);
	if(!waserror()){
		lookupcmd(cb, tab, nelem(tab));
		poperror();
		free(cb);
		return fail("wrong argument count accepted");
	}
	free(cb);
	if(strstr(up->errstr, Ecmdargs) == nil)
		return fail("error '%s'", up->errstr);
	return 0;
}

static long
readfile(char *name, char *buf, long n)
{
	Chan *c;
	long r;

	c = namec(name, Aopen, OREAD, 0);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	r = devtab[c->type]->read(c, buf, n-1, 0);
	buf[r] = 0;
	poperror();
	cclose(c);
	return r;
}

static int
testcons(void)
{
	char buf[128], *f[5];
	Chan *c;

	c = namec("#c/cons", Aopen, OWRITE, 0);
	devtab[c->type]->write(c, "cons: written through #c/cons\n", 30, 0);
	cclose(c);
	readfile("#c/sysname", buf, sizeof buf);
	if(strcmp(buf, sysname) != 0)
		return fail("sysname '%s'", buf);
	readfile("#c/time", buf, sizeof buf);
	if(tokenize(buf, f, nelem(f)) != 4)
		return fail("time has the wrong number of fields");
	if(strtoll(f[0], nil, 10) < 1600000000)
		return fail("time of day %s is before 2020", f[0]);
	readfile("#c/drivers", buf, sizeof buf);
	if(strstr(buf, "#c cons") == nil || strstr(buf, "#/ root") == nil)
		return fail("drivers: %s", buf);
	if(!waserror()){
		namec("#c/nonesuch", Aopen, OREAD, 0);
		poperror();
		return fail("opened a file that does not exist");
	}
	return 0;
}

/*
 * Whether err is want, perhaps followed by the failing control message
 * or after the quoted name namec puts first.
 */
static int
iserror(char *err, char *want)
{
	long n, w;

	n = strlen(err);
	w = strlen(want);
	if(strncmp(err, want, w) == 0)
		return 1;
	return n >= w && strcmp(err+n-w, want) == 0 && (n == w || err[n-w-1] == ' ');
}

/* Check that stmt raises the error want. */
#define MUSTFAIL(stmt, want) do{\
	if(!waserror()){\
		stmt;\
		poperror();\
		return fail("%s: no error, want '%s'", #stmt, want);\
	}\
	if(!iserror(up->errstr, want))\
		return fail("%s: error '%s', want '%s'", #stmt, up->errstr, want);\
}while(0)

static long
writestr(Chan *c, char *s, vlong off)
{
	return devtab[c->type]->write(c, s, strlen(s), off);
}

/* Read at most n-1 bytes at off into buf, terminated. */
static long
readat(Chan *c, char *buf, long n, vlong off)
{
	long r;

	r = devtab[c->type]->read(c, buf, n-1, off);
	buf[r] = 0;
	return r;
}

/* As create(2) will: make name in directory dir, open. */
static Chan*
createfile(char *dir, char *name, int omode, ulong perm)
{
	Chan *c;

	c = namec(dir, Aaccess, 0, 0);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	devtab[c->type]->create(c, name, omode, perm);
	poperror();
	return c;
}

/* As remove(2) will: the channel is gone afterwards, even on error. */
static void
removefile(char *name)
{
	Chan *c;

	c = namec(name, Aaccess, 0, 0);
	if(waserror()){
		c->type = 0;
		cclose(c);
		nexterror();
	}
	devtab[c->type]->remove(c);
	poperror();
	c->type = 0;	/* the device has let go; the root's close does nothing */
	cclose(c);
}

/* The channel for name in directory c, which stays as it was. */
static Chan*
walk1(Chan *c, char *name)
{
	Walkqid *wq;
	Chan *nc;

	wq = devtab[c->type]->walk(c, nil, &name, 1);
	if(wq == nil || wq->clone == nil){
		free(wq);
		error(Enonexist);
	}
	nc = wq->clone;
	free(wq);
	return nc;
}

static char dirstrs[512];	/* strings of the Dir from statfile or indir */

static void
statfile(char *name, Dir *d)
{
	uchar buf[256];
	Chan *c;
	int n;

	c = namec(name, Aaccess, 0, 0);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	n = devtab[c->type]->stat(c, buf, sizeof buf);
	if(convM2D(buf, n, d, dirstrs) == 0)
		error("bad stat entry");
	poperror();
	cclose(c);
}

/* Whether directory dir lists name; its entry goes in d. */
static int
indir(char *dir, char *name, Dir *d)
{
	uchar buf[512];
	char strs[512];
	Chan *c;
	long n, off;
	int found;

	c = namec(dir, Aopen, OREAD, 0);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	found = 0;
	while(!found && (n = devtab[c->type]->read(c, buf, sizeof buf, c->offset)) > 0){
		c->offset += n;
		for(off = 0; off < n; off += BIT16SZ + (buf[off] | buf[off+1]<<8)){
			if(convM2D(buf+off, n-off, d, strs) == 0)
				error("bad directory entry");
			if(strcmp(d->name, name) == 0){
				convM2D(buf+off, n-off, d, dirstrs);
				found = 1;
				break;
			}
		}
	}
	poperror();
	cclose(c);
	return found;
}

static int
testroot(void)
{
	char buf[256];
	Dir d;

	readfile("/lib/selftest/hello", buf, sizeof buf);
	if(strcmp(buf, "hello from the root archive\n") != 0)
		return fail("read '%s'", buf);
	readfile("/lib/selftest/../selftest/hello", buf, sizeof buf);
	if(strncmp(buf, "hello", 5) != 0)
		return fail("walk through .. read '%s'", buf);
	if(!indir("/lib/selftest", "hello", &d) || d.length != 28)
		return fail("hello not in the listing of /lib/selftest");
	return 0;
}

/* The checks of testenv, in an environment of their own. */
static int
envchecks(void)
{
	char buf[64];
	Chan *c;
	Egrp *parent, *child;
	Dir d;

	c = createfile("#e", "fn#greet", OWRITE, 0666);
	devtab[c->type]->write(c, "echo\0hi\0", 8, 0);
	cclose(c);
	c = namec("#e/fn#greet", Aopen, OREAD, 0);
	if(devtab[c->type]->read(c, buf, sizeof buf, 0) != 8 || memcmp(buf, "echo\0hi\0", 8) != 0)
		return fail("fn#greet does not read back");
	cclose(c);

	c = namec("#e/fn#greet", Aopen, ORDWR, 0);
	writestr(c, "XY", 1);
	writestr(c, "end", 10);
	readat(c, buf, sizeof buf, 0);
	if(memcmp(buf, "eXYo\0hi\0\0\0end", 14) != 0)
		return fail("offset writes gave '%s'", buf);
	if(readat(c, buf, sizeof buf, 11) != 2 || strcmp(buf, "nd") != 0)
		return fail("read at 11 gave '%s'", buf);
	cclose(c);
	statfile("#e/fn#greet", &d);
	if(d.length != 13 || strcmp(d.name, "fn#greet") != 0)
		return fail("stat says %s is %lld bytes", d.name, d.length);

	c = createfile("#e", "path", OWRITE, 0666);
	writestr(c, "/bin", 0);
	cclose(c);
	if(!indir("#e", "path", &d) || d.length != 4 || !indir("#e", "fn#greet", &d))
		return fail("listing lacks path or fn#greet");
	MUSTFAIL(createfile("#e", "path", OWRITE, 0666), Eexist);
	MUSTFAIL(createfile("#e", "a/b", OWRITE, 0666), Ebadchar);
	MUSTFAIL(createfile("#e", "dir", OREAD, DMDIR|0777), Eperm);
	MUSTFAIL(namec("#e", Aopen, OWRITE, 0), Eperm);

	/* a child's copy is its own */
	parent = up->egrp;
	child = dupegrp(parent);
	up->egrp = child;
	c = namec("#e/path", Aopen, OWRITE|OTRUNC, 0);
	writestr(c, "/tmp", 0);
	cclose(c);
	readfile("#e/path", buf, sizeof buf);
	up->egrp = parent;
	closeegrp(child);
	if(strcmp(buf, "/tmp") != 0)
		return fail("child's path is '%s'", buf);
	readfile("#e/path", buf, sizeof buf);
	if(strcmp(buf, "/bin") != 0)
		return fail("parent's path became '%s'", buf);

	c = namec("#e/path", Aopen, OWRITE|OTRUNC, 0);
	cclose(c);
	statfile("#e/path", &d);
	if(d.length != 0)
		return fail("OTRUNC left %lld bytes", d.length);

	c = namec("#e/path", Aopen, OREAD, 0);
	removefile("#e/path");
	MUSTFAIL(readat(c, buf, sizeof buf, 0), Enonexist);
	cclose(c);
	MUSTFAIL(namec("#e/path", Aopen, OREAD, 0), Enonexist);
	MUSTFAIL(removefile("#e/path"), Enonexist);

	c = namec("#e/fn#greet", Aopen, OREAD|ORCLOSE, 0);
	cclose(c);
	if(indir("#e", "fn#greet", &d))
		return fail("ORCLOSE left fn#greet");
	return 0;
}

static int
testenv(void)
{
	Egrp *saved;
	int r;

	saved = up->egrp;
	up->egrp = dupegrp(nil);
	if(waserror()){
		closeegrp(up->egrp);
		up->egrp = saved;
		nexterror();
	}
	r = envchecks();
	poperror();
	closeegrp(up->egrp);
	up->egrp = saved;
	return r;
}

static struct {
	Chan	*c;		/* the writer's end */
	long	total;
} pw;

static void
pipewriter(void*)
{
	char buf[1000];
	long i;

	for(i = 0; i < pw.total; i += sizeof buf){
		memset(buf, i/sizeof buf, sizeof buf);
		devtab[pw.c->type]->write(pw.c, buf, sizeof buf, 0);
	}
	cclose(pw.c);
	pexit("", 1);
}

/* Both ends of a new pipe, open, as pipe(2) will make them. */
static void
mkpipe(Chan **end)
{
	Chan *d;

	d = namec("#|", Aaccess, 0, 0);
	if(waserror()){
		cclose(d);
		nexterror();
	}
	end[0] = walk1(d, "data");
	end[1] = walk1(d, "data1");
	poperror();
	cclose(d);
	end[0] = devtab[end[0]->type]->open(end[0], ORDWR);
	end[1] = devtab[end[1]->type]->open(end[1], ORDWR);
}

static int
testpipe(void)
{
	char buf[1000];
	Chan *end[2];
	long n, got;
	int i;
	Dir d;

	mkpipe(end);
	writestr(end[0], "hello", 0);
	if(readat(end[1], buf, sizeof buf, 0) != 5 || strcmp(buf, "hello") != 0)
		return fail("data1 read '%s'", buf);
	writestr(end[1], "back", 0);
	if(readat(end[0], buf, sizeof buf, 0) != 4 || strcmp(buf, "back") != 0)
		return fail("data read '%s'", buf);
	if(!indir("#|", "data1", &d))
		return fail("#| does not list data1");

	/* more than the pipe holds, then end of file */
	pw.c = end[0];
	pw.total = 100*sizeof buf;
	kproc("pipewriter", pipewriter, nil);
	for(got = 0; (n = devtab[end[1]->type]->read(end[1], buf, sizeof buf - 7, 0)) > 0; got += n)
		for(i = 0; i < n; i++)
			if(buf[i] != (char)((got+i)/sizeof buf))
				return fail("byte %ld is %d", got+i, buf[i]);
	if(got != pw.total)
		return fail("read %ld of %ld bytes", got, pw.total);

	/* kernel processes take no notes: test/rc checks the writer's note */
	MUSTFAIL(writestr(end[1], "nobody", 0), "write on closed pipe");
	cclose(end[1]);
	MUSTFAIL(namec("#|", Aopen, OWRITE, 0), Eperm);
	return 0;
}

/* The checks f with a descriptor table of their own, as a process has. */
static int
withfgrp(int (*f)(void))
{
	Fgrp *saved, *fg;
	int i, r;

	saved = up->fgrp;
	fg = smalloc(sizeof *fg);
	fg->ref = 1;
	up->fgrp = fg;
	if(waserror())
		r = fail("error: %s", up->errstr);
	else{
		r = f();
		poperror();
	}
	up->fgrp = saved;
	for(i = 0; i < fg->nfd; i++)
		cclose(fg->fd[i]);
	free(fg->fd);
	free(fg);
	return r;
}

static int
dupchecks(void)
{
	char name[32], buf[256];
	Chan *c, *d;
	int fd;
	Dir dir;

	c = namec("#c/sysname", Aopen, OREAD, 0);
	fd = newfd(c);
	snprint(name, sizeof name, "#d/%d", fd);
	d = namec(name, Aopen, OREAD, 0);
	if(d != c || c->ref != 2)
		return fail("%s is not descriptor %d's channel", name, fd);
	cclose(d);
	MUSTFAIL(namec(name, Aopen, OWRITE, 0), Ebadusefd);
	MUSTFAIL(namec(name, Aopen, OREAD|ORCLOSE, 0), Eperm);
	MUSTFAIL(namec("#d/99", Aopen, OREAD, 0), Enonexist);
	MUSTFAIL(namec("#d/x1", Aopen, OREAD, 0), Enonexist);

	c->offset = 3;
	snprint(name, sizeof name, "#d/%dctl", fd);
	readfile(name, buf, sizeof buf);
	snprint(name, sizeof name, "%3d r  c ", fd);
	if(strncmp(buf, name, strlen(name)) != 0 || strstr(buf, "        3 #c/sysname\n") == nil)
		return fail("ctl says '%s'", buf);
	snprint(name, sizeof name, "%dctl", fd);
	if(!indir("#d", name, &dir) || !indir("#d", name+strlen(name)-3-1-(fd>9), &dir))
		return fail("#d lacks %s", name);
	return 0;
}

static int
testdup(void)
{
	return withfgrp(dupchecks);
}

static int
srvchecks(void)
{
	char buf[64];
	Chan *c, *post, *got;
	Dir d;

	c = createfile("#s", "unposted", OWRITE, 0666);
	MUSTFAIL(writestr(c, "junk", 0), Ebadarg);
	MUSTFAIL(writestr(c, "99", 0), Ebadfd);
	cclose(c);
	MUSTFAIL(namec("#s/unposted", Aopen, OREAD, 0), Eshutdown);
	removefile("#s/unposted");

	post = namec("#c/sysname", Aopen, OREAD, 0);
	snprint(buf, sizeof buf, "%d\n", newfd(post));
	c = createfile("#s", "sysname", OWRITE, 0644);
	writestr(c, buf, 0);
	MUSTFAIL(writestr(c, buf, 0), "already posted");
	cclose(c);
	MUSTFAIL(createfile("#s", "sysname", OWRITE, 0666), Eexist);
	if(!indir("#s", "sysname", &d) || d.mode != 0644)
		return fail("#s does not list sysname 0644");

	got = namec("#s/sysname", Aopen, OREAD, 0);
	if(got != post)
		return fail("opening the srv file gave another channel");
	if(readat(got, buf, sizeof buf, 0) <= 0 || strcmp(buf, sysname) != 0)
		return fail("posted channel read '%s'", buf);
	cclose(got);
	MUSTFAIL(namec("#s/sysname", Aopen, OWRITE, 0), Eperm);

	removefile("#s/sysname");
	MUSTFAIL(namec("#s/sysname", Aopen, OREAD, 0), Enonexist);
	if(post->ref != 1)
		return fail("removing left %ld references to the posted channel", post->ref);
	return 0;
}

static int
testsrv(void)
{
	return withfgrp(srvchecks);
}

/* Write s to the file name, as echo s > name would. */
static void
writefile(char *name, char *s)
{
	Chan *c;

	c = namec(name, Aopen, OWRITE, 0);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	writestr(c, s, 0);
	poperror();
	cclose(c);
}

static int
testsegment(void)
{
	char buf[64];
	Chan *c;
	Segment *s;
	Dir d;
	char *user;

	c = createfile("#g", "test", OREAD, DMDIR|0775);
	cclose(c);
	MUSTFAIL(createfile("#g", "test", OREAD, DMDIR|0775), Eexist);
	MUSTFAIL(createfile("#g", "file", OWRITE, 0666), Eperm);
	readfile("#g/test/ctl", buf, sizeof buf);
	if(buf[0] != 0)
		return fail("unallocated ctl says '%s'", buf);
	MUSTFAIL(readfile("#g/test/data", buf, sizeof buf), "segment not allocated");
	MUSTFAIL(writefile("#g/test/ctl", "va 0x10000001 4096"), "va not page aligned");
	MUSTFAIL(writefile("#g/test/ctl", "va 0x10000000"), Ecmdargs);
	MUSTFAIL(writefile("#g/test/ctl", "va 0x10000000 4096 pinned"), "bad flag");
	MUSTFAIL(writefile("#g/test/ctl", "va 0x10000000 lots"), "bad number");
	MUSTFAIL(writefile("#g/test/ctl", "map 1 2"), "unknown control message");
	MUSTFAIL(writefile("#g/test/ctl", "va 0x7ffffffff000 0x2000"), "beyond user space");

	writefile("#g/test/ctl", "va 0x10000000 0x2001\n");
	readfile("#g/test/ctl", buf, sizeof buf);
	if(strcmp(buf, "va 0x10000000 0x3000\n") != 0)
		return fail("ctl says '%s'", buf);
	MUSTFAIL(writefile("#g/test/ctl", "va 0x20000000 4096"), "already has a virtual address");
	statfile("#g/test/data", &d);
	if(d.length != 0x3000)
		return fail("data is %lld bytes", d.length);

	c = namec("#g/test/data", Aopen, ORDWR, 0);
	writestr(c, "across pages", BY2PG-6);
	if(readat(c, buf, sizeof buf, BY2PG-6) != sizeof buf - 1 || strncmp(buf, "across pages", 12) != 0)
		return fail("data read back '%s'", buf);
	if(readat(c, buf, sizeof buf, 0x3000) != 0)
		return fail("read past the end");
	cclose(c);

	if((s = globalseg("test")) == nil)
		return fail("test is not a global segment");
	if(s->base != 0x10000000 || s->npage != 3 || s->type != SG_SHARED || memcmp(s->pages[1], " pages", 6) != 0){
		putseg(s);
		return fail("segment at %#p, %lud pages", s->base, s->npage);
	}
	removefile("#g/test");
	if(globalseg("test") != nil || s->ref != 1){
		putseg(s);
		return fail("removed segment still registered or held");
	}
	putseg(s);
	MUSTFAIL(namec("#g/test/ctl", Aopen, OREAD, 0), Enonexist);

	c = createfile("#g", "stick", OREAD, DMDIR|0775);
	cclose(c);
	user = up->user;
	up->user = "none";
	if(waserror()){
		up->user = user;
		nexterror();
	}
	MUSTFAIL(writefile("#g/stick/ctl", "va 0x20000000 8192 sticky"), Eperm);
	MUSTFAIL(removefile("#g/stick"), Eperm);
	poperror();
	up->user = user;
	writefile("#g/stick/ctl", "va 0x20000000 8192 sticky");
	readfile("#g/stick/ctl", buf, sizeof buf);
	if(strcmp(buf, "va 0x20000000 0x2000 sticky\n") != 0)
		return fail("sticky ctl says '%s'", buf);
	if((s = globalseg("stick")) == nil)
		return fail("stick is not a global segment");
	if(s->pages[0] == nil || s->pages[1] == nil || !(s->flags & SG_STICKY)){
		putseg(s);
		return fail("sticky segment not filled");
	}
	putseg(s);
	if(!indir("#g", "stick", &d) || !(d.mode & DMDIR))
		return fail("#g does not list stick");
	removefile("#g/stick");
	return 0;
}

static int
testproc(void)
{
	char name[64], buf[256], *f[16];
	static char args[] = "rc\0-c\0echo hi\0";
	Chan *from, *to;
	Mhead mh;
	Mount mnt;
	Pgrp pg;
	Dir d;
	int nf;

	snprint(name, sizeof name, "%d", up->pid);
	if(!indir("#p", name, &d) || !(d.mode & DMDIR))
		return fail("#p does not list %s", name);
	snprint(name, sizeof name, "#p/%d/status", up->pid);
	statfile(name, &d);
	readfile(name, buf, sizeof buf);
	if(strlen(buf) != d.length || d.length != 2*KNAMELEN+10*12)
		return fail("status is %ld bytes, stat says %lld", strlen(buf), d.length);
	if(strncmp(buf, "selftest ", 9) != 0 || strncmp(buf+KNAMELEN, "eve ", 4) != 0 ||
	   buf[2*KNAMELEN] == ' ' || buf[2*KNAMELEN+11] != ' ')
		return fail("status '%s'", buf);
	if((nf = tokenize(buf, f, nelem(f))) != 12)
		return fail("status has %d fields", nf);
	MUSTFAIL(namec(name, Aopen, OWRITE, 0), Eperm);
	MUSTFAIL(namec("#p/999999/status", Aopen, OREAD, 0), Enonexist);

	snprint(name, sizeof name, "#p/%d/args", up->pid);
	readfile(name, buf, sizeof buf);
	if(strcmp(buf, "selftest") != 0)
		return fail("args without arguments '%s'", buf);
	up->args = args;
	up->nargs = sizeof args - 1;
	readfile(name, buf, sizeof buf);
	up->args = nil;
	up->nargs = 0;
	if(strcmp(buf, "rc -c 'echo hi'") != 0)
		return fail("args '%s'", buf);

	/* kernel processes take no notes: pose as a user process meanwhile */
	up->kp = 0;
	up->nnote = 0;
	snprint(name, sizeof name, "#p/%d/note", up->pid);
	writefile(name, "hangup\n");
	snprint(name, sizeof name, "#p/%d/ctl", up->pid);
	writefile(name, "kill");
	MUSTFAIL(writefile(name, "stop"), "unknown control message");
	snprint(name, sizeof name, "#p/%d/notepg", up->pid);
	up->noteid = 4242;
	writefile(name, "alarm");
	up->kp = 1;
	up->noteid = 0;
	if(up->nnote != 3 || strcmp(up->note[0].msg, "hangup") != 0 ||
	   strcmp(up->note[1].msg, "kill") != 0 || up->note[1].flag != Nexit ||
	   strcmp(up->note[2].msg, "alarm") != 0)
		return fail("%d notes: %s %s", up->nnote, up->note[0].msg, up->note[1].msg);
	up->nnote = 0;
	up->notepending = 0;

	/* a name space of one bind, made by hand until bind(2) exists */
	from = namec("/lib", Aaccess, 0, 0);
	to = namec("#c", Aaccess, 0, 0);
	memset(&pg, 0, sizeof pg);
	memset(&mh, 0, sizeof mh);
	mh.from = from;
	mh.mount = &mnt;
	mnt.next = nil;
	mnt.to = to;
	mnt.mflag = MAFTER|MCREATE;
	pg.mnthash[3] = &mh;
	up->pgrp = &pg;
	snprint(name, sizeof name, "#p/%d/ns", up->pid);
	readfile(name, buf, sizeof buf);
	up->pgrp = nil;
	cclose(from);
	cclose(to);
	if(strcmp(buf, "bind -ac '#c' /lib\n") != 0)
		return fail("ns '%s'", buf);
	return 0;
}

/* wstat name with only the fields of d that are not left alone. */
static void
wstatfile(char *name, Dir *d)
{
	uchar buf[256];
	Chan *c;
	int n;

	n = convD2M(d, buf, sizeof buf);
	c = namec(name, Aaccess, 0, 0);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	devtab[c->type]->wstat(c, buf, n);
	poperror();
	cclose(c);
}

static int
ramchecks(void)
{
	char buf[64];
	Chan *c, *kept;
	ulong vers;
	Dir d;

	cclose(createfile("#Rtest", "dir", OREAD, DMDIR|0775));
	c = createfile("#Rtest/dir", "f", ORDWR, 0664);
	writestr(c, "hello", 0);
	writestr(c, "!", 8);
	if(readat(c, buf, sizeof buf, 0) != 9 || memcmp(buf, "hello\0\0\0!", 9) != 0)
		return fail("f read '%s'", buf);
	cclose(c);
	statfile("#Rtest/dir/f", &d);
	if(d.length != 9 || d.mode != 0664 || strcmp(d.uid, up->user) != 0)
		return fail("f is %lld bytes, mode %luo, owner %s", d.length, d.mode, d.uid);
	vers = d.qid.vers;
	writefile("#Rtest/dir/f", "more");
	statfile("#Rtest/dir/f", &d);
	if(d.qid.vers <= vers)
		return fail("write left the version at %lud", d.qid.vers);
	if(!indir("#Rtest/dir", "f", &d) || !indir("#Rtest", "dir", &d) || !(d.mode & DMDIR))
		return fail("listings lack dir or f");
	MUSTFAIL(createfile("#Rtest/dir", "f", OWRITE, 0666), Eexist);
	MUSTFAIL(createfile("#Rtest/dir/f", "g", OWRITE, 0666), Enotdir);
	MUSTFAIL(namec("#Rtest/dir", Aopen, OWRITE, 0), Eisdir);
	MUSTFAIL(namec("#Rother/dir", Aopen, OREAD, 0), Enonexist);

	c = namec("#Rtest/dir/f", Aopen, OWRITE|OTRUNC, 0);
	cclose(c);
	statfile("#Rtest/dir/f", &d);
	if(d.length != 0)
		return fail("OTRUNC left %lld bytes", d.length);

	nulldir(&d);
	d.name = "g";
	d.length = 3;
	d.mode = 0600;
	wstatfile("#Rtest/dir/f", &d);
	MUSTFAIL(namec("#Rtest/dir/f", Aopen, OREAD, 0), Enonexist);
	statfile("#Rtest/dir/g", &d);
	if(d.length != 3 || d.mode != 0600)
		return fail("after wstat g is %lld bytes, mode %luo", d.length, d.mode);
	cclose(createfile("#Rtest/dir", "h", OWRITE, 0666));
	nulldir(&d);
	d.name = "h";
	MUSTFAIL(wstatfile("#Rtest/dir/g", &d), Eexist);
	nulldir(&d);
	d.mode = DMDIR|0777;
	MUSTFAIL(wstatfile("#Rtest/dir/g", &d), "cannot change");

	/* someone else */
	up->user = "none";
	if(waserror()){
		up->user = eve;
		nexterror();
	}
	MUSTFAIL(namec("#Rtest/dir/g", Aopen, OREAD, 0), Eperm);
	MUSTFAIL(createfile("#Rtest/dir", "x", OWRITE, 0666), Eperm);
	MUSTFAIL(removefile("#Rtest/dir/h"), Eperm);
	poperror();
	up->user = eve;

	/* an open file outlives its removal */
	writefile("#Rtest/dir/h", "still here");
	kept = namec("#Rtest/dir/h", Aopen, OREAD, 0);
	removefile("#Rtest/dir/h");
	MUSTFAIL(namec("#Rtest/dir/h", Aopen, OREAD, 0), Enonexist);
	readat(kept, buf, sizeof buf, 0);
	cclose(kept);
	if(strcmp(buf, "still here") != 0)
		return fail("removed file read '%s'", buf);

	MUSTFAIL(removefile("#Rtest/dir"), "directory not empty");
	c = namec("#Rtest/dir/g", Aopen, OREAD|ORCLOSE, 0);
	cclose(c);
	if(indir("#Rtest/dir", "g", &d))
		return fail("ORCLOSE left g");
	removefile("#Rtest/dir");
	MUSTFAIL(removefile("#Rtest"), Eperm);
	if(indir("#Rtest", "dir", &d))
		return fail("dir survived its removal");
	return 0;
}

static int
testramfs(void)
{
	char *user;
	int r;

	user = up->user;
	up->user = eve;
	r = ramchecks();
	up->user = user;
	return r;
}

static int
testmemory(void)
{
	uvlong mods;
	int i;

	print("memory: %lludM total, %lludM free\n", pagestotal()/MiB, pagesfree()/MiB);
	if(pagestotal() < 16*MiB)
		return fail("only %llud bytes of memory", pagestotal());
	/* the loader's modules (the root archive) stay where they were loaded */
	mods = 0;
	for(i = 0; i < conf.nmodule; i++)
		mods += conf.module[i].size;
	if(getconf("mem") != nil && (pagestotal() + mods)/MiB + 8 < strtoull(getconf("mem"), nil, 0))
		return fail("%lludM usable and %lludM of modules of mem=%s", pagestotal()/MiB, mods/MiB, getconf("mem"));
	return 0;
}

void
selftest(void*)
{
	run("memory", testmemory);
	run("pages", testpages);
	run("heap", testheap);
	run("clock", testclock);
	run("sleep", testsleep);
	run("qlock", testqlock);
	run("smp", testsmp);
	run("queue", testqueue);
	run("error", testerror);
	run("parsecmd", testparse);
	run("cons", testcons);
	run("root", testroot);
	run("env", testenv);
	run("pipe", testpipe);
	run("dup", testdup);
	run("srv", testsrv);
	run("segment", testsegment);
	run("proc", testproc);
	run("ramfs", testramfs);
	print("selftest: %d passed, %d failed\n", npass, nfail);
	if(getconf("trapme") != nil)
		*(volatile int*)0xdead0000 = 1;
	shutdown(Poweroff);
}
