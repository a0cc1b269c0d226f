#include <u.h>
#include <libc.h>

void
main(int argc, char *argv[])
{
	char buf[1024];
	int fd;

	ARGBEGIN{
	default:
		fprint(2, "usage: pwd\n");
		exits("usage");
	}ARGEND

	fd = open(".", OREAD);
	if(fd < 0 || fd2path(fd, buf, sizeof buf) < 0)
		sysfatal("can't find current directory: %r");
	print("%s\n", buf);
	exits(nil);
}
