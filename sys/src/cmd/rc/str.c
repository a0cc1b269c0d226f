#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/* Growable strings, for building messages, deparsed trees and file contents. */

void
strinit(Str *s)
{
	s->s = nil;
	s->len = 0;
	s->cap = 0;
}

static void
strgrow(Str *s, int n)
{
	if(s->len+n+1 <= s->cap)
		return;
	s->cap = 2*(s->len+n+1);
	if(s->cap < 64)
		s->cap = 64;
	s->s = erealloc(s->s, s->cap);
}

void
straddn(Str *s, char *p, int n)
{
	strgrow(s, n);
	memmove(s->s+s->len, p, n);
	s->len += n;
	s->s[s->len] = 0;
}

void
stradd(Str *s, char *p)
{
	straddn(s, p, strlen(p));
}

void
straddc(Str *s, int c)
{
	char b;

	b = c;
	straddn(s, &b, 1);
}

void
straddint(Str *s, int n)
{
	char buf[16];
	int i;

	if(n < 0){
		straddc(s, '-');
		n = -n;
	}
	i = sizeof buf;
	do{
		buf[--i] = '0' + n%10;
		n /= 10;
	}while(n > 0);
	straddn(s, buf+i, sizeof buf - i);
}

/* The contents as a malloc'd string, never nil; s is left empty. */
char*
strfinish(Str *s)
{
	char *p;

	strgrow(s, 0);
	s->s[s->len] = 0;
	p = s->s;
	strinit(s);
	return p;
}
