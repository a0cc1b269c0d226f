#include <u.h>
#include <libc.h>

char*
strcpy(char *to, char *from)
{
	char *t;

	t = to;
	while((*t++ = *from++) != 0)
		;
	return to;
}
