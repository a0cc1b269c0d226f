#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/* Allocation that cannot fail: rc cannot carry on without memory. */

static void
nomemory(void)
{
	fprint(2, "rc: out of memory\n");
	exits("out of memory");
}

void*
emalloc(ulong n)
{
	void *p;

	p = malloc(n);
	if(p == nil)
		nomemory();
	memset(p, 0, n);
	return p;
}

void*
erealloc(void *p, ulong n)
{
	p = realloc(p, n);
	if(p == nil)
		nomemory();
	return p;
}

char*
estrdup(char *s)
{
	char *p;

	p = emalloc(strlen(s)+1);
	strcpy(p, s);
	return p;
}
