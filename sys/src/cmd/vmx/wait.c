/*
 * The text of #X's regs, "name value" lines, for the registers the
 * state page lacks.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

static int
blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Splits s at blanks, in place, into at most max words; -1 if there are more. */
static int
words(char *s, char **w, int max)
{
	int n;

	for(n = 0;; n++){
		while(blank(*s))
			*s++ = 0;
		if(*s == 0)
			return n;
		if(n == max)
			return -1;
		w[n] = s;
		while(*s != 0 && !blank(*s))
			s++;
	}
}

static int
number(char *s, uvlong *v)
{
	char *e;

	*v = strtoull(s, &e, 0);
	return e != s && *e == 0 ? 0 : -1;
}

/* The "name value" lines of regs; returns how many, or -1 if malformed. Changes text. */
int
parseregs(char *text, Regval *r, int max)
{
	char *line, *nl, *f[2];
	int n, nr;

	nr = 0;
	for(line = text; line != nil; line = nl){
		if((nl = strchr(line, '\n')) != nil)
			*nl++ = 0;
		if((n = words(line, f, nelem(f))) == 0)
			continue;
		if(nr == max || n != 2 || strlen(f[0]) >= sizeof r->name)
			return -1;
		strcpy(r[nr].name, f[0]);
		if(number(f[1], &r[nr].val) < 0)
			return -1;
		nr++;
	}
	return nr;
}
