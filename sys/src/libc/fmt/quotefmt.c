#include <u.h>
#include <libc.h>
#include "fmtdef.h"

/* characters that make rc see more than a plain word */
static char rcspecial[] = "`^#*[]=|\\?${}()'<>&;";

static Rune
nextrune(void **pp, int isrunes)
{
	Rune r, *rp;
	char *p;

	if(isrunes){
		rp = *pp;
		r = *rp;
		if(r != 0)
			*pp = rp+1;
		return r;
	}
	p = *pp;
	*pp = p + chartorune(&r, p);
	return r;
}

static int
putrune(Fmt *f, Rune r)
{
	char buf[UTFmax];

	return _fmtputs(f, buf, runetochar(buf, &r));
}

/* %q and %Q: quote the string as rc would need it: 'it''s' */
int
_quotefmt(Fmt *f)
{
	void *s, *p;
	int isrunes, quote, n, pad;
	Rune r;

	isrunes = f->r == 'Q';
	s = va_arg(f->args, void*);
	if(s == nil)
		return fmtstrcpy(f, "<nil>");
	quote = 0;
	n = 0;
	for(p = s; (r = nextrune(&p, isrunes)) != 0; n++){
		if(r <= ' ' || (r < Runeself && strchr(rcspecial, r) != nil))
			quote = 1;
		if(r == '\'')
			n++;
	}
	if(n == 0)
		quote = 1;
	if(quote)
		n += 2;
	pad = 0;
	if(f->flags & FmtWidth)
		pad = f->width - n;
	if(!(f->flags & FmtLeft) && _fmtpad(f, pad, ' ') < 0)
		return -1;
	if(quote && putrune(f, '\'') < 0)
		return -1;
	for(p = s; (r = nextrune(&p, isrunes)) != 0; ){
		if(r == '\'' && putrune(f, r) < 0)
			return -1;
		if(putrune(f, r) < 0)
			return -1;
	}
	if(quote && putrune(f, '\'') < 0)
		return -1;
	if((f->flags & FmtLeft) && _fmtpad(f, pad, ' ') < 0)
		return -1;
	return 0;
}
