#include <u.h>
#include <libc.h>

long
strtol(char *s, char **end, int base)
{
	return strtoll(s, end, base);
}
