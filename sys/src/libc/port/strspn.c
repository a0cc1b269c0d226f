#include <u.h>
#include <libc.h>

/* Length of the prefix of s made only of bytes in set. */
long
strspn(char *s, char *set)
{
	uchar in[256];
	uchar *p;

	memset(in, 0, sizeof in);
	for(p = (uchar*)set; *p != 0; p++)
		in[*p] = 1;
	for(p = (uchar*)s; in[*p]; p++)
		;
	return p - (uchar*)s;
}
