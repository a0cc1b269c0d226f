#include <u.h>
#include <libc.h>

enum
{
	Maxfd	= 64,
};

static void
usage(void)
{
	fprint(2, "usage: tee [-a] [file ...]\n");
	exits("usage");
}

static int
openout(char *name, int aflag)
{
	int fd;

	if(aflag && (fd = open(name, OWRITE)) >= 0){
		seek(fd, 0, 2);
		return fd;
	}
	return create(name, OWRITE, 0666);
}

void
main(int argc, char *argv[])
{
	int fd[Maxfd], nfd, aflag, i;
	char buf[8192], *status;
	long n;

	aflag = 0;
	ARGBEGIN{
	case 'a':
		aflag = 1;
		break;
	default:
		usage();
	}ARGEND

	if(argc >= Maxfd)
		sysfatal("too many files");
	status = nil;
	fd[0] = 1;
	nfd = 1;
	for(i = 0; i < argc; i++){
		fd[nfd] = openout(argv[i], aflag);
		if(fd[nfd] < 0){
			fprint(2, "tee: cannot open %s: %r\n", argv[i]);
			status = "errors";
		}else
			nfd++;
	}
	while((n = read(0, buf, sizeof buf)) > 0)
		for(i = 0; i < nfd; i++)
			if(write(fd[i], buf, n) != n)
				status = "write error";
	if(n < 0)
		sysfatal("read error: %r");
	exits(status);
}
