#include <u.h>
#include <libc.h>
#include "test.h"

int failures;

static void
out(char *s)
{
	write(1, s, strlen(s));
}

/* ok is the check's result; on failure the reason is formatted from fmt. */
void
check(int ok, char *name, char *fmt, ...)
{
	char buf[512];
	va_list args;

	if(ok){
		snprint(buf, sizeof buf, "ok %s\n", name);
		out(buf);
		return;
	}
	failures++;
	va_start(args, fmt);
	snprint(buf, sizeof buf, "not ok %s: ", name);
	vseprint(buf+strlen(buf), buf+sizeof buf-1, fmt, args);
	va_end(args);
	strcat(buf, "\n");
	out(buf);
}

void
checkstr(char *name, char *got, char *want)
{
	if(got == nil)
		got = "(nil)";
	check(strcmp(got, want) == 0, name, "got «%s» want «%s»", got, want);
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

int
done(void)
{
	return failures != 0;
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
	out("not ok: abort called\n");
	exit(1);
}
