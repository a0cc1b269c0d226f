/*
 * Buffered I/O, after Plan 9's bio(2).  Needs <u.h> and <libc.h>.
 */
typedef struct Biobuf	Biobuf;

enum
{
	Bsize		= 8*1024,
	Bungetsize	= UTFmax+1,	/* room to unget a rune after a refill */
	Beof		= -1,
	Bbad		= -2,

	/* Biobuf.state */
	Binactive	= 0,
	Bractive,
	Bwactive,
};

struct Biobuf
{
	int	fd;
	int	state;
	int	freeonterm;	/* made by Bopen or Bfdopen */
	int	rdline;		/* length of the last Brdline or Brdstr */
	int	runesize;	/* bytes in the last Bgetrune */
	vlong	offset;		/* file offset at ebuf (reading) or bbuf (writing) */
	uchar	*gbuf;		/* reading: oldest byte that may be ungot */
	uchar	*bbuf;		/* start of the buffer proper */
	uchar	*next;		/* next byte to read or write */
	uchar	*ebuf;		/* reading: end of the data; writing: end of the buffer */
	uchar	b[Bungetsize+Bsize];
};

extern	int	Binit(Biobuf*, int, int);
extern	Biobuf*	Bopen(char*, int);
extern	Biobuf*	Bfdopen(int, int);
extern	int	Bterm(Biobuf*);
extern	int	Bfildes(Biobuf*);

extern	int	Bgetc(Biobuf*);
extern	int	Bungetc(Biobuf*);
extern	long	Bgetrune(Biobuf*);
extern	int	Bungetrune(Biobuf*);
extern	void*	Brdline(Biobuf*, int);
extern	char*	Brdstr(Biobuf*, int, int);
extern	int	Blinelen(Biobuf*);
extern	long	Bread(Biobuf*, void*, long);

extern	int	Bputc(Biobuf*, int);
extern	int	Bputrune(Biobuf*, long);
extern	long	Bwrite(Biobuf*, void*, long);
extern	int	Bprint(Biobuf*, char*, ...);
extern	int	Bvprint(Biobuf*, char*, va_list);
extern	int	Bflush(Biobuf*);

extern	vlong	Bseek(Biobuf*, vlong, int);
extern	vlong	Boffset(Biobuf*);
