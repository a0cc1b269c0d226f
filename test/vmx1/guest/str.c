/* The few string routines the guests need (there is no libc). */
#include <u.h>
#include "guest.h"

usize
strlen(char *s)
{
	usize n;

	for(n = 0; s[n] != 0; n++)
		;
	return n;
}

int
strncmp(char *a, char *b, usize n)
{
	for(; n > 0; n--, a++, b++){
		if(*a != *b)
			return (uchar)*a - (uchar)*b;
		if(*a == 0)
			break;
	}
	return 0;
}

int
strcmp(char *a, char *b)
{
	return strncmp(a, b, (usize)-1);
}
