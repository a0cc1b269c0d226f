#include <u.h>
#include <libc.h>
#include "fmtdef.h"

/* %r: the process's error string (the kernel supplies its own rerrstr) */
int
_errfmt(Fmt *f)
{
	char buf[ERRMAX];

	buf[0] = 0;
	rerrstr(buf, sizeof buf);
	return fmtstrcpy(f, buf);
}
