#include <u.h>
#include <libc.h>
#include <bio.h>

typedef struct Line Line;
struct Line
{
	char	*s;
	double	key;	/* -n: the leading number */
};

static int	nflag, rflag, uflag;
static Line	*lines;
static long	nlines, maxlines;

static void
usage(void)
{
	fprint(2, "usage: sort [-nru] [file ...]\n");
	exits("usage");
}

static void
readlines(Biobuf *b)
{
	char *s;

	while((s = Brdstr(b, '\n', 1)) != nil){
		if(nlines == maxlines){
			maxlines = 2*maxlines + 1024;
			lines = realloc(lines, maxlines*sizeof(Line));
			if(lines == nil)
				sysfatal("no memory");
		}
		lines[nlines].s = s;
		lines[nlines].key = nflag ? atof(s) : 0;
		nlines++;
	}
}

/* the ordering -u uses to call lines equal */
static int
keycmp(Line *a, Line *b)
{
	if(!nflag)
		return strcmp(a->s, b->s);
	if(a->key < b->key)
		return -1;
	return a->key > b->key;
}

static int
linecmp(void *va, void *vb)
{
	Line *a, *b;
	int r;

	a = va;
	b = vb;
	r = keycmp(a, b);
	if(r == 0)
		r = strcmp(a->s, b->s);
	return rflag ? -r : r;
}

void
main(int argc, char *argv[])
{
	Biobuf *b, bin, bout;
	long i;

	ARGBEGIN{
	case 'n':
		nflag = 1;
		break;
	case 'r':
		rflag = 1;
		break;
	case 'u':
		uflag = 1;
		break;
	default:
		usage();
	}ARGEND

	if(argc == 0){
		Binit(&bin, 0, OREAD);
		readlines(&bin);
	}
	for(i = 0; i < argc; i++){
		b = Bopen(argv[i], OREAD);
		if(b == nil)
			sysfatal("can't open %s: %r", argv[i]);
		readlines(b);
		Bterm(b);
	}
	qsort(lines, nlines, sizeof(Line), linecmp);

	Binit(&bout, 1, OWRITE);
	for(i = 0; i < nlines; i++)
		if(!uflag || i == 0 || keycmp(&lines[i-1], &lines[i]) != 0)
			Bprint(&bout, "%s\n", lines[i].s);
	Bflush(&bout);
	exits(nil);
}
