#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: touch [-c] [-t time] file ...\n");
	exits("usage");
}

static int
touch(char *name, ulong t, int nocreate)
{
	Dir d;
	int fd;

	nulldir(&d);
	d.mtime = t;
	if(dirwstat(name, &d) >= 0)
		return 0;
	if(access(name, AEXIST) >= 0){
		fprint(2, "touch: %s: cannot wstat: %r\n", name);
		return -1;
	}
	if(nocreate)
		return 0;
	fd = create(name, OREAD, 0666);
	if(fd < 0){
		fprint(2, "touch: %s: cannot create: %r\n", name);
		return -1;
	}
	dirfwstat(fd, &d);	/* a new file's time is nearly right: no error if it cannot be set */
	close(fd);
	return 0;
}

void
main(int argc, char *argv[])
{
	int cflag, i;
	ulong t;
	char *status;

	cflag = 0;
	t = time(nil);
	ARGBEGIN{
	case 'c':
		cflag = 1;
		break;
	case 't':
		t = strtoul(EARGF(usage()), nil, 0);
		break;
	default:
		usage();
	}ARGEND

	if(argc == 0)
		usage();
	status = nil;
	for(i = 0; i < argc; i++)
		if(touch(argv[i], t, cflag) < 0)
			status = "errors";
	exits(status);
}
