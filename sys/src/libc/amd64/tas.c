#include <u.h>
#include <libc.h>

/* Set *p to 1 with an xchg, returning its old value. */
int
_tas(int *p)
{
	return __atomic_exchange_n(p, 1, __ATOMIC_ACQUIRE);
}
