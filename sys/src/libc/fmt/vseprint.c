#include <u.h>
#include <libc.h>
#include "fmtdef.h"

/* Format into buf..e, always terminated; return the terminating NUL, nil if there is no room at all. */
char*
vseprint(char *buf, char *e, char *fmt, va_list args)
{
	Fmt f;

	if(e <= buf)
		return nil;
	_fmtstart(&f, buf, e-1);
	va_copy(f.args, args);
	dofmt(&f, fmt);
	va_end(f.args);
	*f.to = 0;
	return f.to;
}
