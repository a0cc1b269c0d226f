#include <u.h>
#include <libc.h>

char*
strstr(char *s, char *pat)
{
	long n;

	n = strlen(pat);
	if(n == 0)
		return s;
	for(; *s != 0; s++)
		if(*s == *pat && strncmp(s, pat, n) == 0)
			return s;
	return nil;
}
