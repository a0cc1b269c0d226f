#include <u.h>
#include <libc.h>
#include <stdarg.h>
#include "test.h"

int failures;

/* "ok name", or "not ok name: reason" with the reason formatted from fmt. */
void
check(int ok, char *name, char *fmt, ...)
{
	va_list arg;

	if(ok){
		printf("ok %s\n", name);
		return;
	}
	failures++;
	printf("not ok %s: ", name);
	va_start(arg, fmt);
	vprintf(fmt, arg);
	va_end(arg);
	printf("\n");
}

int
done(void)
{
	return failures != 0;
}
