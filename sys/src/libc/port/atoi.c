#include <u.h>
#include <libc.h>

/* As in Plan 9, the number may have a C base prefix. */
int
atoi(char *s)
{
	return strtoll(s, nil, 0);
}
