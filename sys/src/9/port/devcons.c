/*
 * The console: kernel printing and panics, the keyboard line
 * discipline over the serial port, and the #c device.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

char	*eve = "eve";
char	sysname[NAMEMAX+1] = "vmx";
char	hostdomain[] = "plan9";
char	cmdline[1024];
uvlong	bootnsec;		/* the time of day at nsec() == 0 */

enum { Nkmesg = 16*1024 };

static struct {
	Lock;
	char	buf[Nkmesg];
	uvlong	n;		/* bytes ever written */
} kmesg;

static struct {
	Queue	*in;		/* characters typed */
	QLock	readlock;	/* one reader edits the line at a time */
	Lock	linelock;
	char	line[512];	/* the line being edited */
	int	nline;
	int	raw;
	int	ctlopen;
	int	panicking;
	int	noteid;		/* note group of the last reader */
	int	interrupted;	/* DEL typed, note not yet posted */
	Rendez	intr;
} kbd;

static void
kmesgputs(char *s, int n)
{
	ilock(&kmesg);
	while(n-- > 0)
		kmesg.buf[kmesg.n++ % Nkmesg] = *s++;
	iunlock(&kmesg);
}

void
putstrn(char *s, int n)
{
	kmesgputs(s, n);
	uartputs(s, n);
}

static int
vprintout(void (*out)(char*, int), char *fmt, va_list arg)
{
	char buf[PRINTSIZE];
	int n;

	n = vseprint(buf, buf+sizeof buf, fmt, arg) - buf;
	out(buf, n);
	return n;
}

int
print(char *fmt, ...)
{
	va_list arg;
	int n;

	va_start(arg, fmt);
	n = vprintout(putstrn, fmt, arg);
	va_end(arg);
	return n;
}

/* Output that bypasses the output queue: safe with interrupts off. */
static void
iputstrn(char *s, int n)
{
	kmesgputs(s, n);
	uartiputs(s, n);
}

int
iprint(char *fmt, ...)
{
	va_list arg;
	int n;

	va_start(arg, fmt);
	n = vprintout(iputstrn, fmt, arg);
	va_end(arg);
	return n;
}

void
panic(char *fmt, ...)
{
	char buf[PRINTSIZE];
	va_list arg;
	int n;

	splhi();
	kbd.panicking++;
	if(kbd.panicking > 2)
		halt();
	n = snprint(buf, sizeof buf, "panic: cpu%d: ", m->machno);
	va_start(arg, fmt);
	n = vseprint(buf+n, buf+sizeof buf, fmt, arg) - buf;
	va_end(arg);
	uartiputs(buf, n);
	uartiputs("\n", 1);
	backtrace((uintptr)__builtin_frame_address(0));
	shutdown(Panicoff);
}

void
rerrstr(char *buf, uint n)
{
	if(up == nil)
		strecpy(buf, buf+n, "no process");
	else
		strecpy(buf, buf+n, up->errstr);
}

/*
 * DEL sends "interrupt" to the note group reading the console; notes
 * cannot be posted from an interrupt handler, so this process does it.
 */
static int
isinterrupted(void*)
{
	return kbd.interrupted;
}

static void
interrupter(void*)
{
	for(;;){
		sleep(&kbd.intr, isinterrupted, nil);
		kbd.interrupted = 0;
		if(kbd.noteid != 0)
			postnotepg(kbd.noteid, "interrupt", Nuser);
	}
}

/*
 * From the UART's interrupt: echo and queue; editing happens at read
 * time.
 */
void
kbdputc(int c)
{
	char ch;

	if(c == 0x7f && !kbd.raw){
		uartiputs("\n", 1);
		kbd.interrupted = 1;
		wakeup(&kbd.intr);
		return;
	}
	if(c == '\r')
		c = '\n';
	ch = c;
	if(!kbd.raw){
		if(c == '\b')
			uartiputs("\b \b", 3);
		else if(c == 0x15)
			uartiputs("^U\n", 3);
		else if(c == 0x04)
			;
		else
			uartiputs(&ch, 1);
	}
	if(kbd.in != nil)
		qiwrite(kbd.in, &ch, 1);
}

/*
 * Cooked reads: a line at a time, with backspace and ^U editing and
 * ^D for end of file.
 */
static long
readline(char *buf, long n)
{
	char c;
	long i;

	for(;;){
		if(kbd.nline > 0 && (kbd.line[kbd.nline-1] == '\n' || kbd.line[kbd.nline-1] == 0x04))
			break;
		if(qread(kbd.in, &c, 1) <= 0)
			continue;
		switch(c){
		case '\b':
			if(kbd.nline > 0)
				kbd.nline--;
			break;
		case 0x15:
			kbd.nline = 0;
			break;
		default:
			if(kbd.nline < sizeof kbd.line)
				kbd.line[kbd.nline++] = c;
		}
	}
	i = kbd.nline;
	if(kbd.line[i-1] == 0x04)
		i--;
	if(i > n)
		i = n;
	memmove(buf, kbd.line, i);
	if(i == kbd.nline || (i == kbd.nline-1 && kbd.line[i] == 0x04))
		kbd.nline = 0;
	else{
		memmove(kbd.line, kbd.line+i, kbd.nline-i);
		kbd.nline -= i;
	}
	return i;
}

enum
{
	Qdir,
	Qcmdline,
	Qcons,
	Qconsctl,
	Qdrivers,
	Qhostowner,
	Qkmesg,
	Qnull,
	Qpid,
	Qreboot,
	Qswap,
	Qsysname,
	Qsysstat,
	Qtime,
	Quser,
};

static Dirtab consdir[] = {
	".",		{Qdir, 0, QTDIR},	0,	DMDIR|0555,
	"cmdline",	{Qcmdline},	0,	0444,
	"cons",		{Qcons},	0,	0660,
	"consctl",	{Qconsctl},	0,	0220,
	"drivers",	{Qdrivers},	0,	0444,
	"hostowner",	{Qhostowner},	0,	0664,
	"kmesg",	{Qkmesg},	0,	0440,
	"null",		{Qnull},	0,	0666,
	"pid",		{Qpid},		0,	0444,
	"reboot",	{Qreboot},	0,	0220,
	"swap",		{Qswap},	0,	0444,
	"sysname",	{Qsysname},	0,	0664,
	"sysstat",	{Qsysstat},	0,	0444,
	"time",		{Qtime},	0,	0664,
	"user",		{Quser},	0,	0666,
};

static void
consinit(void)
{
	kbd.in = qopen(1024, 0);
	kproc("interrupter", interrupter, nil);
}

static Chan*
consattach(char *spec)
{
	return devattach('c', spec);
}

static Walkqid*
conswalk(Chan *c, Chan *nc, char **name, int nname)
{
	return devwalk(c, nc, name, nname, consdir, nelem(consdir), devgen);
}

static int
consstat(Chan *c, uchar *dp, int n)
{
	return devstat(c, dp, n, consdir, nelem(consdir), devgen);
}

static Chan*
consopen(Chan *c, int omode)
{
	c = devopen(c, omode, consdir, nelem(consdir), devgen);
	if(c->qid.path == Qconsctl){
		lock(&kbd.linelock);
		kbd.ctlopen++;
		unlock(&kbd.linelock);
	}
	return c;
}

static void
consclose(Chan *c)
{
	if(c->qid.path == Qconsctl && (c->flag & COPEN)){
		lock(&kbd.linelock);
		if(--kbd.ctlopen == 0)
			kbd.raw = 0;
		unlock(&kbd.linelock);
	}
}

static long
readtime(void *buf, long n, vlong off)
{
	char str[4*22];
	vlong ns;

	ns = bootnsec + nsec();
	snprint(str, sizeof str, "%*lld %*lld %*llud %*d ",
		11, ns/1000000000, 21, ns, 21, machp[0]->ticks, 21, conf.hz);
	return readstr(off, buf, n, str);
}

/*
 * A line per processor: its number, switches to a process,
 * interrupts and clock ticks, in Plan 9's columns of 11.
 */
static long
readsysstat(void *buf, long n, vlong off)
{
	char s[MAXMACH*4*12+1], *p;
	Mach *mp;
	int i;

	p = s;
	s[0] = 0;
	for(i = 0; i < conf.nmach; i++){
		mp = machp[i];
		p = seprint(p, s+sizeof s, "%11d %11llud %11llud %11llud\n", i, mp->cs, mp->intr, mp->ticks);
	}
	return readstr(off, buf, n, s);
}

static long
readkmesg(void *buf, long n, vlong off)
{
	uvlong start, total;
	long i;
	char *p;

	p = buf;
	ilock(&kmesg);
	total = kmesg.n;
	start = total > Nkmesg ? total - Nkmesg : 0;
	if(off < 0 || start + off >= total){
		iunlock(&kmesg);
		return 0;
	}
	for(i = 0; i < n && start+off+i < total; i++)
		p[i] = kmesg.buf[(start+off+i) % Nkmesg];
	iunlock(&kmesg);
	return i;
}

static long
consread(Chan *c, void *buf, long n, vlong off)
{
	char tmp[256];
	int i;
	char *p, *e;

	switch((ulong)c->qid.path){
	case Qdir:
		return devdirread(c, buf, n, consdir, nelem(consdir), devgen);
	case Qcons:
		kbd.noteid = up->noteid;
		if(kbd.raw)
			return qread(kbd.in, buf, n);
		qlock(&kbd.readlock);
		if(waserror()){
			/* an interrupt discards the line being typed */
			kbd.nline = 0;
			qunlock(&kbd.readlock);
			nexterror();
		}
		n = readline(buf, n);
		poperror();
		qunlock(&kbd.readlock);
		return n;
	case Qcmdline:
		return readstr(off, buf, n, cmdline);
	case Qdrivers:
		p = tmp;
		e = tmp+sizeof tmp;
		for(i = 0; devtab[i] != nil; i++)
			p = seprint(p, e, "#%C %s\n", devtab[i]->dc, devtab[i]->name);
		return readstr(off, buf, n, tmp);
	case Qhostowner:
		return readstr(off, buf, n, eve);
	case Qkmesg:
		return readkmesg(buf, n, off);
	case Qnull:
		return 0;
	case Qpid:
		return readnum(off, buf, n, up->pid, 12);
	case Qswap:
		/*
		 * available is free plus heapfree: it does not move when
		 * the heap carves a free page into blocks, so it is what a
		 * program compares to see memory given back.
		 */
		snprint(tmp, sizeof tmp,
			"%llud memory\n%d pagesize\n%llud free\n%llud heap\n%llud heapfree\n%llud available\n",
			pagestotal(), BY2PG, pagesfree(), heapinuse(), heapfree(), pagesfree() + heapfree());
		return readstr(off, buf, n, tmp);
	case Qsysname:
		return readstr(off, buf, n, sysname);
	case Qsysstat:
		return readsysstat(buf, n, off);
	case Qtime:
		return readtime(buf, n, off);
	case Quser:
		return readstr(off, buf, n, up->user);
	}
	error(Egreg);
	return 0;
}

/* A name written to sysname, user and the like: one word, no newline. */
static void
setname(char *dst, int size, void *buf, long n)
{
	char *p;

	if(n <= 0 || n >= size)
		error(Ebadarg);
	memmove(dst, buf, n);
	dst[n] = 0;
	if((p = strchr(dst, '\n')) != nil)
		*p = 0;
}

static long
conswrite(Chan *c, void *buf, long n, vlong off)
{
	char tmp[64];
	vlong t;
	long i;

	switch((ulong)c->qid.path){
	case Qcons:
		/* the buffer may fault; the UART is written under an ilock */
		for(off = 0; off < n; off += sizeof tmp){
			i = n-off < sizeof tmp ? n-off : sizeof tmp;
			memmove(tmp, (char*)buf+off, i);
			putstrn(tmp, i);
		}
		return n;
	case Qconsctl:
		setname(tmp, sizeof tmp, buf, n);
		if(strcmp(tmp, "rawon") == 0)
			kbd.raw = 1;
		else if(strcmp(tmp, "rawoff") == 0)
			kbd.raw = 0;
		else
			error(Ebadctl);
		return n;
	case Qnull:
		return n;
	case Qreboot:
		if(strcmp(up->user, eve) != 0)
			error(Eperm);
		setname(tmp, sizeof tmp, buf, n);
		if(strcmp(tmp, "reboot") == 0)
			shutdown(Reboot);
		else if(strcmp(tmp, "poweroff") == 0 || strcmp(tmp, "halt") == 0)
			shutdown(Poweroff);
		error(Ebadctl);
	case Qsysname:
		setname(sysname, sizeof sysname, buf, n);
		return n;
	case Qtime:
		setname(tmp, sizeof tmp, buf, n);
		t = strtoll(tmp, nil, 0);
		if(t <= 0)
			error(Ebadarg);
		bootnsec = t*1000000000LL - nsec();
		return n;
	case Quser:
		setname(tmp, sizeof tmp, buf, n);
		if(strcmp(up->user, eve) != 0 && strcmp(tmp, up->user) != 0)
			error(Eperm);
		up->user = kstrdup(tmp);
		return n;
	case Qhostowner:
		if(strcmp(up->user, eve) != 0)
			error(Eperm);
		setname(tmp, sizeof tmp, buf, n);
		eve = kstrdup(tmp);
		up->user = eve;
		return n;
	}
	error(Eperm);
	return 0;
}

Dev consdevtab = {
	'c',
	"cons",
	devreset,
	consinit,
	devshutdown,
	consattach,
	conswalk,
	consstat,
	consopen,
	devcreate,
	consclose,
	consread,
	conswrite,
	devremove,
	devwstat,
};
