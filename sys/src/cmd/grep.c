#include <u.h>
#include <libc.h>
#include <bio.h>
#include <regexp.h>

static int	vflag, iflag, nflag, lflag, cflag, sflag, hflag;
static Reprog	*prog;
static Biobuf	bout;

static void
usage(void)
{
	fprint(2, "usage: grep [-chilnsv] [-e pattern] ... [pattern] [file ...]\n");
	exits("usage");
}

void
regerror(char *msg)
{
	sysfatal("bad regular expression: %s", msg);
}

/* -i folds the pattern and each line to lower case */
static void
lower(char *s)
{
	for(; *s != 0; s++)
		if(*s >= 'A' && *s <= 'Z')
			*s += 'a' - 'A';
}

static int
grep(Biobuf *b, char *name)
{
	char *line, *subject;
	long lineno, count;
	int hit;

	lineno = count = 0;
	while((line = Brdstr(b, '\n', 1)) != nil){
		lineno++;
		subject = line;
		if(iflag){
			subject = strdup(line);
			if(subject == nil)
				sysfatal("no memory");
			lower(subject);
		}
		hit = regexec(prog, subject, nil, 0) ^ vflag;
		if(subject != line)
			free(subject);
		if(hit){
			count++;
			if(lflag || sflag){
				free(line);
				break;
			}
			if(!cflag){
				if(name != nil)
					Bprint(&bout, "%s:", name);
				if(nflag)
					Bprint(&bout, "%ld:", lineno);
				Bprint(&bout, "%s\n", line);
			}
		}
		free(line);
	}
	if(sflag)
		return count > 0;
	if(lflag && count > 0)
		Bprint(&bout, "%s\n", name != nil ? name : "<stdin>");
	else if(cflag){
		if(name != nil)
			Bprint(&bout, "%s:", name);
		Bprint(&bout, "%ld\n", count);
	}
	return count > 0;
}

/* -e patterns are alternatives */
static char*
addpattern(char *all, char *p)
{
	char *s;

	if(all == nil)
		s = smprint("(%s)", p);
	else
		s = smprint("%s|(%s)", all, p);
	if(s == nil)
		sysfatal("no memory");
	free(all);
	return s;
}

void
main(int argc, char *argv[])
{
	char *pattern;
	Biobuf *b, bin;
	int i, matched, named;

	pattern = nil;
	ARGBEGIN{
	case 'v':
		vflag = 1;
		break;
	case 'i':
		iflag = 1;
		break;
	case 'n':
		nflag = 1;
		break;
	case 'l':
		lflag = 1;
		break;
	case 'c':
		cflag = 1;
		break;
	case 's':
		sflag = 1;
		break;
	case 'h':
		hflag = 1;
		break;
	case 'e':
		pattern = addpattern(pattern, EARGF(usage()));
		break;
	default:
		usage();
	}ARGEND

	if(pattern == nil){
		if(argc == 0)
			usage();
		pattern = argv[0];
		argc--;
		argv++;
	}
	if(iflag)
		lower(pattern);
	prog = regcomp(pattern);

	Binit(&bout, 1, OWRITE);
	matched = 0;
	named = (argc > 1 && !hflag) || lflag;
	if(argc == 0){
		Binit(&bin, 0, OREAD);
		matched = grep(&bin, nil);
	}
	for(i = 0; i < argc; i++){
		b = Bopen(argv[i], OREAD);
		if(b == nil){
			fprint(2, "grep: can't open %s: %r\n", argv[i]);
			continue;
		}
		matched |= grep(b, named ? argv[i] : nil);
		Bterm(b);
	}
	Bflush(&bout);
	exits(matched ? nil : "no matches");
}
