#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: sleep seconds\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	double secs;

	ARGBEGIN{
	default:
		usage();
	}ARGEND

	if(argc != 1)
		usage();
	secs = atof(argv[0]);
	if(secs > 0)
		sleep(secs*1000 + 0.5);
	exits(nil);
}
