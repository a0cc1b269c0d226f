#include <u.h>
#include <libc.h>
#include "fmtdef.h"

int
_percentfmt(Fmt *f)
{
	return _fmtputs(f, "%", 1);
}
