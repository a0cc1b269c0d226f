/*
 * Portable kernel types. The machine's dat.h includes this after
 * defining Label, Ureg-adjacent types and Mach.
 */
typedef struct Chan	Chan;
typedef struct Cmdbuf	Cmdbuf;
typedef struct Cmdtab	Cmdtab;
typedef struct Dev	Dev;
typedef struct Dirtab	Dirtab;
typedef struct Egrp	Egrp;
typedef struct Evalue	Evalue;
typedef struct Fgrp	Fgrp;
typedef struct Lock	Lock;
typedef struct Mhead	Mhead;
typedef struct Mount	Mount;
typedef struct Note	Note;
typedef struct Path	Path;
typedef struct Pgrp	Pgrp;
typedef struct Proc	Proc;
typedef struct QLock	QLock;
typedef struct Queue	Queue;
typedef struct Ref	Ref;
typedef struct Rendez	Rendez;
typedef struct Segment	Segment;
typedef struct Timer	Timer;
typedef struct Waitq	Waitq;
typedef struct Walkqid	Walkqid;
typedef int Devgen(Chan*, char*, Dirtab*, int, int, Dir*);
enum { DEVDOTDOT = -1 };	/* the index a Devgen is asked for the parent at */

struct Lock
{
	u32int	key;
	int	isilock;
	uintptr	pc;		/* who took it, for deadlock reports */
	uintptr	sr;		/* interrupt state before an ilock */
	Proc	*holder;
	Mach	*mach;
};

struct Ref
{
	Lock;
	long	ref;
};

struct Rendez
{
	Lock;
	Proc	*p;
};

struct QLock
{
	Lock	use;		/* protects the queue */
	Proc	*head;		/* waiting processes */
	Proc	*tail;
	int	locked;		/* Qfree, Qheld, Qcontended: see qlock.c */
	uintptr	qpc;		/* who took it */
};

struct Timer
{
	vlong	when;		/* nsec() at which f runs */
	void	(*f)(Timer*);
	void	*arg;
	Timer	*next;
	int	active;
};

struct Path
{
	Ref;
	char	*s;
};

enum
{
	CMSG		= 1<<0,		/* Chan.flag */
	COPEN		= 1<<1,
	CCEXEC		= 1<<3,
	CRCLOSE		= 1<<4,
	CFREE		= 1<<5,
};

struct Chan
{
	Ref;
	Chan	*next;		/* free list */
	vlong	offset;		/* changed atomically */
	vlong	devoffset;	/* for devdirread */
	ushort	type;		/* index into devtab */
	ulong	dev;
	ushort	mode;		/* open mode */
	ushort	flag;
	Qid	qid;
	ulong	iounit;
	int	dri;		/* directory read index, for devdirread */
	void	*aux;		/* the device's own */
	ulong	fid;		/* #M: the 9P fid naming this file */
	Qid	mqid;
	Path	*path;
	/* union directory reads (filled in by the name space code) */
	Mhead	*umh;		/* the union c is the first member of */
	Chan	*umc;
	QLock	umqlock;
	int	uri;
};

struct Dev
{
	int	dc;		/* the character after # */
	char	*name;
	void	(*reset)(void);
	void	(*init)(void);
	void	(*shutdown)(void);
	Chan*	(*attach)(char*);
	Walkqid*(*walk)(Chan*, Chan*, char**, int);
	int	(*stat)(Chan*, uchar*, int);
	Chan*	(*open)(Chan*, int);
	void	(*create)(Chan*, char*, int, ulong);
	void	(*close)(Chan*);
	long	(*read)(Chan*, void*, long, vlong);
	long	(*write)(Chan*, void*, long, vlong);
	void	(*remove)(Chan*);
	int	(*wstat)(Chan*, uchar*, int);
};

struct Dirtab
{
	char	name[KNAMELEN];
	Qid	qid;
	vlong	length;
	long	perm;
};

struct Walkqid
{
	Chan	*clone;
	int	nqid;
	Qid	qid[];
};

struct Cmdbuf
{
	char	*buf;
	char	**f;
	int	nf;
};

struct Cmdtab
{
	int	index;		/* used by the device to switch on */
	char	*cmd;		/* the command's first word */
	int	narg;		/* words including the command; 0 means any */
};

/*
 * Name spaces: a Pgrp's mount table maps a channel (the mount point)
 * to the list of channels bound there, searched in order.
 */
struct Mount
{
	Mount	*next;		/* in the union, in search order */
	Chan	*to;		/* what was bound or mounted */
	int	mflag;		/* MCREATE */
	int	mountid;
};

struct Mhead
{
	Ref;
	Chan	*from;		/* the mount point */
	Mount	*mount;		/* what is there */
	Mhead	*hash;
};

enum { MNTHASH = 32 };

enum { Qmsg = 1 };	/* qopen: keep each write whole */

struct Pgrp
{
	Ref;
	QLock	ns;		/* held while the table changes or is read */
	Mhead	*mnthash[MNTHASH];
	int	noattach;
};

/* Open files. */
struct Fgrp
{
	Ref;		/* its lock guards fd */
	Chan	**fd;
	int	nfd;		/* size of fd */
	int	maxfd;		/* highest fd in use */
};

/* The environment, #e. */
struct Evalue
{
	char	*name;
	uchar	*value;
	long	len;
	Qid	qid;
	Evalue	*next;
};

struct Egrp
{
	Ref;
	QLock;
	Evalue	*list;
	ulong	vers;
	ulong	path;		/* qid paths */
};

/*
 * A segment of an address space: its pages, allocated when first
 * touched (or all at once if sticky), never paged out. Global
 * segments (#g) have names and are shared by attaching them.
 */
enum
{
	SG_TEXT,
	SG_DATA,
	SG_BSS,
	SG_STACK,
	SG_SHARED,		/* global, from #g */

	SG_RONLY	= 1<<0,	/* Segment.flags */
	SG_STICKY	= 1<<1,	/* every page present from the start */
	SG_CEXEC	= 1<<2,	/* detach on exec */

	NSEG		= 8,	/* segments per process */
	SEGMAXPAGES	= 1<<20,	/* 4 GiB */
};

struct Segment
{
	Ref;
	QLock;
	int	type;
	int	flags;
	uintptr	base;		/* in the address space that has it */
	uintptr	top;
	ulong	npage;
	uchar	**pages;	/* kernel addresses; nil for untouched pages */
	char	*name;		/* global segments */
	Chan	*image;		/* text: the file it was loaded from */
	uvlong	filesize;	/* bytes of image data at the start */
	uvlong	fileoff;
};

enum
{
	NNOTE		= 5,	/* notes queued per process */
	Nuser		= 0,	/* Note.flag: from another process */
	Ndebug,
	Nexit,
};

struct Note
{
	char	msg[ERRMAX];
	int	flag;
};

/* A child's exit, waiting for await. */
struct Waitq
{
	Waitmsg	w;
	char	msg[ERRMAX];
	Waitq	*next;
};

enum
{
	Dead = 0,		/* Proc.state */
	Moribund,
	Ready,
	Running,
	Queueing,
	Wakeme,
	Broken,
	Stopped,
};

enum
{
	NERR		= 64,		/* nesting depth of waserror */
	NAMEMAX		= 27,
	PRINTSIZE	= 256,
	READSTR		= 8000,		/* temporary buffer for readstr */
};

struct Proc
{
	Label	sched;		/* where the process resumes */
	char	*kstack;
	Mach	*mach;		/* the processor it is running on, or nil */
	char	text[KNAMELEN];
	char	*user;
	int	pid;
	int	state;
	int	kp;		/* a kernel process */
	Proc	*rnext;		/* run queue */
	Proc	*qnext;		/* QLock wait queue */
	Proc	*next;		/* all processes */

	Lock	rlock;		/* sleep/wakeup */
	Rendez	*r;		/* where it sleeps */
	Rendez	sleep;		/* for tsleep and the like */
	Timer	timer;		/* for tsleep */
	Rendez	*trend;
	int	(*tfn)(void*);
	int	notepending;

	int	nlocks;		/* locks held, for preemption */
	int	delaysched;
	ulong	quantum;	/* ticks left before preemption */
	uvlong	cputime;

	Label	errlab[NERR];
	int	nerrlab;
	char	*errstr;	/* the last error raised */
	char	*syserrstr;	/* the other of errbuf0/errbuf1 */
	char	errbuf0[ERRMAX];
	char	errbuf1[ERRMAX];
	char	genbuf[128];	/* a name a Devgen makes for its caller's Dir */

	void	(*kpfun)(void*);
	void	*kparg;

	/* user processes */
	Proc	*parent;
	int	ppid;
	int	noteid;		/* note group */
	Pgrp	*pgrp;
	Fgrp	*fgrp;
	Egrp	*egrp;
	Chan	*slash;		/* root and current directory */
	Chan	*dot;
	QLock	debug;		/* #p reads args, pgrp and dot under it; they change under it */
	QLock	seglock;
	Segment	*seg[NSEG];
	u64int	*pml4;		/* page tables, nil for kernel processes */
	int	newtlb;		/* a segment shrank: drop every mapping before running on */
	Ureg	*ureg;		/* user registers at the last kernel entry */
	Ureg	*dbgreg;
	uchar	*fpsave;	/* FPU/SSE state (XSAVE area) */

	Lock	exl;		/* children's exits */
	Waitq	*waitq;
	int	nchild;		/* living children */
	int	nwait;		/* exits not yet awaited */
	Rendez	waitr;
	QLock	qwaitr;
	Waitq	*exitmsg;	/* prepared for the parent */
	char	*args;		/* for #p/N/args */
	int	nargs;

	Note	note[NNOTE];
	int	nnote;
	int	notified;	/* in the note handler */
	int	notify;		/* handler's address is notifyfn */
	uintptr	notifyfn;
	Note	lastnote;
	Ureg	*noteureg;	/* where the handler will return to */
	Rendez	*alarmr;
	Timer	alarm;
	vlong	alarmns;

	ulong	time[3];	/* user, system, real (ms) */
	vlong	startns;
	int	insyscall;
	int	syscallnr;
};

extern	Dev*	devtab[];
extern	char*	eve;
extern	char	hostdomain[];
extern	char*	statename[];
extern	char	sysname[];
extern	uvlong	bootnsec;
extern	char	cmdline[1024];
