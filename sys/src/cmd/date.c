#include <u.h>
#include <libc.h>

/* seconds since the epoch: the first field of /dev/time */
static long
now(void)
{
	char buf[64];
	long n;
	int fd;

	fd = open("/dev/time", OREAD);
	if(fd < 0)
		sysfatal("can't open /dev/time: %r");
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		sysfatal("can't read /dev/time: %r");
	buf[n] = 0;
	return strtol(buf, nil, 10);
}

void
main(int argc, char *argv[])
{
	int nflag, uflag;
	long t;

	nflag = uflag = 0;
	ARGBEGIN{
	case 'n':
		nflag = 1;
		break;
	case 'u':
		uflag = 1;
		break;
	default:
		fprint(2, "usage: date [-nu] [seconds]\n");
		exits("usage");
	}ARGEND

	t = argc > 0 ? strtol(argv[0], nil, 10) : now();
	if(nflag)
		print("%ld\n", t);
	else if(uflag)
		print("%s", asctime(gmtime(t)));
	else
		print("%s", ctime(t));
	exits(nil);
}
