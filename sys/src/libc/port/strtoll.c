#include <u.h>
#include <libc.h>
#include "strto.h"

enum
{
	VlongMax = 0x7FFFFFFFFFFFFFFFLL,
};

vlong
strtoll(char *s, char **end, int base)
{
	uvlong n;
	int neg, over;

	n = _strtomag(s, end, base, &neg, &over);
	if(neg){
		if(over || n > (uvlong)VlongMax+1)
			return -VlongMax-1;
		return -n;
	}
	if(over || n > VlongMax)
		return VlongMax;
	return n;
}
