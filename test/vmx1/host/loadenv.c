#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "loadenv.h"

enum {
	Maxmap	= 8,
};

/* The value a loader gave the register, or ~0 if it gave none. */
uvlong
getreg(Load *l, char *name)
{
	Reg *r;

	for(r = l->regs; r < l->regs + l->nregs; r++)
		if(strcmp(r->name, name) == 0)
			return r->val;
	return ~0ULL;
}

Load*
newload(uvlong ramsize, char *cmdline, Bootmod *mods, int nmods)
{
	Load *l;

	l = calloc(1, sizeof *l);
	l->ram = calloc(1, ramsize);
	l->ramsize = ramsize;
	l->map = calloc(Maxmap, sizeof l->map[0]);
	l->nmap = pcmemmap(l->map, Maxmap, ramsize);
	l->cmdline = cmdline;
	l->mods = mods;
	l->nmods = nmods;
	return l;
}

void
freeload(Load *l)
{
	free(l->ram);
	free(l->map);
	free(l);
}

/* The whole file, or an empty image if it cannot be read. */
Image
readimage(char *dir, char *name)
{
	char path[512];
	Image im;
	FILE *f;
	long n;

	im.data = nil;
	im.len = 0;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "rb");
	if(f == nil)
		return im;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	im.data = malloc(n);
	if(fread(im.data, 1, n, f) == (usize)n)
		im.len = n;
	fclose(f);
	return im;
}

/* The offset of the first align-aligned 32-bit v in im, or -1. */
long
find32(Image *im, u32int v, int align)
{
	usize i;

	for(i = 0; i + 4 <= im->len; i += align)
		if(get32(im->data + i) == v)
			return i;
	return -1;
}

/* Whether no two placed pieces share a byte. */
int
disjoint(Load *l)
{
	Placed *a, *b;

	for(a = l->placed; a < l->placed + l->nplaced; a++)
		for(b = a+1; b < l->placed + l->nplaced; b++)
			if(a->base < b->base + b->len && b->base < a->base + a->len)
				return 0;
	return 1;
}

/*
 * What every successful load leaves: pieces that share no byte, each
 * inside a RAM range of the map, and the entry point in the image.
 */
int
consistent(Load *l)
{
	Placed *p;
	Memrange *m;
	uvlong pc;
	int inimage;

	if(!disjoint(l))
		return 0;
	pc = getreg(l, "pc");
	inimage = 0;
	for(p = l->placed; p < l->placed + l->nplaced; p++){
		for(m = l->map; m < l->map + l->nmap; m++)
			if(m->type == Memram && p->base >= m->base && p->base + p->len <= m->base + m->len)
				break;
		if(m == l->map + l->nmap || p->base + p->len > l->ramsize)
			return 0;
		if(p->kind == Pimage && pc >= p->base && pc < p->base + p->len)
			inimage = 1;
	}
	return inimage;
}
