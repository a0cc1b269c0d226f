#include <u.h>
#include <libc.h>
#include "sys.h"

/*
 * One assembler stub per system call.  C passes the fourth argument
 * in RCX, which the syscall instruction overwrites, so it moves to R10.
 */
#define	STR(x)		#x
#define	STUB(name, num)	"STUB " #name ", " STR(num) "\n"

__asm__(
	".macro STUB name, num\n"
	"	.text\n"
	"	.globl \\name\n"
	"	.type \\name, @function\n"
	"\\name:\n"
	"	movq %rcx, %r10\n"
	"	movl $\\num, %eax\n"
	"	syscall\n"
	"	ret\n"
	"	.size \\name, .-\\name\n"
	".endm\n"
	STUB(bind, BIND)
	STUB(chdir, CHDIR)
	STUB(close, CLOSE)
	STUB(dup, DUP)
	STUB(alarm, ALARM)
	STUB(exec, EXEC)
	STUB(_exits, EXITS)
	STUB(fauth, FAUTH)
	STUB(segbrk, SEGBRK)
	STUB(open, OPEN)
	STUB(sleep, SLEEP)
	STUB(rfork, RFORK)
	STUB(pipe, PIPE)
	STUB(create, CREATE)
	STUB(fd2path, FD2PATH)
	STUB(brk_, BRK_)
	STUB(remove, REMOVE)
	STUB(notify, NOTIFY)
	STUB(noted, NOTED)
	STUB(segattach, SEGATTACH)
	STUB(segdetach, SEGDETACH)
	STUB(segfree, SEGFREE)
	STUB(segflush, SEGFLUSH)
	STUB(rendezvous, RENDEZVOUS)
	STUB(unmount, UNMOUNT)
	STUB(semacquire, SEMACQUIRE)
	STUB(semrelease, SEMRELEASE)
	STUB(seek, SEEK)
	STUB(fversion, FVERSION)
	STUB(errstr, ERRSTR)
	STUB(stat, STAT)
	STUB(fstat, FSTAT)
	STUB(wstat, WSTAT)
	STUB(fwstat, FWSTAT)
	STUB(mount, MOUNT)
	STUB(await, AWAIT)
	STUB(pread, PREAD)
	STUB(pwrite, PWRITE)
	STUB(tsemacquire, TSEMACQUIRE)
	STUB(nsec, NSEC)
);
