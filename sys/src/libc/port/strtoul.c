#include <u.h>
#include <libc.h>

ulong
strtoul(char *s, char **end, int base)
{
	return strtoull(s, end, base);
}
