#include <u.h>
#include <libc.h>

long
strlen(char *s)
{
	char *e;

	for(e = s; *e != 0; e++)
		;
	return e - s;
}
