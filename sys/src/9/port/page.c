/*
 * Physical memory, handed out in blocks of 2^k pages (a buddy
 * allocator) so that page tables, stacks and large allocations can all
 * be contiguous. Addresses given and taken are kernel virtual (KADDR).
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum
{
	Maxorder	= 12,		/* 16 MiB blocks */
	Free		= 0x80,		/* pageinfo: first page of a free block */
	Ordermask	= 0x1f,
};

typedef struct Freeblk Freeblk;
struct Freeblk
{
	Freeblk	*next;
	Freeblk	*prev;
};

static struct {
	Lock;
	Freeblk	*free[Maxorder+1];
	uchar	*info;		/* a byte per page frame */
	uvlong	nframe;
	uvlong	nfree;		/* pages */
	uvlong	total;		/* pages */
} pages;

static int
sizeorder(usize size)
{
	int k;

	for(k = 0; ((usize)BY2PG<<k) < size; k++)
		;
	return k;
}

static void
push(int k, uvlong pfn)
{
	Freeblk *b;

	b = KADDR(pfn<<PGSHIFT);
	b->prev = nil;
	b->next = pages.free[k];
	if(b->next != nil)
		b->next->prev = b;
	pages.free[k] = b;
	pages.info[pfn] = Free|k;
}

static void
unlink(int k, uvlong pfn)
{
	Freeblk *b;

	b = KADDR(pfn<<PGSHIFT);
	if(b->prev != nil)
		b->prev->next = b->next;
	else
		pages.free[k] = b->next;
	if(b->next != nil)
		b->next->prev = b->prev;
	pages.info[pfn] = 0;
}

/* Free 2^k pages at pfn, merging with free buddies. */
static void
release(uvlong pfn, int k)
{
	uvlong buddy;

	pages.nfree += 1ULL<<k;
	while(k < Maxorder){
		buddy = pfn ^ (1ULL<<k);
		if(buddy >= pages.nframe || pages.info[buddy] != (Free|k))
			break;
		unlink(k, buddy);
		pfn &= ~(1ULL<<k);
		k++;
	}
	push(k, pfn);
}

void*
pagealloc(usize size)
{
	int k, j;
	uvlong pfn;

	k = sizeorder(size);
	if(k > Maxorder)
		return nil;
	ilock(&pages);
	for(j = k; j <= Maxorder && pages.free[j] == nil; j++)
		;
	if(j > Maxorder){
		iunlock(&pages);
		return nil;
	}
	pfn = PADDR(pages.free[j]) >> PGSHIFT;
	unlink(j, pfn);
	/* hand the upper halves back until the block is the right size */
	while(j > k){
		j--;
		push(j, pfn + (1ULL<<j));
	}
	pages.nfree -= 1ULL<<k;
	iunlock(&pages);
	return KADDR(pfn<<PGSHIFT);
}

void
pagefree(void *va, usize size)
{
	uvlong pa;
	int k;

	pa = PADDR(va);
	k = sizeorder(size);
	if(pa & ((BY2PG<<k)-1))
		panic("pagefree: misaligned %#p size %lud from %#p", va, size, getcallerpc());
	ilock(&pages);
	if(pages.info[pa>>PGSHIFT] & Free)
		panic("pagefree: %#p freed twice, from %#p", va, getcallerpc());
	release(pa>>PGSHIFT, k);
	iunlock(&pages);
}

void*
pagealloczero(usize size)
{
	void *p;

	p = pagealloc(size);
	if(p != nil)
		memset(p, 0, BY2PG<<sizeorder(size));
	return p;
}

uvlong
pagesfree(void)
{
	return pages.nfree*BY2PG;
}

uvlong
pagestotal(void)
{
	return pages.total*BY2PG;
}

static int
reserved(uvlong pa, Memrange *rsv, int nrsv)
{
	int i;

	for(i = 0; i < nrsv; i++)
		if(pa >= rsv[i].base && pa < rsv[i].base+rsv[i].size)
			return 1;
	return 0;
}

/*
 * Give every page of RAM that is not in one of the reserved ranges to
 * the allocator. The page information array comes from the first RAM
 * above the reserved ranges that can hold it.
 */
void
pageinit(Memrange *rsv, int nrsv)
{
	uvlong pa, end, need;
	Memrange *r, all[NMEMRANGE+1];
	int i, n;

	pages.nframe = conf.topram >> PGSHIFT;
	need = PGROUND(pages.nframe);
	pa = 0;
	for(r = conf.ram; r < conf.ram+conf.nram; r++){
		for(pa = PGROUND(r->base); pa+need <= r->base+r->size; pa += BY2PG)
			if(!reserved(pa, rsv, nrsv) && !reserved(pa+need-1, rsv, nrsv))
				break;
		if(pa+need <= r->base+r->size)
			break;
	}
	if(r == conf.ram+conf.nram)
		panic("pageinit: no room for page information (%llud bytes)", need);
	pages.info = KADDR(pa);
	memset(pages.info, 0, need);
	n = 0;
	for(i = 0; i < nrsv; i++)
		all[n++] = rsv[i];
	all[n].base = pa;
	all[n++].size = need;

	for(r = conf.ram; r < conf.ram+conf.nram; r++){
		end = (r->base+r->size) & ~(uvlong)(BY2PG-1);
		for(pa = PGROUND(r->base); pa < end; pa += BY2PG){
			if(reserved(pa, all, n))
				continue;
			pages.total++;
			release(pa>>PGSHIFT, 0);
		}
	}
}
