/* alloc.c, page.c */
void*	malloc(ulong);
void*	mallocz(ulong, int);
void*	smalloc(ulong);
void	free(void*);
void*	realloc(void*, ulong);
ulong	msize(void*);
uvlong	heapinuse(void);
uvlong	heapfree(void);
void*	pagealloc(usize);
void*	pagealloczero(usize);
void	pagefree(void*, usize);
void	pageinit(Memrange*, int);
uvlong	pagesfree(void);
uvlong	pagestotal(void);

/* chan.c, pgrp.c */
void	cclose(Chan*);
Chan*	cclone(Chan*);
int	cmount(Chan*, Chan*, int);
void	cunmount(Chan*, Chan*);
int	eqchan(Chan*, Chan*);
Mhead*	findmount(Pgrp*, Chan*);
void	closepgrp(Pgrp*);
Pgrp*	dupnsgrp(Pgrp*);
Pgrp*	newpgrp(void);
Fgrp*	newfgrp(void);
Mount*	newmount(Chan*, int);
void	mountfree(Mount*);
void	putmhead(Mhead*);
int	channelsinuse(void);
void	isdir(Chan*);
void	kstrcpy(char*, char*, int);
char*	kstrdup(char*);
Chan*	namec(char*, int, int, ulong);
Chan*	newchan(void);
Path*	newpath(char*);
int	openmode(ulong);
void	pathclose(Path*);
enum { Aaccess, Abind, Atodir, Aopen, Amount, Acreate, Aremove };

/* dev.c */
int	devallowed(char*, ulong, int);
Chan*	devattach(int, char*);
Chan*	devclone(Chan*);
void	devcreate(Chan*, char*, int, ulong);
void	devdir(Chan*, Qid, char*, vlong, char*, long, Dir*);
long	devdirread(Chan*, char*, long, Dirtab*, int, Devgen*);
void	devcheckname(char*);
Devgen	devgen;
void	devinit(void);
int	devno(int, int);
Chan*	devopen(Chan*, int, Dirtab*, int, Devgen*);
void	devpermcheck(char*, ulong, int);
void	devrclose(Chan*, void(*)(Chan*));
void	devremove(Chan*);
void	devreset(void);
void	devshutdown(void);
int	devstat(Chan*, uchar*, int, Dirtab*, int, Devgen*);
Walkqid*devwalk(Chan*, Chan*, char**, int, Dirtab*, int, Devgen*);
int	devwstat(Chan*, uchar*, int);
void	mkqid(Qid*, vlong, ulong, int);
long	readnum(vlong, char*, long, vlong, int);
long	readstr(vlong, char*, long, char*);

/* devmnt.c */
Chan*	mntchan(Chan*, char*);

/* devenv.c */
void	closeegrp(Egrp*);
Egrp*	dupegrp(Egrp*);
Egrp*	newegrp(void);

/* devcons.c */
int	iprint(char*, ...);
void	kbdputc(int);
void	panic(char*, ...) __attribute__((noreturn));
int	print(char*, ...);
void	putstrn(char*, int);
void	rerrstr(char*, uint);

/* parse.c */
void	cmderror(Cmdbuf*, char*) __attribute__((noreturn));
Cmdtab*	lookupcmd(Cmdbuf*, Cmdtab*, int);
Cmdbuf*	parsecmd(char*, int);
uvlong	parsenum(char*, char*);

/* portclock.c */
void	timeradd(Timer*);
void	timerdel(Timer*);
void	timersrun(void);

/* proc.c */
void	forkgroups(Proc*, Proc*, int);
int	postnote(Proc*, int, char*, int);
void	postnotepg(int, char*, int);
int	postnotepid(int, char*, int, int);
void	procfree(Proc*);
void	procflushseg(Segment*);
Proc*	procindex(int);
int	anyready(void);
void	error(char*) __attribute__((noreturn));
void	exhausted(char*) __attribute__((noreturn));
void	kproc(char*, void(*)(void*), void*);
Proc*	newproc(void);
void	nexterror(void) __attribute__((noreturn));
void	pexit(char*, int) __attribute__((noreturn));
void	preempt(void);
Proc*	proclookup(int);
void	ready(Proc*);
int	return0(void*);
void	sched(void);
void	schedinit(void) __attribute__((noreturn));
void	sleep(Rendez*, int(*)(void*), void*);
void	tsleep(Rendez*, int(*)(void*), void*, ulong);
Proc*	wakeup(Rendez*);
void	yield(void);
#define	waserror()	setlabel(&up->errlab[up->nerrlab++])
#define	poperror()	(up->nerrlab--)

/* qio.c */
void	qfree(Queue*);
void	qhangup(Queue*);
long	qiwrite(Queue*, void*, long);
int	qisclosed(Queue*);
long	qlen(Queue*);
Queue*	qopen(long, int);
long	qread(Queue*, void*, long);
void	qreopen(Queue*);
long	qwrite(Queue*, void*, long);

/* qlock.c, taslock.c */
int	canlock(Lock*);
int	canqlock(QLock*);
int	qlockwanted(QLock*);
long	decref(Ref*);
void	ilock(Lock*);
long	incref(Ref*);
void	iunlock(Lock*);
void	lock(Lock*);
void	qlock(QLock*);
void	qunlock(QLock*);
void	unlock(Lock*);

/* segment.c */
void	addglobalseg(Segment*, char*);
void	delglobalseg(Segment*);
Segment*dupseg(Segment*);
Segment*globalseg(char*);
Segment*globalsegn(int);
Segment*newseg(int, uintptr, ulong);
void	putseg(Segment*);
void	segfill(Segment*);
long	segio(Segment*, void*, long, uvlong, int);
uchar*	segpage(Segment*, uvlong);
uchar*	segpagelocked(Segment*, uvlong);
uvlong	segpaddr(Segment*, uvlong);

Chan*	fdtochan(int, int, int, int);
int	newfd(Chan*);
void	setfd(Chan*, int);
Fgrp*	dupfgrp(Fgrp*);
void	closefgrp(Fgrp*);

/* fault.c */
int	fault(uintptr, int);
Segment*seg(Proc*, uintptr);
void*	validaddr(uintptr, ulong, int);
char*	validstr(uintptr);

/* sysfile.c */
void	closeexec(void);

/* sysproc.c */
void	execproc(char*, char*, int, int);
void	noted(Ureg*, int);


/* systab.c */
enum { Nsyscall = 64 };
typedef uintptr Syscall(uintptr*);
extern	Syscall	*systab[Nsyscall];
Syscall	sysalarm, sysawait, sysbind, sysbrk, syschdir, sysclose, syscreate, sysdup,
	syserrstr, sysexec, sysexits, sysfd2path, sysfstat, sysfwstat, sysmount,
	sysnoted, sysnotify, sysnsec, sysopen, syspipe, syspread, syspwrite,
	sysremove, sysrfork, sysseek, syssegattach, syssegdetach, syssegfree,
	syssemacquire, syssemrelease, syssleep, sysstat, sysunmount, syswstat;
