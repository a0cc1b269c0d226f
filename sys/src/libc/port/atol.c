#include <u.h>
#include <libc.h>

long
atol(char *s)
{
	return strtoll(s, nil, 0);
}
