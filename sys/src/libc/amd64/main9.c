#include <u.h>
#include <libc.h>

extern	void	main(int, char*[]);
extern	void	_main(long, char*[]);

char *argv0;

/*
 * The kernel enters at _start with RSP at argc, then argv[] and nil.
 * Clear RBP to end frame-pointer walks and align the stack for C.
 */
__asm__(
	"	.text\n"
	"	.globl _start\n"
	"	.type _start, @function\n"
	"_start:\n"
	"	xorl %ebp, %ebp\n"
	"	movq (%rsp), %rdi\n"
	"	leaq 8(%rsp), %rsi\n"
	"	andq $-16, %rsp\n"
	"	call _main\n"
	"	hlt\n"
	"	.size _start, .-_start\n"
);

void
_main(long argc, char *argv[])
{
	argv0 = argv[0];
	main(argc, argv);
	exits(nil);
}
