/*
 * Test-only stand-in for <libc.h>: the loaders run in host unit
 * tests, where the few libc routines they use come from the host.
 */
#include <stdlib.h>
#include <string.h>

/* only named by dat.h: the host tests share no memory between procs */
typedef struct Lock Lock;
struct Lock {
	int	val;
};
