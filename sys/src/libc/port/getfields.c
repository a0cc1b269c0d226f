#include <u.h>
#include <libc.h>

/*
 * Split s in place at runes of sep into at most max fields; the last
 * field keeps the rest of the string.  With multi, runs of separators
 * count as one and there are no empty fields.
 */
int
getfields(char *s, char **args, int max, int multi, char *sep)
{
	Rune r;
	int n, k, infield;

	if(max <= 0)
		return 0;
	n = 0;
	if(!multi)
		args[n++] = s;
	infield = 0;
	for(; *s != 0; s += k){
		k = chartorune(&r, s);
		if(utfrune(sep, r) == nil){
			if(multi && !infield)
				args[n++] = s;
			infield = 1;
			continue;
		}
		if(n >= max)
			break;
		*s = 0;
		infield = 0;
		if(!multi)
			args[n++] = s+k;
	}
	return n;
}
