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

void*
memset(void *p, int c, usize n)
{
	uchar *d;

	for(d = p; n > 0; n--)
		*d++ = c;
	return p;
}

void*
memmove(void *to, void *from, usize n)
{
	uchar *d, *s;

	d = to;
	s = from;
	if(d < s)
		while(n-- > 0)
			*d++ = *s++;
	else
		while(n-- > 0)
			d[n] = s[n];
	return to;
}

int
memcmp(void *a, void *b, usize n)
{
	uchar *p, *q;

	for(p = a, q = b; n > 0; n--, p++, q++)
		if(*p != *q)
			return *p - *q;
	return 0;
}
