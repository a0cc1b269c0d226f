/*
 * Kernel self-tests, run when the command line says "selftest": each
 * prints "ok NAME" or "not ok NAME: why"; then the machine stops.
 * They stand in for user-space tests until processes can run rc.
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

	t0 = m->ticks;
	n0 = nsec();
	tsleep(&up->sleep, return0, nil, 200);
	dn = nsec() - n0;
	print("clock: %llud ticks and %lld ms in a 200 ms sleep\n", m->ticks - t0, dn/1000000);
	if(m->ticks - t0 < 200*conf.hz/1000 - 2)
		return fail("only %llud ticks", m->ticks - t0);
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

	pp.pipe = qopen(256);
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

/* Whether err is want, perhaps after the quoted name namec puts first. */
static int
iserror(char *err, char *want)
{
	long n, w;

	n = strlen(err);
	w = strlen(want);
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

static int
testmemory(void)
{
	print("memory: %lludM total, %lludM free\n", pagestotal()/MiB, pagesfree()/MiB);
	if(pagestotal() < 16*MiB)
		return fail("only %llud bytes of memory", pagestotal());
	if(getconf("mem") != nil && pagestotal()/MiB + 8 < strtoull(getconf("mem"), nil, 0))
		return fail("%lludM usable of mem=%s", pagestotal()/MiB, getconf("mem"));
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
	run("queue", testqueue);
	run("error", testerror);
	run("parsecmd", testparse);
	run("cons", testcons);
	run("root", testroot);
	run("env", testenv);
	print("selftest: %d passed, %d failed\n", npass, nfail);
	if(getconf("trapme") != nil)
		*(volatile int*)0xdead0000 = 1;
	shutdown(0);
}
