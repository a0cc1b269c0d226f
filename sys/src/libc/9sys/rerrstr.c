#include <u.h>
#include <libc.h>

/* Read the error string without clearing it: errstr swaps, so swap twice. */
void
rerrstr(char *buf, uint n)
{
	char tmp[ERRMAX];

	tmp[0] = 0;
	errstr(tmp, sizeof tmp);
	utfecpy(buf, buf+n, tmp);
	errstr(tmp, sizeof tmp);
}
