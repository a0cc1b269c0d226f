/*
 * Linux kernels by the x86 boot protocol, version 2.06 or later
 * (Documentation/arch/x86/boot.rst): a bzImage's protected-mode
 * kernel where it asks to be, the zero page (boot_params) holding a
 * copy of the setup header, the E820 map and the command line, the
 * modules concatenated into one initrd as high as the kernel allows,
 * and entry through the 64-bit entry point (the 32-bit one for kernels
 * without it) with the boot GDT the protocol names. The real-mode
 * setup code is never run.
 *
 * An uncompressed vmlinux (an ELF64 file with a "Linux" note) is
 * booted the same way at its ELF entry, with a setup header made up
 * here: it saves the decompression, which is most of a boot where
 * instructions are dear.
 */
#include <u.h>
#include <libc.h>
#include <x86.h>
#include "dat.h"
#include "fns.h"

enum {
	Sectsz		= 512,
	Pagesz		= 4096,

	/* the setup header: the same offsets in the image and in boot_params */
	Setupsects	= 0x1f1,
	Syssize		= 0x1f4,	/* in 16-byte units */
	Bootflag	= 0x1fe,
	Jumplen		= 0x201,	/* the header ends at 0x202 plus this byte */
	Magic		= 0x202,
	Version		= 0x206,
	Loadertype	= 0x210,
	Loadflags	= 0x211,
	Ramdiskimage	= 0x218,
	Ramdisksize	= 0x21c,
	Cmdlineptr	= 0x228,
	Initrdmax	= 0x22c,
	Kernelalign	= 0x230,
	Relocatable	= 0x234,
	Xloadflags	= 0x236,
	Cmdlinesize	= 0x238,
	Prefaddr	= 0x258,
	Initsize	= 0x260,
	Hdrend		= 0x268,	/* what we read of it */
	Hdrmax		= 0x290,	/* where boot_params goes on after it */

	Minversion	= 0x206,
	Loadedhigh	= 1<<0,		/* loadflags: kernel at 1M */
	Xlfkernel64	= 1<<0,		/* xloadflags: has the 64-bit entry */
	Entry64		= 0x200,	/* from the load address */
	Anyloader	= 0xff,		/* type_of_loader for one without an id */

	/* boot_params beyond the setup header */
	Bootparamslen	= 4096,
	E820count	= 0x1e8,
	E820table	= 0x2d0,
	E820max		= 128,
	E820len		= 20,
	E820ram		= 1,
	E820reserved	= 2,

	/* the boot GDT: the protocol's __BOOT_CS and __BOOT_DS */
	Bootcs		= 0x10,
	Bootds		= 0x18,
	Gdtlen		= 4*8,
};

/* flat 4G segment descriptors: 64-bit code, 32-bit code, data */
#define Desccode64	0x00af9b000000ffffULL
#define Desccode32	0x00cf9b000000ffffULL
#define Descdata	0x00cf93000000ffffULL

static int
isbzimage(uchar *image, usize len)
{
	return len >= Hdrend && get16(image+Bootflag) == 0xaa55 && memcmp(image+Magic, "HdrS", 4) == 0;
}

int
linuxprobe(uchar *image, usize len)
{
	return isbzimage(image, len) || elfnote(image, len, "Linux");
}

/*
 * Where the protected-mode kernel goes and how much it needs there,
 * zeroed or not. Its code must reach past the entry offset.
 */
static char*
placekernel(Load *l, uchar *image, usize len, uvlong entry, uvlong *addr)
{
	uvlong pmoff, pmlen, need, align, a;
	int nsect;
	char *err;

	nsect = image[Setupsects];
	if(nsect == 0)
		nsect = 4;
	pmoff = (uvlong)(nsect + 1) * Sectsz;
	pmlen = (uvlong)get32(image+Syssize) * 16;
	if(pmoff >= len || pmlen > len - pmoff)
		return "truncated image";
	if(pmlen <= entry)
		return "bad header: kernel ends before its entry point";
	need = get32(image+Initsize);
	if(need < pmlen)
		need = pmlen;
	if((image[Loadflags] & Loadedhigh) == 0)
		return "kernel loads below 1M: zImage is not supported";
	a = get64(image+Prefaddr);
	if(a == 0)
		a = Uppermem;
	err = claim(l, Pimage, a, need);
	if(err != nil && image[Relocatable]){
		/* anywhere else aligned as it asks: the lowest such place above 1M */
		align = get32(image+Kernelalign);
		if(align == 0 || (align & (align-1)) != 0)
			return "bad header: kernel alignment";
		a = (Uppermem + align-1) & ~(align-1);
		err = claim(l, Pimage, a, need);
	}
	if(err != nil)
		return err;
	memmove(l->ram + a, image + pmoff, pmlen);
	*addr = a;
	return nil;
}

/* The modules, each padded to 4 bytes, as high as possible below the kernel's limit. */
static char*
placeinitrd(Load *l, uvlong limit, uvlong *addr, uvlong *size)
{
	Memrange *m;
	uvlong n, end, a, best;
	usize len;
	int i;
	char *err;

	*addr = *size = 0;
	if(l->nmods == 0)
		return nil;
	n = 0;
	for(i = 0; i < l->nmods; i++)
		n += (l->mods[i].len + 3) & ~3;
	best = 0;
	for(m = l->map; m < l->map + l->nmap; m++){
		if(m->type != Memram)
			continue;
		end = m->base + m->len;
		if(end > limit)
			end = limit;
		if(end > l->ramsize)
			end = l->ramsize;
		if(end < n || end - n < m->base || end - n < l->top)
			continue;
		a = (end - n) & ~(uvlong)(Pagesz-1);
		if(a >= m->base && a >= l->top && a > best)
			best = a;
	}
	if(best == 0)
		return "initrd does not fit in memory below the kernel's limit";
	if((err = claim(l, Pmodule, best, n)) != nil)
		return err;
	*addr = best;
	for(i = 0; i < l->nmods; i++){
		len = l->mods[i].len;
		memmove(l->ram + best, l->mods[i].data, len);
		memset(l->ram + best + len, 0, -len & 3);
		best += (len + 3) & ~3;
	}
	*size = n;
	return nil;
}

static void
e820(Load *l, uchar *bp)
{
	Memrange *m;
	uchar *e;
	int n;

	n = 0;
	for(m = l->map; m < l->map + l->nmap && n < E820max; m++){
		e = bp + E820table + n*E820len;
		put64(e, m->base);
		put64(e+8, m->len);
		put32(e+16, m->type == Memram ? E820ram : E820reserved);
		n++;
	}
	bp[E820count] = n;
}

/* The boot GDT and the segment registers loaded from it. */
static char*
bootsegs(Load *l, int is64)
{
	static char *data[][2] = {
		{"ds", "dsperm"}, {"es", "esperm"}, {"fs", "fsperm"}, {"gs", "gsperm"}, {"ss", "ssperm"},
	};
	uchar gdt[Gdtlen];
	uvlong a;
	char *err;
	int i;

	memset(gdt, 0, sizeof gdt);
	put64(gdt + Bootcs, is64 ? Desccode64 : Desccode32);
	put64(gdt + Bootds, Descdata);
	if((err = placenew(l, Pinfo, gdt, sizeof gdt, 16, &a)) != nil)
		return err;
	setreg(l, "gdtrbase", a);
	setreg(l, "gdtrlimit", sizeof gdt - 1);
	setreg(l, "cs", Bootcs);
	setreg(l, "csperm", is64 ? Permcode64 : Permcode32);
	for(i = 0; i < nelem(data); i++){
		setreg(l, data[i][0], Bootds);
		setreg(l, data[i][1], Permdata);
	}
	return nil;
}

/* The setup header of a bzImage, with the kernel placed; the entry point. */
static char*
bzimage(Load *l, uchar *image, usize len, uchar *hdr, uvlong *entry, int *is64)
{
	uvlong kernel;
	int version;
	char *err;

	version = get16(image+Version);
	if(version < Minversion)
		return "kernel too old: boot protocol before 2.06";
	if(0x202 + image[Jumplen] > len)
		return "truncated image";
	if(0x202 + image[Jumplen] > Hdrmax)
		return "bad setup header: too long";
	memmove(hdr + Setupsects, image + Setupsects, 0x202 + image[Jumplen] - Setupsects);
	*is64 = version >= 0x20c && (get16(image+Xloadflags) & Xlfkernel64);
	if((err = placekernel(l, image, len, *is64 ? Entry64 : 0, &kernel)) != nil)
		return err;
	*entry = *is64 ? kernel + Entry64 : kernel;
	return nil;
}

/* A vmlinux placed by its program headers, and the header a bzImage of it would have. */
static char*
vmlinux(Load *l, uchar *image, usize len, uchar *hdr, uvlong *entry, int *is64)
{
	char *err;

	if((err = elfload(l, image, len, entry, is64)) != nil)
		return err;
	if(!*is64)
		return "vmlinux is not a 64-bit kernel";
	put16(hdr+Bootflag, 0xaa55);
	memmove(hdr+Magic, "HdrS", 4);
	put16(hdr+Version, 0x20f);
	hdr[Loadflags] = Loadedhigh;
	put32(hdr+Initrdmax, 0x7fffffff);
	put32(hdr+Kernelalign, 2<<20);
	put16(hdr+Xloadflags, Xlfkernel64);
	put32(hdr+Cmdlinesize, 2047);
	return nil;
}

/*
 * Everything but the initrd goes low, just above the kernel; the
 * initrd then takes the top, and the zero page is filled in last.
 */
char*
linuxload(Load *l, uchar *image, usize len)
{
	uchar hdr[Hdrmax], *bp;
	uvlong entry, params, cmd, rd, rdsize;
	usize cmdlen;
	int is64;
	char *err;

	memset(hdr, 0, sizeof hdr);
	if(isbzimage(image, len))
		err = bzimage(l, image, len, hdr, &entry, &is64);
	else
		err = vmlinux(l, image, len, hdr, &entry, &is64);
	if(err != nil)
		return err;
	cmdlen = strlen(l->cmdline);
	if(cmdlen > get32(hdr+Cmdlinesize))
		return "command line too long for the kernel";
	if((err = placenew(l, Pinfo, (uchar*)l->cmdline, cmdlen+1, 16, &cmd)) != nil)
		return err;
	if((err = placenew(l, Pinfo, nil, Bootparamslen, Pagesz, &params)) != nil)
		return err;
	if(is64)
		err = longmode(l, entry);
	else
		flatmode(l, entry);
	if(err == nil)
		err = bootsegs(l, is64);
	if(err == nil)
		err = placeinitrd(l, (uvlong)get32(hdr+Initrdmax) + 1, &rd, &rdsize);
	if(err != nil)
		return err;

	bp = l->ram + params;
	memmove(bp + Setupsects, hdr + Setupsects, Hdrmax - Setupsects);
	bp[Loadertype] = Anyloader;
	put32(bp+Cmdlineptr, cmd);
	put32(bp+Ramdiskimage, rd);
	put32(bp+Ramdisksize, rdsize);
	e820(l, bp);
	setreg(l, "si", params);
	return nil;
}
