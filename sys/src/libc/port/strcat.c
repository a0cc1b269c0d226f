#include <u.h>
#include <libc.h>

char*
strcat(char *to, char *from)
{
	strcpy(to+strlen(to), from);
	return to;
}
