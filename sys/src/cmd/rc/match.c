#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/*
 * Pattern matching for globbing, ~ and switch.
 * In a pattern only a * ? or [ preceded by Globmark is special;
 * everything else, quoted metacharacters included, matches itself.
 */

/* One rune of a class, skipping a Globmark before it. */
static char*
classrune(char *p, Rune *r)
{
	if(*p == Globmark)
		p++;
	return p + chartorune(r, p);
}

/*
 * Does r match the class [...] whose body starts at p?
 * Returns the pattern after the ], or nil if r does not match or
 * the class is unterminated. [~...] matches runes not in the class.
 */
static char*
matchclass(Rune r, char *p)
{
	Rune lo, hi;
	int negate, found;

	negate = 0;
	if(*p == '~'){
		negate = 1;
		p++;
	}
	found = 0;
	while(*p != ']'){
		if(*p == 0)
			return nil;
		p = classrune(p, &lo);
		hi = lo;
		if(*p == '-' && p[1] != ']' && p[1] != 0)
			p = classrune(p+1, &hi);
		if(lo <= r && r <= hi)
			found = 1;
	}
	if(found == negate)
		return nil;
	return p+1;
}

int
match(char *s, char *p)
{
	Rune r;

	for(;;){
		if(*p == Globmark){
			switch(p[1]){
			case '*':
				p += 2;
				for(;;){
					if(match(s, p))
						return 1;
					if(*s == 0)
						return 0;
					s += chartorune(&r, s);
				}
			case '?':
				if(*s == 0)
					return 0;
				s += chartorune(&r, s);
				p += 2;
				continue;
			case '[':
				if(*s == 0)
					return 0;
				s += chartorune(&r, s);
				p = matchclass(r, p+2);
				if(p == nil)
					return 0;
				continue;
			}
			p++;
		}
		if(*p == 0)
			return *s == 0;
		if(*s != *p)
			return 0;
		s++;
		p++;
	}
}

/*
 * Does the subject match any of the patterns? As in Plan 9's rc, a
 * subject of several words is matched as one string, joined by spaces.
 */
int
matchany(Word *subject, Word *pats)
{
	Word *p;
	char *s;
	int found;

	s = joinwords(subject, " ");
	found = 0;
	for(p = pats; p != nil && !found; p = p->next)
		found = match(s, p->s);
	free(s);
	return found;
}

/* s with its Globmarks removed, in place. */
char*
unmark(char *s)
{
	char *p, *q;

	for(p = q = s; *p != 0; p++)
		if(*p != Globmark)
			*q++ = *p;
	*q = 0;
	return s;
}

/* a copy of s with a Globmark before each * ? [, for an unquoted word */
char*
markglob(char *s)
{
	Str m;

	strinit(&m);
	for(; *s != 0; s++){
		if(strchr("*?[", *s) != nil)
			straddc(&m, Globmark);
		straddc(&m, *s);
	}
	return strfinish(&m);
}
