#include <u.h>
#include <libc.h>

/* Send note to process pid, or to its note group with PNGROUP. */
int
postnote(int group, int pid, char *note)
{
	char file[64];
	int fd;
	long n;

	snprint(file, sizeof file, "/proc/%d/%s", pid, group == PNGROUP ? "notepg" : "note");
	fd = open(file, OWRITE);
	if(fd < 0)
		return -1;
	n = strlen(note);
	if(write(fd, note, n) != n){
		close(fd);
		return -1;
	}
	return close(fd);
}
