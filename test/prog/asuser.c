#include <u.h>
#include <libc.h>

/*
 * asuser NAME CMD [ARG...]: run CMD (a full path) as user NAME. A
 * write of /dev/user renames only the process that writes, so rc,
 * whose redirections are written by its children, cannot do this.
 */
void
main(int argc, char *argv[])
{
	int fd;

	if(argc < 3){
		fprint(2, "usage: asuser name cmd [arg ...]\n");
		exits("usage");
	}
	fd = open("/dev/user", OWRITE);
	if(fd < 0 || write(fd, argv[1], strlen(argv[1])) != strlen(argv[1]))
		sysfatal("can't become %s: %r", argv[1]);
	close(fd);
	exec(argv[2], argv+2);
	sysfatal("can't exec %s: %r", argv[2]);
}
