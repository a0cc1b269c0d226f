/*
 * System calls on processes: rfork, exec, exits and await, notes,
 * memory (brk and global segments), semaphores, time.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"
#include "ureg.h"

enum
{
	Maxargs		= 256*1024,	/* bytes of exec arguments */
	Maxargc		= 4096,
	Shareva		= 0x4000000000ULL,	/* where segattach puts unplaced segments */
};

uintptr
sysrfork(uintptr *arg)
{
	Proc *p;
	int flag, i, pid;
	Segment *s;
	Ureg *ureg;

	flag = arg[0];
	if((flag & (RFFDG|RFCFDG)) == (RFFDG|RFCFDG) ||
	   (flag & (RFNAMEG|RFCNAMEG)) == (RFNAMEG|RFCNAMEG) ||
	   (flag & (RFENVG|RFCENVG)) == (RFENVG|RFCENVG))
		error(Ebadarg);
	if(!(flag & RFPROC)){
		if(flag & (RFMEM|RFNOWAIT))
			error(Ebadarg);
		forkgroups(up, up, flag);
		return 0;
	}

	p = newproc();
	if(waserror()){
		/* nothing of p has run: undo what was copied */
		procfree(p);
		nexterror();
	}
	p->pml4 = newpml4();
	if(p->pml4 == nil)
		error(Enovmem);
	forkgroups(p, up, flag);
	qlock(&up->seglock);
	for(i = 0; i < NSEG; i++){
		s = up->seg[i];
		if(s == nil)
			continue;
		if((flag & RFMEM) && s->type != SG_STACK){
			incref(s);
			p->seg[i] = s;
		}else if(waserror()){
			qunlock(&up->seglock);
			nexterror();
		}else{
			p->seg[i] = dupseg(s);
			poperror();
		}
	}
	qunlock(&up->seglock);
	strecpy(p->text, p->text+sizeof p->text, up->text);
	p->user = up->user;
	p->noteid = (flag & RFNOTEG) ? p->pid : up->noteid;
	if(!(flag & RFNOWAIT)){
		p->ppid = up->pid;
		lock(&up->exl);
		up->nchild++;
		unlock(&up->exl);
	}
	if(up->args != nil){
		p->args = smalloc(up->nargs);
		memmove(p->args, up->args, up->nargs);
		p->nargs = up->nargs;
	}
	p->startns = nsec();
	poperror();

	/* the child starts as if returning from this call with 0 */
	ureg = (Ureg*)(p->kstack + KSTACK) - 1;
	*ureg = *up->ureg;
	ureg->ax = 0;
	p->ureg = ureg;
	procfork(p);
	/* p may run, exit and be reused before ready returns */
	pid = p->pid;
	ready(p);
	return pid;
}

/*
 * Exec: a static ELF64 program, or a script whose first line names
 * its interpreter after #!.
 */
typedef struct Elf Elf;
struct Elf
{
	uintptr	entry;
	uintptr	textva, textsize;
	uvlong	textoff;
	uintptr	datava, datafile, datamem;
	uvlong	dataoff;
};

enum
{
	Ehdrsize	= 64,
	Phdrsize	= 56,
	Ptload		= 1,
	Pfexec		= 1,
	Pfwrite		= 2,
};

#define G16(p)	((p)[0] | (p)[1]<<8)
#define G32(p)	((u32int)G16(p) | (u32int)G16((p)+2)<<16)
#define G64(p)	((uvlong)G32(p) | (uvlong)G32((p)+4)<<32)

static long
readat(Chan *c, void *buf, long n, vlong off)
{
	return devtab[c->type]->read(c, buf, n, off);
}

static void
elfparse(Chan *c, uchar *h, Elf *e)
{
	uchar ph[Phdrsize];
	int i, nph, have;
	uvlong phoff, off, filesz, memsz, va;
	u32int flags;

	if(memcmp(h, "\x7f" "ELF", 4) != 0 || h[4] != 2 || h[5] != 1 || G16(h+18) != 62 || G16(h+16) != 2)
		error(Ebadexec);
	e->entry = G64(h+24);
	phoff = G64(h+32);
	nph = G16(h+56);
	if(G16(h+54) != Phdrsize || nph > 16)
		error(Ebadexec);
	have = 0;
	for(i = 0; i < nph; i++){
		if(readat(c, ph, Phdrsize, phoff + i*Phdrsize) != Phdrsize)
			error(Ebadexec);
		if(G32(ph) != Ptload)
			continue;
		flags = G32(ph+4);
		off = G64(ph+8);
		va = G64(ph+16);
		filesz = G64(ph+32);
		memsz = G64(ph+40);
		if(va % BY2PG != off % BY2PG || filesz > memsz || va+memsz >= USTKTOP-USTKSIZE || va < UTZERO)
			error(Ebadexec);
		if(flags & Pfwrite){
			e->datava = va;
			e->dataoff = off;
			e->datafile = filesz;
			e->datamem = memsz;
			have |= 2;
		}else if(flags & Pfexec){
			e->textva = va;
			e->textoff = off;
			e->textsize = filesz;
			have |= 1;
		}
	}
	if(!(have & 1) || e->entry < e->textva || e->entry >= e->textva+e->textsize)
		error(Ebadexec);
	if(!(have & 2)){
		e->datava = PGROUND(e->textva+e->textsize);
		e->dataoff = 0;
		e->datafile = 0;
		e->datamem = 0;
	}
}

/* The argument list, copied out of the caller's memory. */
static char*
copyargs(uintptr uargv, int *argcp, int *lenp)
{
	char **argv, *buf, *p;
	int argc, len, n, i;

	argv = validaddr(uargv, sizeof(char*), 0);
	len = 0;
	for(argc = 0; ; argc++){
		validaddr((uintptr)(argv+argc), sizeof(char*), 0);
		if(argv[argc] == nil)
			break;
		if(argc == Maxargc)
			error(Etoobig);
		len += strlen(validstr((uintptr)argv[argc]))+1;
		if(len > Maxargs)
			error(Etoobig);
	}
	buf = smalloc(len ? len : 1);
	p = buf;
	for(i = 0; i < argc; i++){
		n = strlen(argv[i])+1;
		if(p+n > buf+len){
			free(buf);
			error(Etoobig);
		}
		memmove(p, argv[i], n);
		p += n;
	}
	*argcp = argc;
	*lenp = len;
	return buf;
}

/*
 * A script's arguments: the interpreter line's words, the script's
 * name, then the original arguments after the first.
 */
static char*
scriptargs(char **f, int nf, char *file, char *args, int *argcp, int *lenp)
{
	char *buf, *p, *old;
	int i, len, n;

	old = args;
	if(*argcp > 0)
		old += strlen(old)+1;
	n = *lenp - (old - args);
	len = n + strlen(file)+1;
	for(i = 0; i < nf; i++)
		len += strlen(f[i])+1;
	if(len > Maxargs)
		error(Etoobig);
	buf = smalloc(len);
	p = buf;
	for(i = 0; i < nf; i++)
		p = strecpy(p, buf+len, f[i]) + 1;
	p = strecpy(p, buf+len, file) + 1;
	memmove(p, old, n);
	*argcp = nf + 1 + (*argcp > 0 ? *argcp-1 : 0);
	*lenp = len;
	return buf;
}

/*
 * Lay out argc, argv and the strings at the top of the new stack;
 * returns the initial stack pointer (16-byte aligned, at argc).
 */
static uintptr
buildstack(Segment *stack, char *args, int argc, int len)
{
	uintptr top, strs, sp, v;
	char *p;
	int i, n;

	top = stack->top;
	strs = top - len;
	sp = (strs - (argc+2)*sizeof(uintptr)) & ~(uintptr)15;
	segio(stack, args, len, strs - stack->base, 1);
	v = argc;
	segio(stack, &v, sizeof v, sp - stack->base, 1);
	p = args;
	for(i = 0; i < argc; i++){
		v = strs + (p - args);
		segio(stack, &v, sizeof v, sp + (1+i)*sizeof(uintptr) - stack->base, 1);
		n = strlen(p)+1;
		p += n;
	}
	v = 0;
	segio(stack, &v, sizeof v, sp + (1+argc)*sizeof(uintptr) - stack->base, 1);
	return sp;
}

static void
freesegs(Proc *p)
{
	int i;

	qlock(&p->seglock);
	for(i = 0; i < NSEG; i++){
		putseg(p->seg[i]);
		p->seg[i] = nil;
	}
	qunlock(&p->seglock);
}

/*
 * Replace up's program with file, given its arguments as argc
 * NUL-terminated strings in args (len bytes), which exec takes over.
 */
void
execproc(char *file, char *volatile args, int argc, int len)
{
	/* volatile: set after waserror and freed by its handler */
	Chan *volatile c;
	Segment *volatile text, *volatile data, *volatile bss, *volatile stack;
	uchar hdr[Ehdrsize];
	char line[128], *f[8], *elem, *sargs;
	int n, nf, i;
	Elf e;
	uintptr sp;
	Ureg *u;

	text = data = bss = stack = nil;
	c = nil;
	if(waserror()){
		cclose(c);
		free(args);
		putseg(text);
		putseg(data);
		putseg(bss);
		putseg(stack);
		nexterror();
	}
	c = namec(file, Aopen, OEXEC, 0);
	n = readat(c, hdr, sizeof hdr, 0);
	if(n >= 2 && hdr[0] == '#' && hdr[1] == '!'){
		n = readat(c, line, sizeof line - 1, 0);
		line[n] = 0;
		for(i = 2; i < n && line[i] != '\n'; i++)
			;
		if(i == n)
			error(Ebadexec);
		line[i] = 0;
		nf = tokenize(line+2, f, nelem(f));
		if(nf == 0)
			error(Ebadexec);
		sargs = scriptargs(f, nf, file, args, &argc, &len);
		free(args);
		args = sargs;
		cclose(c);
		c = nil;
		c = namec(args, Aopen, OEXEC, 0);
		n = readat(c, hdr, sizeof hdr, 0);
	}
	if(n != sizeof hdr)
		error(Ebadexec);
	memset(&e, 0, sizeof e);
	elfparse(c, hdr, &e);

	text = newseg(SG_TEXT, e.textva & ~(uintptr)(BY2PG-1),
		(PGROUND(e.textva+e.textsize) - (e.textva & ~(uintptr)(BY2PG-1)))/BY2PG);
	text->flags = SG_RONLY;
	incref(c);
	text->image = c;
	text->fileoff = e.textoff & ~(uvlong)(BY2PG-1);
	text->filesize = e.textsize + e.textva%BY2PG;
	data = newseg(SG_DATA, e.datava & ~(uintptr)(BY2PG-1),
		(PGROUND(e.datava+e.datafile) - (e.datava & ~(uintptr)(BY2PG-1)))/BY2PG);
	if(e.datafile > 0){
		incref(c);
		data->image = c;
		data->fileoff = e.dataoff & ~(uvlong)(BY2PG-1);
		data->filesize = e.datafile + e.datava%BY2PG;
	}
	bss = newseg(SG_BSS, data->top, (PGROUND(e.datava+e.datamem) - data->top)/BY2PG);
	stack = newseg(SG_STACK, USTKTOP-USTKSIZE, USTKSIZE/BY2PG);
	sp = buildstack(stack, args, argc, len);
	poperror();

	/* the point of no return: the old program goes */
	freesegs(up);
	qlock(&up->seglock);
	up->seg[0] = text;
	up->seg[1] = data;
	up->seg[2] = bss;
	up->seg[3] = stack;
	qunlock(&up->seglock);
	mmuflushuser(up);
	closeexec();
	qlock(&up->debug);
	free(up->args);
	up->args = args;
	up->nargs = len;
	qunlock(&up->debug);
	elem = strrchr(args, '/');
	elem = elem != nil ? elem+1 : args;
	strecpy(up->text, up->text+sizeof up->text, elem);
	up->notify = 0;
	up->notifyfn = 0;
	up->notified = 0;
	procexec(up);
	cclose(c);

	u = up->ureg;
	memset(u, 0, sizeof *u);
	u->pc = e.entry;
	u->sp = sp;
	userregs(u);
}

uintptr
sysexec(uintptr *arg)
{
	char *file;

	char *args;
	int argc, len;

	file = kstrdup(validstr(arg[0]));
	if(waserror()){
		free(file);
		nexterror();
	}
	args = copyargs(arg[1], &argc, &len);
	execproc(file, args, argc, len);
	poperror();
	free(file);
	return 0;
}

uintptr
sysexits(uintptr *arg)
{
	char *status, buf[ERRMAX];

	status = "";
	if(arg[0] != 0 && !waserror()){
		kstrcpy(buf, validstr(arg[0]), sizeof buf);
		status = buf;
		poperror();
	}
	pexit(status, 1);
}

static int
haswaitq(void *a)
{
	Proc *p;

	p = a;
	return p->waitq != nil;
}

uintptr
sysawait(uintptr *arg)
{
	char *buf;
	Waitq *w;
	long n;

	buf = validaddr(arg[0], arg[1], 1);
	qlock(&up->qwaitr);
	if(waserror()){
		qunlock(&up->qwaitr);
		nexterror();
	}
	lock(&up->exl);
	if(up->nchild == 0 && up->waitq == nil){
		unlock(&up->exl);
		error(Enochild);
	}
	unlock(&up->exl);
	sleep(&up->waitr, haswaitq, up);
	lock(&up->exl);
	w = up->waitq;
	up->waitq = w->next;
	up->nwait--;
	unlock(&up->exl);
	poperror();
	qunlock(&up->qwaitr);
	n = snprint(buf, arg[1], "%d %lud %lud %lud %q",
		w->w.pid, w->w.time[0], w->w.time[1], w->w.time[2], w->msg);
	free(w);
	return n;
}

uintptr
syserrstr(uintptr *arg)
{
	char *buf, tmp[ERRMAX];
	uint n;

	n = arg[1];
	if(n > ERRMAX)
		n = ERRMAX;
	buf = validaddr(arg[0], n, 1);
	if(n == 0)
		return 0;
	kstrcpy(tmp, buf, n);
	kstrcpy(buf, up->syserrstr, n);
	kstrcpy(up->syserrstr, tmp, ERRMAX);
	return 0;
}

uintptr
syssleep(uintptr *arg)
{
	long ms;

	ms = arg[0];
	if(ms <= 0){
		yield();
		return 0;
	}
	tsleep(&up->sleep, return0, nil, ms);
	return 0;
}

static void
alarmfired(Timer *t)
{
	Proc *p;

	p = t->arg;
	p->alarmns = 0;
	postnote(p, 0, "alarm", Nuser);
}

uintptr
sysalarm(uintptr *arg)
{
	vlong left, now;

	now = nsec();
	timerdel(&up->alarm);
	left = up->alarmns ? (up->alarmns - now)/1000000 : 0;
	if(left < 0)
		left = 0;
	up->alarmns = 0;
	if(arg[0] != 0){
		up->alarmns = now + (vlong)arg[0]*1000000;
		up->alarm.when = up->alarmns;
		up->alarm.f = alarmfired;
		up->alarm.arg = up;
		timeradd(&up->alarm);
	}
	return left;
}

uintptr
sysnsec(uintptr*)
{
	return bootnsec + nsec();
}

uintptr
sysnotify(uintptr *arg)
{
	if(arg[0] != 0)
		validaddr(arg[0], 1, 0);
	up->notifyfn = arg[0];
	up->notify = arg[0] != 0;
	return 0;
}

uintptr
sysnoted(uintptr *arg)
{
	if(!up->notified)
		error(Egreg);
	noted(up->ureg, arg[0]);
	return up->ureg->ax;
}

/* Move the end of the bss segment to addr. */
uintptr
sysbrk(uintptr *arg)
{
	Segment *s;
	uintptr top;
	ulong npage, i;
	uchar **pages;

	top = PGROUND(arg[0]);
	qlock(&up->seglock);
	if(waserror()){
		qunlock(&up->seglock);
		nexterror();
	}
	s = up->seg[2];
	if(s == nil || s->type != SG_BSS || top < s->base)
		error(Ebadarg);
	for(i = 0; i < NSEG; i++)
		if(up->seg[i] != nil && up->seg[i] != s && top > up->seg[i]->base && s->base < up->seg[i]->top)
			error(Esoverlap);
	npage = (top - s->base)/BY2PG;
	if(npage > SEGMAXPAGES)
		error(Enovmem);
	qlock(s);
	if(npage > s->npage){
		pages = malloc(npage*sizeof(uchar*));
		if(pages == nil){
			qunlock(s);
			error(Enovmem);
		}
		memmove(pages, s->pages, s->npage*sizeof(uchar*));
		memset(pages+s->npage, 0, (npage-s->npage)*sizeof(uchar*));
		free(s->pages);
		s->pages = pages;
		s->npage = npage;
		s->top = top;
	}
	qunlock(s);
	poperror();
	qunlock(&up->seglock);
	return 0;
}

uintptr
syssegattach(uintptr *arg)
{
	Segment *s;
	uintptr va;
	int i, free;

	s = globalseg(validstr(arg[1]));
	if(s == nil)
		error("segment not found");
	qlock(&up->seglock);
	if(waserror()){
		qunlock(&up->seglock);
		putseg(s);
		nexterror();
	}
	va = arg[2];
	if(va != 0 && va != s->base)
		error("segment must be attached at its own address");
	free = -1;
	for(i = 0; i < NSEG; i++){
		if(up->seg[i] == nil){
			if(free < 0 && i > 3)
				free = i;
			continue;
		}
		if(up->seg[i] == s)
			error(Einuse);
		if(s->base < up->seg[i]->top && s->top > up->seg[i]->base)
			error(Esoverlap);
	}
	if(free < 0)
		error(Enovmem);
	up->seg[free] = s;
	poperror();
	qunlock(&up->seglock);
	return s->base;
}

uintptr
syssegdetach(uintptr *arg)
{
	Segment *s;
	int i;

	qlock(&up->seglock);
	for(i = 0; i < NSEG; i++){
		s = up->seg[i];
		if(s != nil && s->type == SG_SHARED && arg[0] >= s->base && arg[0] < s->top)
			break;
	}
	if(i == NSEG){
		qunlock(&up->seglock);
		error(Ebadarg);
	}
	up->seg[i] = nil;
	qunlock(&up->seglock);
	mmuflushuser(up);
	putseg(s);
	return 0;
}

uintptr
syssegfree(uintptr *arg)
{
	Segment *s;
	uintptr a, end;
	ulong i;

	s = seg(up, arg[0]);
	if(s == nil)
		error(Ebadarg);
	end = arg[0] + arg[1];
	if(end > s->top || end < arg[0])
		error(Ebadarg);
	if(s->flags & SG_STICKY)
		return 0;
	/* no processor may still reach a page when it is freed */
	qlock(s);
	procflushseg(s);
	for(a = PGROUND(arg[0]); a+BY2PG <= end; a += BY2PG){
		i = (a - s->base)/BY2PG;
		if(s->pages[i] != nil){
			pagefree(s->pages[i], BY2PG);
			s->pages[i] = nil;
		}
	}
	qunlock(s);
	return 0;
}

/*
 * Semaphores in user memory, shared through RFMEM or a global
 * segment: sleepers are found by segment and offset.
 */
typedef struct Sema Sema;
struct Sema
{
	Rendez;
	Segment	*seg;
	uintptr	off;
	long	*addr;
	int	released;	/* since the sleeper last looked */
	Sema	*next;
};

static struct {
	Lock;
	Sema	*list;
} semas;

static int
canacquire(void *a)
{
	long *addr, v;

	addr = a;
	while((v = *addr) > 0)
		if(__sync_bool_compare_and_swap(addr, v, v-1))
			return 1;
	return 0;
}

static int
released(void *a)
{
	return ((Sema*)a)->released;
}

static void
unlinksem(Sema *sem)
{
	Sema **l;

	lock(&semas);
	for(l = &semas.list; *l != nil; l = &(*l)->next)
		if(*l == sem){
			*l = sem->next;
			break;
		}
	unlock(&semas);
}

uintptr
syssemacquire(uintptr *arg)
{
	long *addr;
	Sema sem;

	addr = validaddr(arg[0], sizeof(long), 1);
	if(arg[0] % sizeof(long))
		error(Ebadarg);
	if(canacquire(addr))
		return 1;
	if(arg[1] == 0)
		return 0;
	memset(&sem, 0, sizeof sem);
	sem.seg = seg(up, arg[0]);
	sem.off = arg[0] - sem.seg->base;
	sem.addr = addr;
	lock(&semas);
	sem.next = semas.list;
	semas.list = &sem;
	unlock(&semas);
	if(waserror()){
		unlinksem(&sem);
		nexterror();
	}
	/*
	 * The count is looked at here, not in sleep with its locks
	 * held: the page may have to be faulted in again (procflushseg).
	 */
	for(;;){
		sem.released = 0;
		if(canacquire(addr))
			break;
		sleep(&sem, released, &sem);
	}
	poperror();
	unlinksem(&sem);
	return 1;
}

uintptr
syssemrelease(uintptr *arg)
{
	long *addr, n;
	Segment *s;
	uintptr off;
	Sema *sem;

	addr = validaddr(arg[0], sizeof(long), 1);
	n = arg[1];
	if(n < 0 || arg[0] % sizeof(long))
		error(Ebadarg);
	s = seg(up, arg[0]);
	off = arg[0] - s->base;
	__sync_fetch_and_add(addr, n);
	lock(&semas);
	for(sem = semas.list; sem != nil; sem = sem->next)
		if(sem->seg == s && sem->off == off){
			sem->released = 1;
			wakeup(sem);
		}
	unlock(&semas);
	return *addr;
}
