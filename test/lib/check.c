/* check.h for programs on our kernel. */
#include <u.h>
#include <libc.h>
#include "check.h"

static int failed;

void
check(char *name, int ok, char *fmt, ...)
{
	char buf[256];
	va_list arg;

	if(ok){
		print("ok %s\n", name);
		return;
	}
	failed = 1;
	va_start(arg, fmt);
	vseprint(buf, buf+sizeof buf, fmt, arg);
	va_end(arg);
	print("not ok %s: %s\n", name, buf);
}

int
checkstatus(void)
{
	return failed;
}
