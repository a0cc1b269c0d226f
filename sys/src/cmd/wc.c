#include <u.h>
#include <libc.h>

enum
{
	Lines,
	Words,
	Runes,
	Broken,
	Bytes,
	Ncount,
};

static char	flags[] = "lwrbc";	/* in Lines..Bytes order */
static int	show[Ncount];
static uvlong	total[Ncount];
static char	*status;

static int
isspace(Rune r)
{
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f';
}

static void
output(uvlong *n, char *name)
{
	int i, first;

	first = 1;
	for(i = 0; i < Ncount; i++)
		if(show[i]){
			print(first ? "%7llud" : " %7llud", n[i]);
			first = 0;
		}
	if(name != nil)
		print(" %s", name);
	print("\n");
}

static void
count(int fd, char *name)
{
	char buf[8192+UTFmax];
	uvlong n[Ncount];
	long nr, len, i;
	int inword, w, keep;
	Rune r;

	memset(n, 0, sizeof n);
	inword = 0;
	keep = 0;	/* bytes of a rune split by the last read */
	while((nr = read(fd, buf+keep, sizeof buf - UTFmax)) > 0){
		n[Bytes] += nr;
		len = keep + nr;
		for(i = 0; i < len; i += w){
			if(!fullrune(buf+i, len-i))
				break;
			w = chartorune(&r, buf+i);
			n[Runes]++;
			if(r == Runeerror && w == 1)
				n[Broken]++;
			if(r == '\n')
				n[Lines]++;
			if(isspace(r))
				inword = 0;
			else if(!inword){
				inword = 1;
				n[Words]++;
			}
		}
		keep = len - i;
		memmove(buf, buf+i, keep);
	}
	if(nr < 0){
		fprint(2, "wc: error reading %s: %r\n", name != nil ? name : "<stdin>");
		status = "errors";
	}
	/* a truncated rune at the end: each byte is broken */
	n[Runes] += keep;
	n[Broken] += keep;
	if(keep > 0 && !inword)
		n[Words]++;
	for(i = 0; i < Ncount; i++)
		total[i] += n[i];
	output(n, name);
}

void
main(int argc, char *argv[])
{
	int i, fd, any;
	char *p;

	any = 0;
	ARGBEGIN{
	default:
		p = strchr(flags, ARGC());
		if(p == nil || ARGC() == 0){
			fprint(2, "usage: wc [-%s] [file ...]\n", flags);
			exits("usage");
		}
		show[p-flags] = 1;
		any = 1;
	}ARGEND

	if(!any)
		show[Lines] = show[Words] = show[Bytes] = 1;
	if(argc == 0)
		count(0, nil);
	for(i = 0; i < argc; i++){
		fd = open(argv[i], OREAD);
		if(fd < 0){
			fprint(2, "wc: can't open %s: %r\n", argv[i]);
			status = "errors";
			continue;
		}
		count(fd, argv[i]);
		close(fd);
	}
	if(argc > 1)
		output(total, "total");
	exits(status);
}
