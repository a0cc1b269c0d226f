/*
 * The C library: Plan 9's names and semantics.
 * The portable parts are also linked into the kernel (libkc.a).
 */

/*
 * memory and strings
 */
extern	void*	memmove(void*, void*, usize);
extern	void*	memcpy(void*, void*, usize);
extern	void*	memset(void*, int, usize);
extern	int	memcmp(void*, void*, usize);
extern	void*	memchr(void*, int, usize);
extern	void*	memccpy(void*, void*, int, usize);

extern	long	strlen(char*);
extern	int	strcmp(char*, char*);
extern	int	strncmp(char*, char*, long);
extern	char*	strcpy(char*, char*);
extern	char*	strncpy(char*, char*, long);
extern	char*	strecpy(char*, char*, char*);
extern	char*	strcat(char*, char*);
extern	char*	strchr(char*, int);
extern	char*	strrchr(char*, int);
extern	char*	strstr(char*, char*);
extern	char*	strdup(char*);
extern	int	cistrcmp(char*, char*);
extern	int	cistrncmp(char*, char*, int);
extern	long	strspn(char*, char*);
extern	long	strcspn(char*, char*);
extern	char*	strpbrk(char*, char*);
extern	int	tolower(int);
extern	int	toupper(int);

/*
 * UTF-8 and runes
 */
enum
{
	UTFmax		= 4,		/* maximum bytes per rune */
	Runesync	= 0x80,		/* cannot represent part of a UTF sequence (<) */
	Runeself	= 0x80,		/* rune and UTF sequences are the same (<) */
	Runeerror	= 0xFFFD,	/* decoding error in UTF */
	Runemax		= 0x10FFFF,	/* largest rune value */
};

extern	int	chartorune(Rune*, char*);
extern	int	runetochar(char*, Rune*);
extern	int	runelen(long);
extern	int	runenlen(Rune*, int);
extern	int	fullrune(char*, int);
extern	int	utflen(char*);
extern	int	utfnlen(char*, long);
extern	char*	utfrune(char*, long);
extern	char*	utfrrune(char*, long);
extern	char*	utfecpy(char*, char*, char*);
extern	long	runestrlen(Rune*);
extern	Rune	tolowerrune(Rune);
extern	Rune	toupperrune(Rune);
extern	int	isalpharune(Rune);
extern	int	isdigitrune(Rune);
extern	int	isspacerune(Rune);
extern	int	isupperrune(Rune);
extern	int	islowerrune(Rune);

/*
 * numbers
 */
extern	int	atoi(char*);
extern	long	atol(char*);
extern	vlong	atoll(char*);
extern	long	strtol(char*, char**, int);
extern	ulong	strtoul(char*, char**, int);
extern	vlong	strtoll(char*, char**, int);
extern	uvlong	strtoull(char*, char**, int);
extern	int	abs(int);
extern	void	qsort(void*, long, long, int (*)(void*, void*));

/* floating point: user programs only (the kernel has none) */
extern	double	atof(char*);
extern	double	strtod(char*, char**);

/*
 * time: there is no time zone database, so local time is GMT
 */
typedef struct Tm	Tm;
struct Tm
{
	int	sec;
	int	min;
	int	hour;
	int	mday;	/* 1..31 */
	int	mon;	/* 0..11 */
	int	year;	/* since 1900 */
	int	wday;	/* 0 is Sunday */
	int	yday;	/* 0..365 */
	char	zone[4];
	int	tzoff;	/* seconds east of GMT */
};

extern	Tm*	gmtime(long);
extern	Tm*	localtime(long);
extern	char*	asctime(Tm*);
extern	char*	ctime(long);
extern	long	tm2sec(Tm*);

/*
 * formatted output
 */
typedef struct Fmt	Fmt;
struct Fmt
{
	char	*start;		/* output buffer */
	char	*to;		/* next free byte */
	char	*stop;		/* end of buffer */
	int	(*flush)(Fmt*);	/* make room; 0 means no more output */
	void	*farg;		/* flush's private data */
	long	nfmt;		/* bytes already flushed out of the buffer */
	va_list	args;
	Rune	r;		/* the verb */
	int	width;
	int	prec;
	ulong	flags;
};

enum
{
	FmtWidth	= 1,
	FmtLeft		= FmtWidth<<1,
	FmtPrec		= FmtLeft<<1,
	FmtSharp	= FmtPrec<<1,
	FmtSpace	= FmtSharp<<1,
	FmtSign		= FmtSpace<<1,
	FmtZero		= FmtSign<<1,
	FmtUnsigned	= FmtZero<<1,
	FmtShort	= FmtUnsigned<<1,
	FmtLong		= FmtShort<<1,
	FmtVLong	= FmtLong<<1,
	FmtComma	= FmtVLong<<1,
	FmtByte		= FmtComma<<1,
};

extern	int	print(char*, ...);
extern	int	fprint(int, char*, ...);
extern	int	sprint(char*, char*, ...);
extern	int	snprint(char*, int, char*, ...);
extern	char*	seprint(char*, char*, char*, ...);
extern	char*	smprint(char*, ...);
extern	int	vfprint(int, char*, va_list);
extern	int	vsnprint(char*, int, char*, va_list);
extern	char*	vseprint(char*, char*, char*, va_list);
extern	char*	vsmprint(char*, va_list);

extern	int	fmtinstall(int, int (*)(Fmt*));
extern	int	dofmt(Fmt*, char*);
extern	int	fmtprint(Fmt*, char*, ...);
extern	int	fmtvprint(Fmt*, char*, va_list);
extern	int	fmtstrcpy(Fmt*, char*);
extern	int	fmtrunestrcpy(Fmt*, Rune*);
extern	int	fmtfdinit(Fmt*, int, char*, int);
extern	int	fmtfdflush(Fmt*);
extern	int	fmtstrinit(Fmt*);
extern	char*	fmtstrflush(Fmt*);

/*
 * parsing
 */
extern	int	tokenize(char*, char**, int);
extern	int	getfields(char*, char**, int, int, char*);
extern	char*	cleanname(char*);

/*
 * memory allocation (the kernel provides its own)
 */
extern	void*	malloc(ulong);
extern	void*	mallocz(ulong, int);
extern	void	free(void*);
extern	void*	realloc(void*, ulong);
extern	void*	calloc(ulong, ulong);
extern	ulong	msize(void*);

/*
 * files, processes, the name space
 */
enum
{
	ERRMAX		= 128,		/* max length of error string */
	KNAMELEN	= 28,		/* max length of name held in kernel */

	/* open modes */
	OREAD		= 0,
	OWRITE		= 1,
	ORDWR		= 2,
	OEXEC		= 3,
	OTRUNC		= 16,
	OCEXEC		= 32,
	ORCLOSE		= 64,
	OEXCL		= 0x1000,

	/* access */
	AEXIST		= 0,
	AEXEC		= 1,
	AWRITE		= 2,
	AREAD		= 4,

	/* bind and mount */
	MREPL		= 0x0000,
	MBEFORE		= 0x0001,
	MAFTER		= 0x0002,
	MORDER		= 0x0003,
	MCREATE		= 0x0004,
	MCACHE		= 0x0010,
	MMASK		= 0x0017,

	/* rfork */
	RFNAMEG		= 1<<0,
	RFENVG		= 1<<1,
	RFFDG		= 1<<2,
	RFNOTEG		= 1<<3,
	RFPROC		= 1<<4,
	RFMEM		= 1<<5,
	RFNOWAIT	= 1<<6,
	RFCNAMEG	= 1<<10,
	RFCENVG		= 1<<11,
	RFCFDG		= 1<<12,
	RFREND		= 1<<13,
	RFNOMNT		= 1<<14,

	/* Qid.type */
	QTDIR		= 0x80,
	QTAPPEND	= 0x40,
	QTEXCL		= 0x20,
	QTMOUNT		= 0x10,
	QTAUTH		= 0x08,
	QTTMP		= 0x04,
	QTFILE		= 0x00,

	/* notify */
	NCONT		= 0,		/* continue after note */
	NDFLT		= 1,		/* terminate after note */
	NSAVE		= 2,
	NRSTR		= 3,

	/* postnote */
	PNPROC		= 1,
	PNGROUP		= 2,
};

/* Dir.mode */
#define	DMDIR		0x80000000
#define	DMAPPEND	0x40000000
#define	DMEXCL		0x20000000
#define	DMMOUNT		0x10000000
#define	DMAUTH		0x08000000
#define	DMTMP		0x04000000
#define	DMREAD		0x4
#define	DMWRITE		0x2
#define	DMEXEC		0x1

typedef struct Qid	Qid;
struct Qid
{
	uvlong	path;
	ulong	vers;
	uchar	type;
};

typedef struct Dir	Dir;
struct Dir
{
	/* system-modified data */
	ushort	type;	/* server type */
	uint	dev;	/* server subtype */
	/* file data */
	Qid	qid;	/* unique id from server */
	ulong	mode;	/* permissions */
	ulong	atime;	/* last read time */
	ulong	mtime;	/* last write time */
	vlong	length;	/* file length */
	char	*name;	/* last element of path */
	char	*uid;	/* owner name */
	char	*gid;	/* group name */
	char	*muid;	/* last modifier name */
};

typedef struct Waitmsg	Waitmsg;
struct Waitmsg
{
	int	pid;		/* of loved one */
	ulong	time[3];	/* of loved one and descendants: user, sys, real (ms) */
	char	*msg;
};

/* the 9P stat record: size[2] type[2] dev[4] qid[13] mode[4] atime[4] mtime[4] length[8] name[s] uid[s] gid[s] muid[s] */
enum
{
	BIT8SZ		= 1,
	BIT16SZ		= 2,
	BIT32SZ		= 4,
	BIT64SZ		= 8,
	QIDSZ		= BIT8SZ+BIT32SZ+BIT64SZ,
	STATFIXLEN	= BIT16SZ+QIDSZ+5*BIT16SZ+4*BIT32SZ+BIT64SZ,
	STATMAX		= 65535,
	DIRMAX		= sizeof(Dir)+STATMAX,
};

extern	int	statcheck(uchar*, uint);
extern	uint	convM2D(uchar*, uint, Dir*, char*);
extern	uint	convD2M(Dir*, uchar*, uint);
extern	uint	sizeD2M(Dir*);
extern	void	nulldir(Dir*);

#ifndef KERNEL	/* the kernel has its own of what follows */

/* system calls */
extern	int	bind(char*, char*, int);
extern	int	brk(void*);
extern	int	chdir(char*);
extern	int	close(int);
extern	int	create(char*, int, ulong);
extern	int	dup(int, int);
extern	int	errstr(char*, uint);
extern	int	exec(char*, char*[]);
extern	void	_exits(char*);
extern	int	fd2path(int, char*, int);
extern	int	fstat(int, uchar*, int);
extern	int	fwstat(int, uchar*, int);
extern	int	mount(int, int, char*, int, char*);
extern	int	noted(int);
extern	int	notify(void(*)(void*, char*));
extern	int	open(char*, int);
extern	int	pipe(int*);
extern	long	pread(int, void*, long, vlong);
extern	long	pwrite(int, void*, long, vlong);
extern	int	remove(char*);
extern	int	rfork(int);
extern	vlong	seek(int, vlong, int);
extern	void*	segattach(int, char*, void*, ulong);
extern	int	segdetach(void*);
extern	int	segfree(void*, ulong);
extern	int	segflush(void*, ulong);
extern	int	semacquire(long*, int);
extern	long	semrelease(long*, long);
extern	int	sleep(long);
extern	long	alarm(ulong);
extern	int	stat(char*, uchar*, int);
extern	int	unmount(char*, char*);
extern	int	wstat(char*, uchar*, int);
extern	int	await(char*, int);
extern	vlong	nsec(void);
extern	void*	rendezvous(void*, void*);
extern	int	tsemacquire(long*, ulong);
extern	int	fauth(int, char*);
extern	int	fversion(int, int, char*, int);
extern	void*	segbrk(void*, void*);

/* wrappers */
extern	long	read(int, void*, long);
extern	long	write(int, void*, long);
extern	long	readn(int, void*, long);
extern	int	access(char*, int);
extern	int	execl(char*, ...);
extern	void	exits(char*);
extern	void	abort(void);
extern	Waitmsg*	wait(void);
extern	int	waitpid(void);
extern	int	postnote(int, int, char*);
extern	void	werrstr(char*, ...);
extern	void	rerrstr(char*, uint);
extern	void*	sbrk(ulong);
extern	long	time(long*);
extern	int	getpid(void);
extern	char*	getenv(char*);
extern	int	putenv(char*, char*);
extern	void	sysfatal(char*, ...);
extern	char*	getwd(char*, int);

extern	Dir*	dirstat(char*);
extern	Dir*	dirfstat(int);
extern	int	dirwstat(char*, Dir*);
extern	int	dirfwstat(int, Dir*);
extern	long	dirread(int, Dir**);
extern	long	dirreadall(int, Dir**);

/*
 * locks for programs sharing memory (RFMEM)
 */
typedef struct Lock	Lock;
struct Lock
{
	int	val;
};

typedef struct QLock	QLock;
struct QLock
{
	long	holders;	/* the owner plus those waiting */
	long	sem;		/* waiters sleep here */
};

extern	int	_tas(int*);
extern	void	lock(Lock*);
extern	void	unlock(Lock*);
extern	int	canlock(Lock*);
extern	void	qlock(QLock*);
extern	void	qunlock(QLock*);
extern	int	canqlock(QLock*);

#endif

/*
 * command-line arguments
 */
extern	char	*argv0;

#define	ARGBEGIN	for(argv0 = argv0 ? argv0 : *argv, argv++, argc--;\
			    argv[0] != nil && argv[0][0] == '-' && argv[0][1] != 0;\
			    argc--, argv++){\
				char *_argp, *_argtmp;\
				Rune _argr;\
				_argp = argv[0]+1;\
				if(_argp[0] == '-' && _argp[1] == 0){\
					argc--;\
					argv++;\
					break;\
				}\
				_argr = 0;\
				while(*_argp != 0 && (_argp += chartorune(&_argr, _argp)) != nil)\
				switch(_argr)
#define	ARGEND		SET(_argtmp); USED(_argtmp); USED(_argr); USED(_argp);}\
			USED(argv); USED(argc);
#define	ARGF()		(_argtmp = _argp, _argp = "",\
			 *_argtmp != 0 ? _argtmp : argv[1] != nil ? (argc--, *++argv) : nil)
#define	EARGF(x)	(_argtmp = _argp, _argp = "",\
			 *_argtmp != 0 ? _argtmp : argv[1] != nil ? (argc--, *++argv) : ((x), abort(), (char*)nil))
#define	ARGC()		_argr
