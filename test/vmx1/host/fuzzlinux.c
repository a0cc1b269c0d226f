/*
 * Fuzz target: the Linux loader (linux.c) on the input as a bzImage
 * or, if it is an ELF file, a vmlinux. A bzImage gets the boot
 * sector's and setup header's magic numbers put in place, and on odd
 * first bytes a protocol version from 2.06 on and the loaded-high
 * flag, so that inputs reach the header's fields rather than stop at
 * the magic, which fuzzload's inputs seldom pass. The last two bytes
 * pick the guest's size and modules. A load fails with a one-line
 * error or leaves a consistent guest whose zero page tells the truth
 * about the command line and the initrd.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "loadenv.h"
#include "fuzz.h"

enum {
	Mb		= 1<<20,
	Hdrend		= 0x268,	/* the setup header as linux.c reads it */
	Version		= 0x206,
	Loadflags	= 0x211,
	Ramdiskimage	= 0x218,
	Ramdisksize	= 0x21c,
	Cmdlineptr	= 0x228,
	Bootparamslen	= 4096,
};

static uvlong ramsizes[] = {2*Mb, 8*Mb, 24*Mb};
static Load *loads[nelem(ramsizes)];
static uchar modbytes[Mb];
static Bootmod mods[] = {{"initrd", modbytes, 5}, {"more", modbytes, Mb}};
static char cmdline[] = "console=ttyS0 fuzz";

int
LLVMFuzzerTestOneInput(const uchar *data, usize len)
{
	uchar *image, *bp;
	uvlong params, rd, rdsize;
	Load *l;
	char *err;
	int r, i;

	if(len < Hdrend)
		return 0;
	image = malloc(len);
	memmove(image, data, len);
	if(memcmp(image, "\177ELF", 4) != 0){
		put16(image+0x1fe, 0xaa55);
		memmove(image+0x202, "HdrS", 4);
		if(image[0] & 1){
			put16(image+Version, 0x206 + image[Version] % 10);
			image[Loadflags] |= 1;
		}
	}

	r = image[len-1] % nelem(ramsizes);
	if(loads[r] == nil)
		loads[r] = newload(ramsizes[r], cmdline, nil, 0);
	l = loads[r];
	l->nregs = l->nplaced = 0;
	l->top = 0;
	l->mods = mods;
	l->nmods = image[len-2] % (nelem(mods) + 1);

	err = linuxload(l, image, len);
	if(err != nil){
		require(*err != 0 && strchr(err, '\n') == nil && strlen(err) < 80);
		free(image);
		return 0;
	}
	require(consistent(l));
	params = getreg(l, "si");
	require(params + Bootparamslen <= l->ramsize);
	bp = l->ram + params;
	require(get32(bp+Cmdlineptr) < l->ramsize && strcmp((char*)l->ram + get32(bp+Cmdlineptr), cmdline) == 0);
	rd = get32(bp+Ramdiskimage);
	rdsize = get32(bp+Ramdisksize);
	require((l->nmods == 0) == (rdsize == 0));
	require(rd + rdsize <= l->ramsize);
	for(i = 0; i < l->nmods; i++){
		require(memcmp(l->ram + rd, mods[i].data, mods[i].len) == 0);
		rd += (mods[i].len + 3) & ~3;
	}
	free(image);
	return 0;
}
