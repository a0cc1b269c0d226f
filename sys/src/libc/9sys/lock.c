#include <u.h>
#include <libc.h>

/* Spin on _tas, giving up the processor between attempts. */
void
lock(Lock *l)
{
	while(_tas(&l->val) != 0)
		sleep(0);
}

int
canlock(Lock *l)
{
	return _tas(&l->val) == 0;
}

void
unlock(Lock *l)
{
	__atomic_store_n(&l->val, 0, __ATOMIC_RELEASE);
}
