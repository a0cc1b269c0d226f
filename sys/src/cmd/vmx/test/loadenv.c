#include <u.h>
#include <libc.h>
#include "../dat.h"
#include "../fns.h"
#include "loadenv.h"

enum {
	Maxmap	= 8,
};

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
