/*
 * The text #X speaks: a wait line
 *	[!]NAME QUAL pc PC sp SP ilen N iinfo N [excode N] [va N] [pa N] [ax N]
 * or "*ack VECTOR", and the "name value" lines of regs.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

typedef struct Field Field;
struct Field {
	char	*name;
	int	off;
	int	has;
};

static Field fields[] = {
	{"pc", offsetof(Exit, pc), 0},
	{"sp", offsetof(Exit, sp), 0},
	{"ilen", offsetof(Exit, ilen), 0},
	{"iinfo", offsetof(Exit, iinfo), 0},
	{"excode", offsetof(Exit, excode), Hexcode},
	{"va", offsetof(Exit, va), Hva},
	{"pa", offsetof(Exit, pa), Hpa},
	{"ax", offsetof(Exit, ax), Hax},
};

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

/* Returns 0, or -1 if the line is not one #X writes. Changes line. */
int
parseexit(char *line, Exit *x)
{
	char *f[32], *name;
	Field *fd;
	int n, i;

	memset(x, 0, sizeof *x);
	n = words(line, f, nelem(f));
	if(n < 2)
		return -1;
	name = f[0];
	if(*name == '!'){
		x->failed = 1;
		name++;
	}
	if(*name == 0 || strlen(name) >= sizeof x->name)
		return -1;
	strcpy(x->name, name);
	if(number(f[1], &x->qual) < 0)
		return -1;
	if(strcmp(x->name, "*ack") == 0)
		return n == 2 && !x->failed ? 0 : -1;
	if(n % 2 != 0)
		return -1;
	for(i = 2; i < n; i += 2){
		for(fd = fields; fd < fields + nelem(fields); fd++)
			if(strcmp(f[i], fd->name) == 0)
				break;
		if(fd == fields + nelem(fields) || number(f[i+1], (uvlong*)((uchar*)x + fd->off)) < 0)
			return -1;
		x->has |= fd->has;
	}
	return 0;
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
