/*
 * The kernel heap. Small blocks come from power-of-two size classes
 * carved out of pages; anything larger takes whole pages. Each block
 * has a header that says which, so free needs no size.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum
{
	Minshift	= 5,		/* 32-byte smallest block */
	Nclass		= 7,		/* up to 2 KiB */
	Magicsmall	= 0x5a11b10c,
	Magicbig	= 0xb16b10c,
	Magicfree	= 0xf4eeb10c,
};

typedef struct Hdr Hdr;
struct Hdr
{
	u32int	magic;
	u32int	class;		/* size class, small blocks */
	u64int	size;		/* bytes including the header, big blocks */
	Hdr	*next;		/* free list */
	u64int	pad;
};

static struct {
	Lock;
	Hdr	*free[Nclass];
	uvlong	smallfree;	/* bytes on the free lists */
	uvlong	inuse;		/* bytes handed out, headers included */
} heap;

static int
classof(usize n)
{
	int c;

	for(c = 0; c < Nclass; c++)
		if(n <= (1UL<<(c+Minshift)))
			return c;
	return -1;
}

/* Split a fresh page into blocks of class c. */
static int
grow(int c)
{
	uchar *p;
	usize sz, off;
	Hdr *h;

	p = pagealloc(BY2PG);
	if(p == nil)
		return -1;
	sz = 1UL<<(c+Minshift);
	for(off = 0; off+sz <= BY2PG; off += sz){
		h = (Hdr*)(p+off);
		h->magic = Magicfree;
		h->class = c;
		h->next = heap.free[c];
		heap.free[c] = h;
		heap.smallfree += sz;
	}
	return 0;
}

void*
malloc(ulong size)
{
	Hdr *h;
	usize n;
	int c;

	n = size + sizeof(Hdr);
	if(n < size)
		return nil;
	c = classof(n);
	if(c < 0){
		h = pagealloc(n);
		if(h == nil)
			return nil;
		h->magic = Magicbig;
		h->size = n;
		ilock(&heap);
		heap.inuse += n;
		iunlock(&heap);
		return h+1;
	}
	ilock(&heap);
	if(heap.free[c] == nil && grow(c) < 0){
		iunlock(&heap);
		return nil;
	}
	h = heap.free[c];
	if(h->magic != Magicfree)
		panic("malloc: corrupt free block %#p", h);
	heap.free[c] = h->next;
	heap.smallfree -= 1UL<<(c+Minshift);
	heap.inuse += 1UL<<(c+Minshift);
	iunlock(&heap);
	h->magic = Magicsmall;
	h->next = nil;
	return h+1;
}

void*
mallocz(ulong size, int clr)
{
	void *v;

	v = malloc(size);
	if(v != nil && clr)
		memset(v, 0, size);
	return v;
}

/* Wait for memory rather than fail: for callers that cannot. */
void*
smalloc(ulong size)
{
	void *v;

	while((v = mallocz(size, 1)) == nil){
		if(up == nil)
			panic("smalloc %lud: out of memory", size);
		tsleep(&up->sleep, return0, nil, 100);
	}
	return v;
}

static Hdr*
header(void *v, uintptr pc)
{
	Hdr *h;

	h = (Hdr*)v - 1;
	if(h->magic != Magicsmall && h->magic != Magicbig)
		panic("free of bad pointer %#p (magic %#ux) from %#p", v, h->magic, pc);
	return h;
}

void
free(void *v)
{
	Hdr *h;
	usize sz;

	if(v == nil)
		return;
	h = header(v, getcallerpc());
	if(h->magic == Magicbig){
		h->magic = Magicfree;
		ilock(&heap);
		heap.inuse -= h->size;
		iunlock(&heap);
		pagefree(h, h->size);
		return;
	}
	sz = 1UL<<(h->class+Minshift);
	h->magic = Magicfree;
	ilock(&heap);
	h->next = heap.free[h->class];
	heap.free[h->class] = h;
	heap.smallfree += sz;
	heap.inuse -= sz;
	iunlock(&heap);
}

ulong
msize(void *v)
{
	Hdr *h;

	h = header(v, getcallerpc());
	if(h->magic == Magicbig)
		return h->size - sizeof(Hdr);
	return (1UL<<(h->class+Minshift)) - sizeof(Hdr);
}

void*
realloc(void *v, ulong size)
{
	void *nv;
	ulong old;

	if(v == nil)
		return malloc(size);
	old = msize(v);
	if(size <= old)
		return v;
	nv = malloc(size);
	if(nv == nil)
		return nil;
	memmove(nv, v, old);
	free(v);
	return nv;
}

uvlong
heapinuse(void)
{
	return heap.inuse;
}

uvlong
heapfree(void)
{
	return heap.smallfree;
}
