/*
 * check.h for the host tests, built with the host's compiler and
 * sanitizers: they print with the host's printf, whatever C library
 * they test, so that a broken print of ours cannot hide a failure.
 */
#include <u.h>
#include "check.h"

static int failed;

void
check(char *name, int ok, char *fmt, ...)
{
	va_list arg;

	if(ok){
		__builtin_printf("ok %s\n", name);
		return;
	}
	failed = 1;
	__builtin_printf("not ok %s: ", name);
	va_start(arg, fmt);
	__builtin_vprintf(fmt, arg);
	va_end(arg);
	__builtin_printf("\n");
}

int
checkstatus(void)
{
	return failed;
}
