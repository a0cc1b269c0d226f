/*
 * Portable kernel types. The machine's dat.h includes this after
 * defining Label, Ureg-adjacent types and Mach.
 */
typedef struct Chan	Chan;
typedef struct Cmdbuf	Cmdbuf;
typedef struct Cmdtab	Cmdtab;
typedef struct Dev	Dev;
typedef struct Dirtab	Dirtab;
typedef struct Lock	Lock;
typedef struct Path	Path;
typedef struct Proc	Proc;
typedef struct QLock	QLock;
typedef struct Queue	Queue;
typedef struct Ref	Ref;
typedef struct Rendez	Rendez;
typedef struct Timer	Timer;
typedef struct Walkqid	Walkqid;
typedef int Devgen(Chan*, char*, Dirtab*, int, int, Dir*);

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
	Lock	use;		/* protects the fields below */
	Proc	*head;		/* waiting processes */
	Proc	*tail;
	int	locked;
	uintptr	pc;
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
	Lock	lk;		/* offset */
	Chan	*next;		/* free list */
	vlong	offset;
	vlong	devoffset;	/* for devdirread */
	ushort	type;		/* index into devtab */
	ulong	dev;
	ushort	mode;		/* open mode */
	ushort	flag;
	Qid	qid;
	ulong	iounit;
	int	dri;		/* directory read index, for devdirread */
	void	*aux;		/* the device's own */
	Qid	mqid;
	Path	*path;
	/* union directory reads (filled in by the name space code) */
	void	*umh;
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
	char	*psstate;	/* what it is doing, for ps */
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

	void	(*kpfun)(void*);
	void	*kparg;
};

extern	Dev*	devtab[];
extern	char*	eve;
extern	char	hostdomain[];
extern	char*	statename[];
extern	char	sysname[];
extern	uvlong	bootnsec;
extern	char	cmdline[1024];
