#include <u.h>
#include <libc.h>
#include "test.h"

void
checkstr(char *name, char *got, char *want)
{
	if(got == nil)
		got = "(nil)";
	check(name, strcmp(got, want) == 0, "got «%s» want «%s»", got, want);
}

/* The process error string, kept here in place of the system calls. */
static char errbuf[ERRMAX] = "no such file";

void
rerrstr(char *buf, uint n)
{
	utfecpy(buf, buf+n, errbuf);
}

void
werrstr(char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprint(errbuf, sizeof errbuf, fmt, args);
	va_end(args);
}

/*
 * The allocator's memory: a fixed arena standing in for the brk segment.
 */
enum
{
	Arenasize	= 64*1024*1024,
};

static uchar arena[Arenasize] __attribute__((aligned(4096)));
ulong arenaused;

void*
testsbrk(ulong n)
{
	void *p;

	if(n > Arenasize - arenaused)
		return (void*)-1;
	p = arena + arenaused;
	arenaused += n;
	return p;
}

/* abort: return to the armed test with __builtin_longjmp, else fail the program */
void *abortjmp[5];
int abortarmed;

void
testabort(void)
{
	if(abortarmed){
		abortarmed = 0;
		__builtin_longjmp(abortjmp, 1);
	}
	check("abort", 0, "called outside a test that expects it");
	exit(1);
}
