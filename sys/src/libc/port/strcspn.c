#include <u.h>
#include <libc.h>

/* Length of the prefix of s with no byte from set. */
long
strcspn(char *s, char *set)
{
	uchar stop[256];
	uchar *p;

	memset(stop, 0, sizeof stop);
	for(p = (uchar*)set; *p != 0; p++)
		stop[*p] = 1;
	stop[0] = 1;	/* the terminator ends every scan */
	for(p = (uchar*)s; !stop[*p]; p++)
		;
	return p - (uchar*)s;
}
