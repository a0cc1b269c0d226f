#include <u.h>
#include <libc.h>

/* The first byte of s that is in set, or nil. */
char*
strpbrk(char *s, char *set)
{
	s += strcspn(s, set);
	if(*s == 0)
		return nil;
	return s;
}
