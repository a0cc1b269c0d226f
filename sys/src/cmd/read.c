#include <u.h>
#include <libc.h>

/*
 * Copy lines from input to output a byte at a time, so that
 * nothing past the last line is consumed from a shared input.
 */

static void
usage(void)
{
	fprint(2, "usage: read [-m] [-n nlines] [file ...]\n");
	exits("usage");
}

/* returns the number of bytes copied */
static long
lines(int fd, long nlines)
{
	char c;
	long n, total;

	total = 0;
	while(nlines != 0 && (n = read(fd, &c, 1)) == 1){
		total++;
		if(write(1, &c, 1) != 1)
			sysfatal("write error: %r");
		if(c == '\n')
			nlines--;
	}
	return total;
}

void
main(int argc, char *argv[])
{
	long nlines, n;
	int i, fd;

	nlines = 1;
	ARGBEGIN{
	case 'm':
		nlines = -1;
		break;
	case 'n':
		nlines = strtol(EARGF(usage()), nil, 10);
		break;
	default:
		usage();
	}ARGEND

	n = 0;
	if(argc == 0)
		n = lines(0, nlines);
	for(i = 0; i < argc; i++){
		fd = open(argv[i], OREAD);
		if(fd < 0)
			sysfatal("can't open %s: %r", argv[i]);
		n += lines(fd, nlines);
		close(fd);
	}
	exits(n > 0 ? nil : "eof");
}
