/*
 * Control messages: a write split into words, looked up in a table,
 * and the numbers in them.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum { Maxwords = 64 };

Cmdbuf*
parsecmd(char *p, int n)
{
	Cmdbuf *cb;

	if(n < 0)
		error(Ebadarg);
	cb = smalloc(sizeof *cb + Maxwords*sizeof(char*) + n+1);
	cb->f = (char**)(cb+1);
	cb->buf = (char*)(cb->f+Maxwords);
	if(up != nil && waserror()){
		free(cb);
		nexterror();
	}
	memmove(cb->buf, p, n);
	if(up != nil)
		poperror();
	if(n > 0 && cb->buf[n-1] == '\n')
		n--;
	cb->buf[n] = 0;
	cb->nf = tokenize(cb->buf, cb->f, Maxwords);
	return cb;
}

void
cmderror(Cmdbuf *cb, char *s)
{
	char buf[ERRMAX], *p, *e;
	int i;

	p = buf;
	e = buf+sizeof buf;
	p = seprint(p, e, "%s \"", s);
	for(i = 0; i < cb->nf; i++)
		p = seprint(p, e, i ? " %q" : "%q", cb->f[i]);
	seprint(p, e, "\"");
	error(buf);
}

Cmdtab*
lookupcmd(Cmdbuf *cb, Cmdtab *ctab, int nctab)
{
	int i;
	Cmdtab *ct;

	if(cb->nf == 0)
		error("empty control message");
	for(ct = ctab, i = 0; i < nctab; i++, ct++){
		if(strcmp(ct->cmd, "*") != 0 && strcmp(ct->cmd, cb->f[0]) != 0)
			continue;
		if(ct->narg != 0 && ct->narg != cb->nf)
			cmderror(cb, Ecmdargs);
		return ct;
	}
	cmderror(cb, "unknown control message");
	return nil;
}

/* A whole word as a number in any C base, or the error err. */
uvlong
parsenum(char *s, char *err)
{
	char *e;
	uvlong x;

	x = strtoull(s, &e, 0);
	if(e == s || *e != 0)
		error(err);
	return x;
}
