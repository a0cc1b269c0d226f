#include <u.h>
#include <libc.h>

/*
 * holders counts the owner and everyone waiting; waiters sleep
 * in semacquire and each qunlock with waiters wakes exactly one.
 */
void
qlock(QLock *q)
{
	if(__atomic_add_fetch(&q->holders, 1, __ATOMIC_ACQUIRE) == 1)
		return;
	while(semacquire(&q->sem, 1) < 0)
		;
}

int
canqlock(QLock *q)
{
	long zero;

	zero = 0;
	return __atomic_compare_exchange_n(&q->holders, &zero, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void
qunlock(QLock *q)
{
	if(__atomic_sub_fetch(&q->holders, 1, __ATOMIC_RELEASE) > 0)
		semrelease(&q->sem, 1);
}
