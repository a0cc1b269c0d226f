#include <u.h>
#include <libc.h>
#include "strto.h"

static int
digitval(int c)
{
	if(c >= '0' && c <= '9')
		return c - '0';
	if(c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if(c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Parse [space][sign][0x|0X|0]digits in base (0 means by prefix, as in C).
 * *end is s when there are no digits; an overflowing magnitude saturates to ~0.
 */
uvlong
_strtomag(char *s, char **end, int base, int *neg, int *overflow)
{
	char *p, *digits;
	uvlong n;
	int d;

	*neg = 0;
	*overflow = 0;
	if(end != nil)
		*end = s;
	if(base < 0 || base == 1 || base > 36)
		return 0;
	p = s;
	while(*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	if(*p == '-' || *p == '+')
		*neg = *p++ == '-';
	if((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digitval(p[2]) < 16){
		p += 2;
		base = 16;
	}else if(base == 0)
		base = p[0] == '0' ? 8 : 10;
	digits = p;
	n = 0;
	for(; (d = digitval(*p)) < base; p++)
		if(__builtin_mul_overflow(n, (uvlong)base, &n) || __builtin_add_overflow(n, (uvlong)d, &n))
			*overflow = 1;
	if(p == digits)
		return 0;
	if(end != nil)
		*end = p;
	if(*overflow)
		return ~0ULL;
	return n;
}
