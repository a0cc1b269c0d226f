#include <u.h>
#include <libc.h>

/* C semantics: pads with NULs, leaves to unterminated if from is too long. */
char*
strncpy(char *to, char *from, long n)
{
	char *t;

	t = to;
	for(; n > 0 && *from != 0; n--)
		*t++ = *from++;
	for(; n > 0; n--)
		*t++ = 0;
	return to;
}
