/*
 * Split virtqueues (virtio 1.1, 2.6) from the device's side: take a
 * descriptor chain off the available ring and check every part of it
 * against the rules and guest RAM, and put the answer on the used
 * ring. The driver runs on another processor and may change the
 * rings while we read them: each descriptor is copied once and only
 * the copy is checked and used.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include <virtio.h>
#include "vio.h"

enum {
	Usedelem	= 8,
};

typedef struct Desc Desc;
struct Desc {
	u64int	addr;
	u32int	len;
	u16int	flags;
	u16int	next;
};

static u16int
load16(uchar *p)
{
	return __atomic_load_n((u16int*)p, __ATOMIC_ACQUIRE);
}

static void
store16(uchar *p, u16int v)
{
	__atomic_store_n((u16int*)p, v, __ATOMIC_RELEASE);
}

/* The rings' places (2.6: alignments 16, 2 and 4) and that they lie in RAM. */
char*
vqstart(Vq *q)
{
	if(q->size == 0 || q->size > Vqmax || (q->size & (q->size-1)) != 0)
		return "queue size not a power of two up to 256";
	if((q->desc & 15) || (q->avail & 1) || (q->used & 3))
		return "misaligned ring";
	q->descp = memptr(q->desc, Vdescsz*q->size);
	q->availp = memptr(q->avail, 6 + 2*q->size);
	q->usedp = memptr(q->used, 6 + Usedelem*q->size);
	if(q->descp == nil || q->availp == nil || q->usedp == nil)
		return "ring outside RAM";
	q->nextavail = 0;
	q->usedidx = 0;
	return nil;
}

static void
getdesc(uchar *table, int i, Desc *d)
{
	uchar *p;

	p = table + Vdescsz*i;
	d->addr = get64(p);
	d->len = get32(p+8);
	d->flags = get16(p+12);
	d->next = get16(p+14);
}

static int
bad(char **err, char *why)
{
	*err = why;
	return -1;
}

/* The chain starting at head, through at most one indirect table (2.6.5.3). */
static int
walk(Vq *q, u16int head, Vbuf *b, char **err)
{
	uchar *table, *p;
	Desc d;
	int n, count, intable;
	u16int i;

	b->head = head;
	b->nseg = b->nread = 0;
	b->rlen = b->wlen = 0;
	table = q->descp;
	n = q->size;
	if(head >= n)
		return bad(err, "head index out of range");
	intable = 0;
	i = head;
	for(count = 1;; count++){
		if(count > n)
			return bad(err, "descriptor chain loops or outgrows the queue");
		getdesc(table, i, &d);
		if(d.flags & Vdindirect){
			if(!q->indirect)
				return bad(err, "indirect descriptor not negotiated");
			if(intable)
				return bad(err, "indirect descriptor in an indirect table");
			if(d.flags & Vdnext)
				return bad(err, "indirect descriptor with a next");
			if(d.len == 0 || d.len % Vdescsz || d.len/Vdescsz > q->size)
				return bad(err, "bad indirect table length");
			if((table = memptr(d.addr, d.len)) == nil)
				return bad(err, "indirect table outside RAM");
			intable = 1;
			n = d.len/Vdescsz;
			i = 0;
			count = 0;
			continue;
		}
		if(b->nseg == Maxvseg)
			return bad(err, "too many segments");
		if(d.flags & Vdwrite)
			b->wlen += d.len;
		else{
			if(b->nseg > b->nread)
				return bad(err, "readable descriptor after a writable one");
			b->rlen += d.len;
			b->nread++;
		}
		p = memptr(d.addr, d.len);
		if(p == nil)
			return bad(err, "buffer outside RAM");
		b->seg[b->nseg].p = p;
		b->seg[b->nseg].len = d.len;
		b->nseg++;
		if((d.flags & Vdnext) == 0)
			return 1;
		i = d.next;
		if(i >= n)
			return bad(err, "next index out of range");
	}
}

/*
 * The next chain the driver made available: 1, or 0 if there is
 * none, or -1 with *err saying what breaks the rules.
 */
int
vqpop(Vq *q, Vbuf *b, char **err)
{
	u16int idx;

	if(!q->enabled)
		return 0;
	idx = load16(q->availp + 2);
	if(idx == q->nextavail){
		if(!q->eventidx)
			return 0;
		/* ask to be notified of the next one, then look again (2.6.7.2) */
		store16(q->usedp + 4 + Usedelem*q->size, q->nextavail);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		idx = load16(q->availp + 2);
		if(idx == q->nextavail)
			return 0;
	}
	if((u16int)(idx - q->nextavail) > q->size)
		return bad(err, "available index ran past the queue size");
	return walk(q, load16(q->availp + 4 + 2*(q->nextavail++ % q->size)), b, err);
}

/* Hands chain head back with len bytes written; returns whether the driver wants an interrupt (2.6.7.2). */
int
vqpush(Vq *q, u16int head, u32int len)
{
	uchar *e;
	u16int old, event;

	e = q->usedp + 4 + Usedelem*(q->usedidx % q->size);
	put32(e, head);
	put32(e+4, len);
	old = q->usedidx++;
	store16(q->usedp + 2, q->usedidx);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if(q->eventidx){
		event = load16(q->availp + 4 + 2*q->size);
		return (u16int)(q->usedidx - event - 1) < (u16int)(q->usedidx - old);
	}
	return (load16(q->availp) & Vanointr) == 0;
}

/*
 * Hands f the pieces of the n bytes at offset off of the readable
 * (writable=0) or writable part, with how many bytes came before
 * each; stops at the part's end or where f takes less than it was
 * given. Returns how many bytes f took.
 */
uvlong
vbwalk(Vbuf *b, int writable, uvlong off, uvlong n, long (*f)(void*, uchar*, long, uvlong), void *a)
{
	Vseg *s, *e;
	uvlong done;
	long m, got;

	s = writable ? b->seg + b->nread : b->seg;
	e = writable ? b->seg + b->nseg : b->seg + b->nread;
	for(done = 0; s < e && done < n; s++){
		if(off >= s->len){
			off -= s->len;
			continue;
		}
		m = s->len - off;
		if(m > n - done)
			m = n - done;
		got = f(a, s->p + off, m, done);
		if(got > 0)
			done += got;
		if(got != m)
			break;
		off = 0;
	}
	return done;
}

static long
copyout(void *dst, uchar *p, long n, uvlong done)
{
	memmove((uchar*)dst + done, p, n);
	return n;
}

static long
copyin(void *src, uchar *p, long n, uvlong done)
{
	memmove(p, (uchar*)src + done, n);
	return n;
}

/* Copies n bytes from offset off of the readable part; returns how many there were. */
uvlong
vbread(Vbuf *b, uvlong off, void *dst, uvlong n)
{
	return vbwalk(b, 0, off, n, copyout, dst);
}

/* Copies n bytes to offset off of the writable part; returns how many fitted. */
uvlong
vbwrite(Vbuf *b, uvlong off, void *src, uvlong n)
{
	return vbwalk(b, 1, off, n, copyin, src);
}
