/*
 * Fuzz target: every loader of loaders[] on the input, whether or not
 * its probe accepts it, in guests of a few sizes, with and without
 * modules. A load fails with a one-line error or leaves a consistent
 * guest; nothing is read outside the image or written outside RAM.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "loadenv.h"
#include "fuzz.h"

enum {
	Mb	= 1<<20,
};

static uvlong ramsizes[] = {1*Mb, 2*Mb, 4*Mb};
static Load *loads[nelem(ramsizes)];
static uchar modbytes[3*Mb];
static Bootmod mods[][2] = {
	{{"one", modbytes, 1}, {"page", modbytes, 4096}},
	{{"big", modbytes, 3*Mb}},
	{{"", modbytes, 0}, {"m", modbytes, Mb}},
};
static char cmdline[] = "fuzz";

/* A guest whose size and modules the input picks, as fresh as a new one. */
static Load*
guest(const uchar *data, usize len)
{
	Load *l;
	int r, m;

	r = len % nelem(ramsizes);
	if(loads[r] == nil)
		loads[r] = newload(ramsizes[r], cmdline, nil, 0);
	l = loads[r];
	l->nregs = l->nplaced = 0;
	l->top = 0;
	m = (len / nelem(ramsizes) + (len ? data[len-1] : 0)) % (nelem(mods) + 1);
	l->mods = m < nelem(mods) ? mods[m] : nil;
	l->nmods = 0;
	if(l->mods != nil)
		while(l->nmods < nelem(mods[m]) && l->mods[l->nmods].name != nil)
			l->nmods++;
	return l;
}

int
LLVMFuzzerTestOneInput(const uchar *data, usize len)
{
	Loader *ld;
	Load *l;
	char *err;

	for(ld = loaders; ld->name != nil; ld++){
		l = guest(data, len);
		err = ld->load(l, (uchar*)data, len);
		if(err != nil)
			require(*err != 0 && strchr(err, '\n') == nil && strlen(err) < 80);
		else
			require(consistent(l));
	}
	return 0;
}
