#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: cleanname [-d pwd] name ...\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	char *dir, *s;
	int i;

	dir = nil;
	ARGBEGIN{
	case 'd':
		dir = EARGF(usage());
		break;
	default:
		usage();
	}ARGEND

	for(i = 0; i < argc; i++){
		if(dir != nil && argv[i][0] != '/' && argv[i][0] != '#')
			s = smprint("%s/%s", dir, argv[i]);
		else
			s = smprint("%s", argv[i]);
		if(s == nil)
			sysfatal("no memory");
		print("%s\n", cleanname(s));
		free(s);
	}
	exits(nil);
}
