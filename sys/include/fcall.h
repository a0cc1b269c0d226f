/*
 * 9P2000 messages, unpacked. Shared by the kernel's mount driver and
 * by file servers; convS2M and convM2S (libc) translate.
 */
enum
{
	MAXWELEM	= 16,		/* names in one Twalk */
	IOHDRSZ		= 24,		/* room for a Twrite's or Rread's header */
	NOTAG		= 0xFFFF,
	NOFID		= 0xFFFFFFFF,
};

typedef struct Fcall Fcall;
struct Fcall
{
	uchar	type;
	u32int	fid;
	ushort	tag;
	u32int	msize;		/* Tversion, Rversion */
	char	*version;	/* Tversion, Rversion */
	ushort	oldtag;		/* Tflush */
	char	*ename;		/* Rerror */
	Qid	qid;		/* Rattach, Ropen, Rcreate */
	u32int	iounit;		/* Ropen, Rcreate */
	Qid	aqid;		/* Rauth */
	u32int	afid;		/* Tauth, Tattach */
	char	*uname;		/* Tauth, Tattach */
	char	*aname;		/* Tauth, Tattach */
	u32int	perm;		/* Tcreate */
	char	*name;		/* Tcreate */
	uchar	mode;		/* Tcreate, Topen */
	u32int	newfid;		/* Twalk */
	ushort	nwname;		/* Twalk */
	char	*wname[MAXWELEM];	/* Twalk */
	ushort	nwqid;		/* Rwalk */
	Qid	wqid[MAXWELEM];	/* Rwalk */
	vlong	offset;		/* Tread, Twrite */
	u32int	count;		/* Tread, Twrite, Rread */
	char	*data;		/* Twrite, Rread */
	ushort	nstat;		/* Twstat, Rstat */
	uchar	*stat;		/* Twstat, Rstat */
};

enum
{
	Tversion = 100,
	Rversion,
	Tauth,
	Rauth,
	Tattach,
	Rattach,
	Terror,		/* never sent */
	Rerror,
	Tflush,
	Rflush,
	Twalk,
	Rwalk,
	Topen,
	Ropen,
	Tcreate,
	Rcreate,
	Tread,
	Rread,
	Twrite,
	Rwrite,
	Tclunk,
	Rclunk,
	Tremove,
	Rremove,
	Tstat,
	Rstat,
	Twstat,
	Rwstat,
	Tmax,
};

extern	uint	convM2S(uchar*, uint, Fcall*);
extern	uint	convS2M(Fcall*, uchar*, uint);
extern	uint	sizeS2M(Fcall*);
