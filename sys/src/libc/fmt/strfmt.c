#include <u.h>
#include <libc.h>
#include "fmtdef.h"

/* %s */
int
_strfmt(Fmt *f)
{
	return fmtstrcpy(f, va_arg(f->args, char*));
}

/* %S */
int
_runesfmt(Fmt *f)
{
	return fmtrunestrcpy(f, va_arg(f->args, Rune*));
}
