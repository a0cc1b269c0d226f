#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: chmod octalmode file ...\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	Dir *d, nd;
	ulong mode;
	char *e, *status;
	int i;

	ARGBEGIN{
	default:
		usage();
	}ARGEND

	if(argc < 2)
		usage();
	mode = strtoul(argv[0], &e, 8);
	if(e == argv[0] || *e != 0 || mode > 0777)
		sysfatal("bad mode: %s", argv[0]);
	status = nil;
	for(i = 1; i < argc; i++){
		d = dirstat(argv[i]);
		if(d == nil){
			fprint(2, "chmod: can't stat %s: %r\n", argv[i]);
			status = "errors";
			continue;
		}
		nulldir(&nd);
		nd.mode = (d->mode & ~0777) | mode;
		if(dirwstat(argv[i], &nd) < 0){
			fprint(2, "chmod: can't wstat %s: %r\n", argv[i]);
			status = "errors";
		}
		free(d);
	}
	exits(status);
}
