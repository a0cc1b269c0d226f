#include <u.h>
#include <libc.h>
#include "strto.h"

uvlong
strtoull(char *s, char **end, int base)
{
	uvlong n;
	int neg, over;

	n = _strtomag(s, end, base, &neg, &over);
	if(over)
		return ~0ULL;
	return neg ? -n : n;
}
