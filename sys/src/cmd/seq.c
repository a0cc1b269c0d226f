#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: seq [-w] [-fformat] [first [incr]] last\n");
	exits("usage");
}

/* digits after the decimal point */
static int
precision(char *s)
{
	char *p;

	p = strchr(s, '.');
	if(p == nil)
		return 0;
	return strlen(p+1);
}

static double
number(char *s)
{
	char *p;

	p = s;
	if(*p == '-' || *p == '+')
		p++;
	if(*p == 0)
		sysfatal("bad number: %s", s);
	for(; *p != 0; p++)
		if((*p < '0' || *p > '9') && *p != '.')
			sysfatal("bad number: %s", s);
	return atof(s);
}

void
main(int argc, char *argv[])
{
	char *fmt, buf[64];
	double first, incr, last, val;
	int wflag, prec, w, width;
	long i;

	fmt = nil;
	wflag = 0;
	ARGBEGIN{
	case 'w':
		wflag = 1;
		break;
	case 'f':
		fmt = EARGF(usage());
		break;
	default:
		usage();
	}ARGEND

	if(argc < 1 || argc > 3)
		usage();
	first = 1;
	incr = 1;
	last = number(argv[argc-1]);
	prec = precision(argv[argc-1]);
	if(argc > 1){
		first = number(argv[0]);
		if((w = precision(argv[0])) > prec)
			prec = w;
	}
	if(argc > 2){
		incr = number(argv[1]);
		if((w = precision(argv[1])) > prec)
			prec = w;
	}
	if(incr == 0)
		sysfatal("zero increment");

	width = 0;
	if(wflag && fmt == nil){
		width = snprint(buf, sizeof buf, "%.*f", prec, first);
		if((w = snprint(buf, sizeof buf, "%.*f", prec, last)) > width)
			width = w;
	}
	/* by multiplication, so the increments do not accumulate error */
	for(i = 0; ; i++){
		val = first + i*incr;
		if(incr > 0 ? val > last : val < last)
			break;
		if(fmt != nil)
			print(fmt, val);
		else
			print("%0*.*f", width, prec, val);
		print("\n");
	}
	exits(nil);
}
