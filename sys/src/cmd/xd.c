#include <u.h>
#include <libc.h>
#include <bio.h>

/*
 * Hex dump: 16 bytes a line, in one or more formats, each a
 * unit size (-1 -2 -4 -8) and a kind (-x -o -d, or -c for
 * characters).  Units are big-endian.  A line equal to the one
 * before is shown as * unless -r.
 */

enum
{
	Linelen	= 16,
	Maxfmt	= 16,
};

typedef struct Format Format;
struct Format
{
	int	size;
	int	kind;
};

static Format	fmts[Maxfmt];
static int	nfmts;
static int	rflag;
static Biobuf	bout;
static char	*status;

static void
usage(void)
{
	fprint(2, "usage: xd [-r] [-c] [-b] [-[1248][xod]] ... [file ...]\n");
	exits("usage");
}

static void
addfmt(int size, int kind)
{
	if(nfmts == Maxfmt)
		sysfatal("too many formats");
	fmts[nfmts].size = size;
	fmts[nfmts].kind = kind;
	nfmts++;
}

/* digits for one unit */
static int
digits(Format *f)
{
	static int oct[] = {[1] 3, [2] 6, [4] 11, [8] 22};
	static int dec[] = {[1] 3, [2] 5, [4] 10, [8] 20};

	switch(f->kind){
	case 'o':
		return oct[f->size];
	case 'd':
		return dec[f->size];
	}
	return 2*f->size;
}

static void
putchars(uchar *b, int n)
{
	int i;

	for(i = 0; i < n; i++)
		switch(b[i]){
		case '\n':
			Bprint(&bout, " \\n");
			break;
		case '\t':
			Bprint(&bout, " \\t");
			break;
		case '\r':
			Bprint(&bout, " \\r");
			break;
		case 0:
			Bprint(&bout, " \\0");
			break;
		default:
			if(b[i] >= ' ' && b[i] < 0x7F)
				Bprint(&bout, "  %c", b[i]);
			else
				Bprint(&bout, " %.2ux", b[i]);
		}
}

static void
putline(Format *f, uchar *b, int n)
{
	uvlong v;
	int i, j, w;

	if(f->kind == 'c'){
		putchars(b, n);
		return;
	}
	w = digits(f);
	for(i = 0; i < n; i += f->size){
		v = 0;
		for(j = 0; j < f->size; j++)
			v = v<<8 | (i+j < n ? b[i+j] : 0);
		switch(f->kind){
		case 'o':
			Bprint(&bout, " %.*llo", w, v);
			break;
		case 'd':
			Bprint(&bout, " %*llud", w, v);
			break;
		default:
			Bprint(&bout, " %.*llux", w, v);
			break;
		}
	}
}

static void
xd(int fd, char *name)
{
	uchar b[Linelen], prev[Linelen];
	ulong addr;
	long n;
	int i, starred;

	addr = 0;
	starred = 0;
	while((n = readn(fd, b, Linelen)) > 0){
		if(!rflag && addr > 0 && n == Linelen && memcmp(b, prev, Linelen) == 0){
			if(!starred)
				Bprint(&bout, "*\n");
			starred = 1;
			addr += n;
			continue;
		}
		starred = 0;
		memmove(prev, b, n);
		for(i = 0; i < nfmts; i++){
			if(i == 0)
				Bprint(&bout, "%.7lux ", addr);
			else
				Bprint(&bout, "%7s ", "");
			putline(&fmts[i], b, n);
			Bprint(&bout, "\n");
		}
		addr += n;
	}
	if(n < 0){
		fprint(2, "xd: error reading %s: %r\n", name);
		status = "errors";
	}
	Bprint(&bout, "%.7lux\n", addr);
}

void
main(int argc, char *argv[])
{
	int i, fd, size, pending;

	size = 4;
	pending = 0;
	ARGBEGIN{
	case '1':
	case '2':
	case '4':
	case '8':
		size = ARGC() - '0';
		pending = 1;
		break;
	case 'x':
	case 'o':
	case 'd':
		addfmt(size, ARGC());
		pending = 0;
		break;
	case 'b':
		addfmt(1, 'x');
		break;
	case 'c':
		addfmt(1, 'c');
		break;
	case 'r':
		rflag = 1;
		break;
	default:
		usage();
	}ARGEND

	if(pending || nfmts == 0)
		addfmt(size, 'x');
	Binit(&bout, 1, OWRITE);
	if(argc == 0)
		xd(0, "<stdin>");
	for(i = 0; i < argc; i++){
		fd = open(argv[i], OREAD);
		if(fd < 0){
			fprint(2, "xd: can't open %s: %r\n", argv[i]);
			status = "errors";
			continue;
		}
		xd(fd, argv[i]);
		close(fd);
	}
	Bflush(&bout);
	exits(status);
}
