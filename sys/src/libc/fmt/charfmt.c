#include <u.h>
#include <libc.h>
#include "fmtdef.h"

/* %c: an int holding a rune, as in Plan 9 */
int
_charfmt(Fmt *f)
{
	Rune r;

	r = va_arg(f->args, int);
	return _fmtcpy(f, &r, 1, 1);
}

/* %C */
int
_runefmt(Fmt *f)
{
	Rune r;

	r = va_arg(f->args, Rune);
	return _fmtcpy(f, &r, 1, 1);
}
