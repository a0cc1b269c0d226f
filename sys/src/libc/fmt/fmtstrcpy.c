#include <u.h>
#include <libc.h>
#include "fmtdef.h"

/* Copy s honouring f's width and precision (counted in runes). */
int
fmtstrcpy(Fmt *f, char *s)
{
	char *p;
	Rune r;
	int n, lim;

	if(s == nil)
		s = "<nil>";
	lim = (f->flags & FmtPrec) ? f->prec : -1;
	n = 0;
	for(p = s; *p != 0 && n != lim; n++)
		p += chartorune(&r, p);
	return _fmtcpy(f, s, n, 0);
}

int
fmtrunestrcpy(Fmt *f, Rune *s)
{
	int n, lim;

	if(s == nil)
		return fmtstrcpy(f, nil);
	lim = (f->flags & FmtPrec) ? f->prec : -1;
	for(n = 0; s[n] != 0 && n != lim; n++)
		;
	return _fmtcpy(f, s, n, 1);
}
