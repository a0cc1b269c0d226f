#include <u.h>
#include <libc.h>

extern	int	brk_(void*);
extern	char	end[];		/* from the linker: end of bss */

enum
{
	Align	= 16,
};

static uintptr bloc;	/* current break */

int
brk(void *p)
{
	if(brk_(p) < 0)
		return -1;
	bloc = (uintptr)p;
	return 0;
}

/* Grow the data segment by n bytes; the old break, or (void*)-1. */
void*
sbrk(ulong n)
{
	uintptr old;

	if(bloc == 0)
		bloc = (uintptr)end;
	old = (bloc + Align-1) & ~(uintptr)(Align-1);
	n = (n + Align-1) & ~(ulong)(Align-1);
	if(brk_((void*)(old+n)) < 0)
		return (void*)-1;
	bloc = old+n;
	return (void*)old;
}
