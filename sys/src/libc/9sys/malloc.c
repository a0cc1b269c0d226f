#include <u.h>
#include <libc.h>

/*
 * First-fit allocator over sbrk.  Free blocks sit on an address-ordered
 * list and merge with their neighbours when freed.  Every block starts
 * with a Header; a free block keeps its list link just after it.
 */

typedef struct Header Header;
struct Header
{
	ulong	size;	/* in Units, header included */
	ulong	magic;
};

typedef struct Free Free;
struct Free
{
	Header	h;
	Free	*next;
};

enum
{
	Unit		= sizeof(Header),	/* also the alignment of every block */
	Minunits	= (sizeof(Free)+Unit-1)/Unit,
	Growunits	= 64*1024/Unit,
	Magicused	= 0x5AFEB10C0DEULL,
	Magicfree	= 0xF7EEB10C0DEULL,
	Maxbytes	= 1ULL<<46,
};

static Lock heaplock;
static Free *freelist;
static uintptr heaplo, heaphi;	/* bounds of everything sbrk gave us */

/* Called with heaplock held; dropped so that whatever runs after abort can still allocate. */
static void
corrupt(char *why)
{
	static char msg[] = "malloc: heap corrupt: ";

	unlock(&heaplock);
	write(2, msg, sizeof msg-1);
	write(2, why, strlen(why));
	write(2, "\n", 1);
	abort();
}

static void
checkblock(Header *h, ulong magic)
{
	uintptr a;

	a = (uintptr)h;
	if(a < heaplo || a >= heaphi || a % Unit != 0)
		corrupt("pointer outside the heap");
	if(h->magic != magic)
		corrupt(magic == Magicused ? "bad or freed block" : "free list damaged");
	if(h->size < Minunits || h->size > (heaphi-a)/Unit)
		corrupt("bad block size");
}

/* Put a block on the free list, merging with its neighbours. */
static void
release(Header *h)
{
	Free *b, *prev, *next;

	b = (Free*)h;
	b->h.magic = Magicfree;
	prev = nil;
	for(next = freelist; next != nil && next < b; next = next->next){
		checkblock(&next->h, Magicfree);
		prev = next;
	}
	if(next == b)
		corrupt("block freed twice");
	if(next != nil && (Header*)b + b->h.size > &next->h)
		corrupt("freed block overlaps a free block");
	if(next != nil && (Header*)b + b->h.size == &next->h){
		b->h.size += next->h.size;
		next->h.magic = 0;
		next = next->next;
	}
	b->next = next;
	if(prev == nil){
		freelist = b;
		return;
	}
	if((Header*)prev + prev->h.size > &b->h)
		corrupt("freed block overlaps a free block");
	if((Header*)prev + prev->h.size == &b->h){
		prev->h.size += b->h.size;
		prev->next = b->next;
		b->h.magic = 0;
	}else
		prev->next = b;
}

static int
grow(ulong units)
{
	Header *h;
	void *p;

	if(units < Growunits)
		units = Growunits;
	p = sbrk(units*Unit);
	if(p == (void*)-1)
		return -1;
	if(heaplo == 0 || (uintptr)p < heaplo)
		heaplo = (uintptr)p;
	if((uintptr)p + units*Unit > heaphi)
		heaphi = (uintptr)p + units*Unit;
	h = p;
	h->size = units;
	release(h);
	return 0;
}

static ulong
unitsfor(ulong n)
{
	ulong u;

	u = (n+Unit-1)/Unit + 1;
	return u < Minunits ? Minunits : u;
}

/* Take units from the first free block big enough, splitting off the tail. */
static Header*
take(ulong units)
{
	Free *b, **l;
	Header *h;

	for(l = &freelist; (b = *l) != nil; l = &b->next){
		checkblock(&b->h, Magicfree);
		if(b->h.size < units)
			continue;
		if(b->h.size - units < Minunits){
			*l = b->next;
			h = &b->h;
		}else{
			b->h.size -= units;
			h = (Header*)b + b->h.size;
			h->size = units;
		}
		h->magic = Magicused;
		return h;
	}
	return nil;
}

void*
malloc(ulong n)
{
	Header *h;
	ulong units;

	if(n > Maxbytes)
		return nil;
	units = unitsfor(n);
	lock(&heaplock);
	h = take(units);
	if(h == nil && grow(units) == 0)
		h = take(units);
	unlock(&heaplock);
	if(h == nil)
		return nil;
	return h+1;
}

void
free(void *p)
{
	Header *h;

	if(p == nil)
		return;
	h = (Header*)p - 1;
	lock(&heaplock);
	checkblock(h, Magicused);
	release(h);
	unlock(&heaplock);
}

ulong
msize(void *p)
{
	Header *h;
	ulong n;

	h = (Header*)p - 1;
	lock(&heaplock);
	checkblock(h, Magicused);
	n = (h->size-1)*Unit;
	unlock(&heaplock);
	return n;
}

void*
realloc(void *p, ulong n)
{
	Header *h, *rest;
	ulong units;
	void *q;

	if(p == nil)
		return malloc(n);
	if(n == 0){
		free(p);
		return nil;
	}
	if(n > Maxbytes)
		return nil;
	units = unitsfor(n);
	h = (Header*)p - 1;
	lock(&heaplock);
	checkblock(h, Magicused);
	if(h->size >= units){
		if(h->size - units >= Minunits){
			rest = h + units;
			rest->size = h->size - units;
			h->size = units;
			release(rest);
		}
		unlock(&heaplock);
		return p;
	}
	unlock(&heaplock);
	q = malloc(n);
	if(q == nil)
		return nil;
	memmove(q, p, msize(p));
	free(p);
	return q;
}

void*
mallocz(ulong n, int clr)
{
	void *p;

	p = malloc(n);
	if(p != nil && clr)
		memset(p, 0, n);
	return p;
}

void*
calloc(ulong n, ulong size)
{
	if(size != 0 && n > Maxbytes/size)
		return nil;
	return mallocz(n*size, 1);
}
