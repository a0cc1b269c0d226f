#include <u.h>
#include <libc.h>
#include "test.h"

enum
{
	Nslot	= 500,
};

/* Fill each block with a pattern from its slot so overlap shows up. */
static void
fill(uchar *p, ulong n, int slot)
{
	ulong i;

	for(i = 0; i < n; i++)
		p[i] = slot + i;
}

static int
intact(uchar *p, ulong n, int slot)
{
	ulong i;

	for(i = 0; i < n; i++)
		if(p[i] != (uchar)(slot + i))
			return 0;
	return 1;
}

static void
churn(void)
{
	uchar *p[Nslot];
	ulong size[Nslot];
	uint x;
	int i, round, ok, aligned;

	memset(p, 0, sizeof p);
	x = 1;
	ok = 1;
	aligned = 1;
	for(round = 0; round < 20000; round++){
		x = x*1103515245 + 12345;
		i = (x>>8) % Nslot;
		if(p[i] != nil){
			if(!intact(p[i], size[i], i))
				ok = 0;
			if(x & 0x10000){
				size[i] = (x>>17) % 3000;
				p[i] = realloc(p[i], size[i] > 0 ? size[i] : 1);
				if(size[i] == 0)
					size[i] = 1;
				fill(p[i], size[i], i);
			}else{
				free(p[i]);
				p[i] = nil;
			}
			continue;
		}
		size[i] = (x>>17) % ((x & 0x20000) ? 64 : 5000);
		p[i] = malloc(size[i]);
		if(p[i] == nil){
			ok = 0;
			continue;
		}
		if((uintptr)p[i] % 16 != 0)
			aligned = 0;
		if(msize(p[i]) < size[i])
			ok = 0;
		fill(p[i], size[i], i);
	}
	for(i = 0; i < Nslot; i++){
		if(p[i] != nil && !intact(p[i], size[i], i))
			ok = 0;
		free(p[i]);
	}
	check("churn", ok, "a block was damaged or too small");
	check("alignment", aligned, "block not 16-byte aligned");
}

/* Once everything is freed the heap is one block again: it all fits without growing. */
static void
coalesce(void)
{
	void *p[64], *big;
	ulong heap;
	int i;

	for(i = 0; i < nelem(p); i++)
		p[i] = malloc(100 + 37*i);
	for(i = 0; i < nelem(p); i += 2)
		free(p[i]);
	for(i = 1; i < nelem(p); i += 2)
		free(p[i]);
	heap = arenaused;
	big = malloc(heap - 64);
	check("coalesce", big != nil && arenaused == heap, "heap grew from %lu to %lu", heap, arenaused);
	free(big);
}

static void
zeroed(void)
{
	uchar *p;
	int i, ok;

	p = malloc(256);
	memset(p, 0xAA, 256);
	free(p);
	p = calloc(16, 16);
	ok = p != nil;
	for(i = 0; ok && i < 256; i++)
		if(p[i] != 0)
			ok = 0;
	check("calloc", ok, "not zeroed");
	free(p);
	check("calloc-overflow", calloc(~0UL/8, 16) == nil, "allocated");
	check("malloc-huge", malloc(~0UL) == nil, "allocated");
	check("realloc-zero", realloc(malloc(10), 0) == nil, "not nil");
}

static void
corruption(void)
{
	volatile int caught;
	ulong *p;

	caught = 0;
	p = malloc(64);
	free(p);
	if(__builtin_setjmp(abortjmp) == 0){
		abortarmed = 1;
		free(p);
	}else
		caught = 1;
	abortarmed = 0;
	check("double-free", caught, "not detected");

	caught = 0;
	p = malloc(64);
	p[-1] = 0;	/* clobber the header's magic */
	if(__builtin_setjmp(abortjmp) == 0){
		abortarmed = 1;
		free(p);
	}else
		caught = 1;
	abortarmed = 0;
	check("bad-header", caught, "not detected");
}

int
main(void)
{
	churn();
	coalesce();
	zeroed();
	corruption();
	return checkstatus();
}
