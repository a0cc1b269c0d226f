/*
 * Host-test stand-in for <libc.h>: the few calls libregexp makes,
 * mapped onto the host C library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum
{
	Runeself = 0x80,
	Runeerror = 0xFFFD,
};

#define fprint(fd, ...)	dprintf(fd, __VA_ARGS__)
#define exits(s)	exit((s) != nil && *(char*)(s) ? 1 : 0)

/* UTF-8 decoding, enough for well-formed test subjects */
static inline int
chartorune(Rune *r, char *s)
{
	uchar *u;
	int n, k;

	u = (uchar*)s;
	if(u[0] < 0x80){
		*r = u[0];
		return 1;
	}
	n = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 0;
	if(n == 0){
		*r = Runeerror;
		return 1;
	}
	*r = u[0] & (0x7F >> n);
	for(k = 1; k < n; k++){
		if((u[k] & 0xC0) != 0x80){
			*r = Runeerror;
			return 1;
		}
		*r = *r<<6 | (u[k] & 0x3F);
	}
	return n;
}

static inline char*
utfrune(char *s, long c)
{
	Rune r;
	int n;

	for(; *s != 0; s += n){
		n = chartorune(&r, s);
		if(r == c)
			return s;
	}
	return nil;
}
