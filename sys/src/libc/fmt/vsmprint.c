#include <u.h>
#include <libc.h>

char*
vsmprint(char *fmt, va_list args)
{
	Fmt f;
	int n;

	if(fmtstrinit(&f) < 0)
		return nil;
	va_copy(f.args, args);
	n = dofmt(&f, fmt);
	va_end(f.args);
	if(n < 0){
		free(fmtstrflush(&f));
		return nil;
	}
	return fmtstrflush(&f);
}
