#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: mount [-a|-b|-c|-ac|-bc] /srv/name old [spec]\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	int flag, fd;

	flag = MREPL;
	ARGBEGIN{
	case 'a':
		flag |= MAFTER;
		break;
	case 'b':
		flag |= MBEFORE;
		break;
	case 'c':
		flag |= MCREATE;
		break;
	default:
		usage();
	}ARGEND

	if(argc < 2 || argc > 3 || (flag & MORDER) == MORDER)
		usage();
	fd = open(argv[0], ORDWR);
	if(fd < 0)
		sysfatal("can't open %s: %r", argv[0]);
	if(mount(fd, -1, argv[1], flag, argc == 3 ? argv[2] : "") < 0)
		sysfatal("mount %s %s: %r", argv[0], argv[1]);
	exits(nil);
}
