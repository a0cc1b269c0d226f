/*
 * Byte queues between a producer and a consumer: pipes, the console's
 * input, a device's output. Readers and writers sleep; interrupt
 * handlers use the non-blocking qiwrite.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

struct Queue
{
	Lock;
	uchar	*buf;
	long	size;
	long	rp;		/* read and write counts; rp <= wp <= rp+size */
	long	wp;
	int	hungup;
	int	eof;		/* a zero-length write: the next read returns 0 */
	Rendez	rr;
	Rendez	wr;
	QLock	rlock;		/* one reader at a time */
	QLock	wlock;
};

Queue*
qopen(long size)
{
	Queue *q;

	q = smalloc(sizeof *q);
	q->buf = smalloc(size);
	q->size = size;
	return q;
}

void
qfree(Queue *q)
{
	free(q->buf);
	free(q);
}

long
qlen(Queue *q)
{
	return q->wp - q->rp;
}

static int
canread(void *a)
{
	Queue *q;

	q = a;
	return q->wp != q->rp || q->hungup || q->eof;
}

static int
canwrite(void *a)
{
	Queue *q;

	q = a;
	return q->wp - q->rp < q->size || q->hungup;
}

/*
 * Callers' buffers may be user memory that faults: data crosses the
 * queue's lock through a bounce buffer on the stack.
 */
enum { Bounce = 512 };

long
qread(Queue *q, void *va, long n)
{
	uchar tmp[Bounce];
	long i;

	if(n > Bounce)
		n = Bounce;
	qlock(&q->rlock);
	if(waserror()){
		qunlock(&q->rlock);
		nexterror();
	}
	sleep(&q->rr, canread, q);
	ilock(q);
	for(i = 0; i < n && q->rp != q->wp; i++)
		tmp[i] = q->buf[q->rp++ % q->size];
	if(i == 0 && q->eof)
		q->eof = 0;
	iunlock(q);
	wakeup(&q->wr);
	memmove(va, tmp, i);
	poperror();
	qunlock(&q->rlock);
	return i;
}

long
qwrite(Queue *q, void *va, long n)
{
	uchar *p, tmp[Bounce];
	long i, j, chunk;

	qlock(&q->wlock);
	if(waserror()){
		qunlock(&q->wlock);
		nexterror();
	}
	p = va;
	if(n == 0){
		ilock(q);
		q->eof = 1;
		iunlock(q);
		wakeup(&q->rr);
	}
	for(i = 0; i < n; ){
		sleep(&q->wr, canwrite, q);
		chunk = n-i < Bounce ? n-i : Bounce;
		memmove(tmp, p+i, chunk);
		ilock(q);
		if(q->hungup){
			iunlock(q);
			error(Ehungup);
		}
		for(j = 0; j < chunk && q->wp - q->rp < q->size; j++)
			q->buf[q->wp++ % q->size] = tmp[j];
		i += j;
		iunlock(q);
		wakeup(&q->rr);
	}
	poperror();
	qunlock(&q->wlock);
	return n;
}

/* From interrupt handlers: take what fits, drop the rest. */
long
qiwrite(Queue *q, void *va, long n)
{
	uchar *p;
	long i;

	p = va;
	ilock(q);
	for(i = 0; i < n && q->wp - q->rp < q->size; i++)
		q->buf[q->wp++ % q->size] = p[i];
	iunlock(q);
	wakeup(&q->rr);
	return i;
}

void
qhangup(Queue *q)
{
	ilock(q);
	q->hungup = 1;
	iunlock(q);
	wakeup(&q->rr);
	wakeup(&q->wr);
}

/* Undo a hangup; what was written stays to be read. */
void
qreopen(Queue *q)
{
	ilock(q);
	q->hungup = 0;
	q->eof = 0;
	iunlock(q);
}

int
qisclosed(Queue *q)
{
	return q->hungup;
}
