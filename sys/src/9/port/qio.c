/*
 * Queues between producers and a consumer, in a ring of bytes: pipes,
 * the console's input. A byte queue is a stream; a message queue
 * (Qmsg) keeps each write whole: a read returns at most one message,
 * leaving any rest of it for the next read. Readers and writers sleep;
 * interrupt handlers use the non-blocking qiwrite.
 *
 * Data moves outside the lock, so callers' buffers may be user memory
 * that faults: the one reader (rlock) owns the bytes from rp to wp,
 * the one writer (wlock) the free space after wp until it moves wp.
 * A queue qiwrite feeds has no other writer.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum
{
	Hdr	= 4,		/* a message's length before its bytes, least significant first */
};

struct Queue
{
	Lock;
	uchar	*buf;
	long	size;		/* of buf */
	long	rp;		/* read and write counts; rp <= wp <= rp+size */
	long	wp;
	long	len;		/* bytes queued, headers not counted */
	int	msg;		/* Qmsg */
	long	left;		/* bytes of the message at rp, whose header has been read */
	long	need;		/* room the writer waits for */
	int	hungup;
	Rendez	rr;
	Rendez	wr;
	QLock	rlock;		/* one reader at a time */
	QLock	wlock;
};

/* size bytes of data; in a message queue also the longest message kept whole */
Queue*
qopen(long size, int mode)
{
	Queue *q;

	q = smalloc(sizeof *q);
	q->msg = mode & Qmsg;
	q->size = size;
	if(q->msg)
		q->size += Hdr;
	q->buf = smalloc(q->size);
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
	return q->len;
}

/* Copy between p and the ring at count c, in two pieces where it wraps. */
static void
ringout(Queue *q, long c, void *p, long n)
{
	long o, first;

	o = c % q->size;
	first = q->size - o < n ? q->size - o : n;
	memmove(p, q->buf+o, first);
	memmove((uchar*)p+first, q->buf, n-first);
}

static void
ringin(Queue *q, long c, void *p, long n)
{
	long o, first;

	o = c % q->size;
	first = q->size - o < n ? q->size - o : n;
	memmove(q->buf+o, p, first);
	memmove(q->buf, (uchar*)p+first, n-first);
}

static long
getlen(Queue *q, long c)
{
	uchar h[Hdr];

	ringout(q, c, h, Hdr);
	return h[0] | h[1]<<8 | h[2]<<16 | (long)h[3]<<24;
}

static void
putlen(Queue *q, long c, long n)
{
	uchar h[Hdr];

	h[0] = n;
	h[1] = n>>8;
	h[2] = n>>16;
	h[3] = n>>24;
	ringin(q, c, h, Hdr);
}

static int
canread(void *a)
{
	Queue *q;

	q = a;
	return q->wp != q->rp || q->hungup;
}

static int
canwrite(void *a)
{
	Queue *q;

	q = a;
	return q->wp - q->rp + q->need <= q->size || q->hungup;
}

/*
 * What is there up to n bytes, or in a message queue up to the end
 * of the message at the head; 0 at a zero-length message, or when
 * the queue is empty and hung up.
 */
long
qread(Queue *q, void *va, long n)
{
	long rp, len;

	qlock(&q->rlock);
	if(waserror()){
		qunlock(&q->rlock);
		nexterror();
	}
	sleep(&q->rr, canread, q);
	ilock(q);
	rp = q->rp;
	len = q->wp - rp;
	iunlock(q);
	if(q->msg){
		if(len > 0 && q->left == 0){
			q->left = getlen(q, rp);
			rp += Hdr;
			ilock(q);
			q->rp = rp;
			iunlock(q);
		}
		len = q->left;
	}
	if(len > n)
		len = n;
	ringout(q, rp, va, len);
	ilock(q);
	q->rp = rp + len;
	q->len -= len;
	if(q->msg)
		q->left -= len;
	iunlock(q);
	wakeup(&q->wr);
	poperror();
	qunlock(&q->rlock);
	return len;
}

/* Wait for room for n bytes; a hung-up queue is an error. */
static void
waitroom(Queue *q, long n)
{
	q->need = n;
	sleep(&q->wr, canwrite, q);
	if(q->hungup)
		error(Ehungup);
}

/* Make the n bytes written after wp readable, they and a header first if a message. */
static void
publish(Queue *q, long n)
{
	ilock(q);
	if(q->hungup){
		iunlock(q);
		error(Ehungup);
	}
	if(q->msg){
		putlen(q, q->wp, n);
		q->wp += Hdr;
	}
	q->wp += n;
	q->len += n;
	iunlock(q);
	wakeup(&q->rr);
}

/*
 * A message queue takes n bytes as one message, or as messages of
 * the queue's size and a last one when n is longer, none of them
 * interleaved with another writer's. A byte queue takes what fits
 * until all is in.
 */
long
qwrite(Queue *q, void *va, long n)
{
	uchar *p;
	long i, len, max;

	qlock(&q->wlock);
	if(waserror()){
		qunlock(&q->wlock);
		nexterror();
	}
	p = va;
	i = 0;
	if(q->msg){
		max = q->size - Hdr;
		do{
			len = n-i < max ? n-i : max;
			waitroom(q, Hdr+len);
			ringin(q, q->wp+Hdr, p+i, len);
			publish(q, len);
			i += len;
		}while(i < n);
	}else{
		while(i < n){
			waitroom(q, 1);
			len = q->size - (q->wp - q->rp);
			if(len > n-i)
				len = n-i;
			ringin(q, q->wp, p+i, len);
			publish(q, len);
			i += len;
		}
	}
	poperror();
	qunlock(&q->wlock);
	return n;
}

/* From interrupt handlers: take what fits (a whole message or none), drop the rest. */
long
qiwrite(Queue *q, void *va, long n)
{
	long room;

	ilock(q);
	room = q->size - (q->wp - q->rp);
	if(q->msg){
		if(Hdr+n > room){
			iunlock(q);
			return 0;
		}
		putlen(q, q->wp, n);
		q->wp += Hdr;
	}else if(n > room)
		n = room;
	ringin(q, q->wp, va, n);
	q->wp += n;
	q->len += n;
	iunlock(q);
	wakeup(&q->rr);
	return n;
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
	iunlock(q);
}

int
qisclosed(Queue *q)
{
	return q->hungup;
}
