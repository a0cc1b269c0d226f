#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: bind [-a|-b|-c|-ac|-bc] new old\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	int flag;

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

	if(argc != 2 || (flag & MORDER) == MORDER)
		usage();
	if(bind(argv[0], argv[1], flag) < 0)
		sysfatal("bind %s %s: %r", argv[0], argv[1]);
	exits(nil);
}
