#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: unmount [new] old\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	ARGBEGIN{
	default:
		usage();
	}ARGEND

	if(argc == 1){
		if(unmount(nil, argv[0]) < 0)
			sysfatal("unmount %s: %r", argv[0]);
	}else if(argc == 2){
		if(unmount(argv[0], argv[1]) < 0)
			sysfatal("unmount %s %s: %r", argv[0], argv[1]);
	}else
		usage();
	exits(nil);
}
