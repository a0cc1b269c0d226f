#include <u.h>
#include <libc.h>
#include <bio.h>

static int	cflag, dflag, uflag;
static Biobuf	bout;

static void
usage(void)
{
	fprint(2, "usage: uniq [-cdu] [file]\n");
	exits("usage");
}

/* a run of count equal lines */
static void
put(char *s, long count)
{
	if((uflag && count > 1) || (dflag && count == 1))
		return;
	if(cflag)
		Bprint(&bout, "%4ld ", count);
	Bprint(&bout, "%s\n", s);
}

void
main(int argc, char *argv[])
{
	Biobuf *b, bin;
	char *s, *prev;
	long count;

	ARGBEGIN{
	case 'c':
		cflag = 1;
		break;
	case 'd':
		dflag = 1;
		break;
	case 'u':
		uflag = 1;
		break;
	default:
		usage();
	}ARGEND

	if(argc > 1)
		usage();
	b = &bin;
	if(argc == 0)
		Binit(&bin, 0, OREAD);
	else if((b = Bopen(argv[0], OREAD)) == nil)
		sysfatal("can't open %s: %r", argv[0]);

	Binit(&bout, 1, OWRITE);
	prev = nil;
	count = 0;
	while((s = Brdstr(b, '\n', 1)) != nil){
		if(prev != nil && strcmp(prev, s) == 0){
			count++;
			free(s);
			continue;
		}
		if(prev != nil)
			put(prev, count);
		free(prev);
		prev = s;
		count = 1;
	}
	if(prev != nil)
		put(prev, count);
	Bflush(&bout);
	exits(nil);
}
