/* The host tests' harness; check.h reports. */
#include "check.h"

/* check that got is want */
extern	void	checkstr(char*, char*, char*);
extern	void	exit(int);

/* a test sets abortarmed after __builtin_setjmp(abortjmp) to catch abort() */
extern	void	*abortjmp[5];
extern	int	abortarmed;

/* bytes the allocator has taken from the test's sbrk */
extern	ulong	arenaused;
