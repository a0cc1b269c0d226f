#include <u.h>
#include <libc.h>

enum
{
	Bufsize	= 256,
};

int
vfprint(int fd, char *fmt, va_list args)
{
	char buf[Bufsize];
	Fmt f;
	int n;

	fmtfdinit(&f, fd, buf, sizeof buf);
	va_copy(f.args, args);
	n = dofmt(&f, fmt);
	va_end(f.args);
	if(n >= 0 && fmtfdflush(&f) < 0)
		return -1;
	return n;
}
