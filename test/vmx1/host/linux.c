/*
 * The Linux loader on made-up bzImages: where the pieces go, what the
 * zero page says, how the kernel is entered, and the clear errors.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "loadenv.h"
#include "test.h"

enum {
	Ram		= 64<<20,
	Setupsects	= 2,
	Pmoff		= (Setupsects+1)*512,
	Pmlen		= 64<<10,
	Imagelen	= Pmoff + Pmlen,
	Kernel		= 16<<20,	/* pref_address */
	Initsize	= 1<<20,
};

static uchar image[Imagelen];
static char cmdline[] = "console=ttyS0 quiet";

/* A relocatable 64-bit kernel of protocol 2.15 with Pmlen bytes of a pattern. */
static void
mkimage(void)
{
	int i;

	memset(image, 0, sizeof image);
	image[0x1f1] = Setupsects;
	put32(image+0x1f4, Pmlen/16);
	put16(image+0x1fe, 0xaa55);
	image[0x200] = 0xeb;
	image[0x201] = 0x66;	/* the header ends at 0x268 */
	memmove(image+0x202, "HdrS", 4);
	put16(image+0x206, 0x20f);
	image[0x211] = 1;	/* loaded high */
	put32(image+0x22c, 0x7fffffff);
	put32(image+0x230, 2<<20);
	image[0x234] = 1;
	put16(image+0x236, 1);	/* 64-bit entry */
	put32(image+0x238, 2047);
	put64(image+0x258, Kernel);
	put32(image+0x260, Initsize);
	for(i = 0; i < Pmlen; i++)
		image[Pmoff + i] = i*7 + 3;
}

/*
 * A vmlinux: ELF64 header, a PT_LOAD of Pmlen bytes linked high and
 * loaded at 16M, a PT_NOTE holding note (a "Linux" one or not), and
 * the entry point physical, as Linux's is.
 */
enum {
	Elfph	= 64,
	Elfnote	= Elfph + 2*56,
	Elfseg	= 4096,
	Elflen	= Elfseg + Pmlen,
};
static uchar elf[Elflen];

static void
mkvmlinux(char *owner)
{
	uchar *p;
	int i;

	memset(elf, 0, sizeof elf);
	memmove(elf, "\177ELF\2\1\1", 7);
	put16(elf+16, 2);
	put16(elf+18, 62);
	put32(elf+20, 1);
	put64(elf+24, Kernel);
	put64(elf+32, Elfph);
	put16(elf+52, 64);
	put16(elf+54, 56);
	put16(elf+56, 2);
	p = elf + Elfph;
	put32(p, 1);
	put64(p+8, Elfseg);
	put64(p+16, 0xffffffff81000000ULL);
	put64(p+24, Kernel);
	put64(p+32, Pmlen);
	put64(p+40, Pmlen + Initsize);
	p += 56;
	put32(p, 4);
	put64(p+8, Elfnote);
	put64(p+32, 12 + 8 + 4);
	p = elf + Elfnote;
	put32(p, strlen(owner)+1);
	put32(p+4, 4);
	put32(p+8, 0x100);
	memmove(p+12, owner, strlen(owner)+1);
	for(i = 0; i < Pmlen; i++)
		elf[Elfseg + i] = i*5 + 1;
}

static char*
tryload(uvlong ram, Bootmod *mods, int nmods, Load **lp)
{
	Load *l;
	char *err;

	l = newload(ram, cmdline, mods, nmods);
	err = loadkernel(l, image, sizeof image);
	if(lp != nil)
		*lp = l;
	else
		freeload(l);
	return err;
}

static int
saysit(char *err, char *want)
{
	return err != nil && strstr(err, want) != nil;
}

static int
e820is(uchar *bp, int i, uvlong base, uvlong len, int type)
{
	uchar *e;

	e = bp + 0x2d0 + 20*i;
	return get64(e) == base && get64(e+8) == len && get32(e+16) == type;
}

int
main(void)
{
	Bootmod mods[2];
	uchar mod0[5000], mod1[3], *bp, *gdt;
	uvlong params, rd, rdsize;
	Load *l;
	char *err;
	int ok, i;

	mkimage();
	check("probe", findloader(image, sizeof image) != nil && strcmp(findloader(image, sizeof image)->name, "linux") == 0,
		"not recognised as linux");

	memset(mod0, 0xa5, sizeof mod0);
	memmove(mod1, "xyz", 3);
	mods[0] = (Bootmod){"initrd", mod0, sizeof mod0};
	mods[1] = (Bootmod){"more", mod1, sizeof mod1};
	err = tryload(Ram, mods, 2, &l);
	check("load", err == nil, "%s", err);
	if(err != nil)
		return checkstatus();
	check("disjoint", disjoint(l), "pieces overlap");
	check("kernel-at-pref", memcmp(l->ram + Kernel, image + Pmoff, Pmlen) == 0, "payload not at 16M");
	check("entry64", getreg(l, "pc") == Kernel + 0x200, "pc %#llx", getreg(l, "pc"));
	check("long-mode", getreg(l, "efer") == (1<<8 | 1<<10) && (getreg(l, "cr0real") & 1ULL<<31) && getreg(l, "cr3") != ~0ULL,
		"efer %#llx", getreg(l, "efer"));
	check("boot-selectors", getreg(l, "cs") == 0x10 && getreg(l, "ds") == 0x18 && getreg(l, "ss") == 0x18 && getreg(l, "csperm") == 0xa09b,
		"cs %#llx ds %#llx", getreg(l, "cs"), getreg(l, "ds"));
	gdt = l->ram + getreg(l, "gdtrbase");
	check("boot-gdt", getreg(l, "gdtrlimit") == 31 && (get64(gdt + 0x10) >> 53 & 1) && get64(gdt + 0x18) == 0x00cf93000000ffffULL,
		"code %#llx data %#llx", get64(gdt + 0x10), get64(gdt + 0x18));

	params = getreg(l, "si");
	bp = l->ram + params;
	check("zero-page-aligned", params != ~0ULL && params % 4096 == 0 && params < Ram, "si %#llx", params);
	check("header-copied", memcmp(bp + 0x202, "HdrS", 4) == 0 && get16(bp + 0x206) == 0x20f && get64(bp + 0x258) == Kernel,
		"setup header missing");
	check("loader-type", bp[0x210] == 0xff, "%#x", bp[0x210]);
	check("cmdline", strcmp((char*)l->ram + get32(bp + 0x228), cmdline) == 0, "cmd_line_ptr %#x", get32(bp + 0x228));
	rd = get32(bp + 0x218);
	rdsize = get32(bp + 0x21c);
	check("initrd-concatenated", rdsize == 5004 && memcmp(l->ram + rd, mod0, sizeof mod0) == 0
		&& memcmp(l->ram + rd + 5000, "xyz", 4) == 0, "size %llu", rdsize);
	check("initrd-high", rd % 4096 == 0 && rd + rdsize <= Ram && rd + rdsize > Ram - 4096, "at %#llx", rd);
	check("initrd-clear-of-kernel", rd >= Kernel + Initsize, "at %#llx", rd);
	check("e820", bp[0x1e8] == 3 && e820is(bp, 0, 0, 0xa0000, 1) && e820is(bp, 1, 0xa0000, 0x60000, 2)
		&& e820is(bp, 2, 1<<20, Ram - (1<<20), 1), "%d entries", bp[0x1e8]);
	ok = 1;
	for(i = 0; i < 0x1e8; i++)
		if(bp[i] != 0)
			ok = 0;
	check("zero-page-rest-zero", ok && bp[0x1ef] == 0, "stray bytes before the e820 count");
	freeload(l);

	/* the kernel's limit on where the initrd may end */
	put32(image+0x22c, (24<<20) - 1);
	err = tryload(Ram, mods, 1, &l);
	bp = l->ram + getreg(l, "si");
	check("initrd-below-max", err == nil && get32(bp + 0x218) + get32(bp + 0x21c) <= 24<<20 && get32(bp + 0x218) >= Kernel + Initsize,
		"%s at %#x", err, get32(bp + 0x218));
	freeload(l);
	put32(image+0x22c, 0x7fffffff);

	/* not where it prefers: relocated to the lowest aligned place */
	err = tryload(12<<20, nil, 0, &l);
	check("relocated", err == nil && getreg(l, "pc") == (2<<20) + 0x200 && memcmp(l->ram + (2<<20), image + Pmoff, Pmlen) == 0,
		"%s pc %#llx", err, getreg(l, "pc"));
	freeload(l);
	image[0x234] = 0;
	check("not-relocatable", saysit(tryload(12<<20, nil, 0, nil), "does not fit"), "placed");
	image[0x234] = 1;

	/* no 64-bit entry: the 32-bit one, paging off */
	put16(image+0x236, 0);
	err = tryload(Ram, nil, 0, &l);
	check("entry32", err == nil && getreg(l, "pc") == Kernel && getreg(l, "csperm") == 0xc09b && getreg(l, "efer") == 0
		&& getreg(l, "cs") == 0x10, "%s pc %#llx", err, getreg(l, "pc"));
	freeload(l);
	put16(image+0x236, 1);

	put16(image+0x206, 0x205);
	check("too-old", saysit(tryload(Ram, nil, 0, nil), "too old"), "accepted");
	put16(image+0x206, 0x20f);
	put32(image+0x1f4, Pmlen/16 + 1);
	check("truncated", saysit(tryload(Ram, nil, 0, nil), "truncated"), "accepted");
	/* found by fuzzlinux: an empty kernel, or one shorter than the 64-bit entry's offset, was booted */
	put32(image+0x1f4, 0x200/16);
	check("ends-before-entry64", saysit(tryload(Ram, nil, 0, nil), "ends before its entry"), "accepted");
	put32(image+0x1f4, 0);
	put16(image+0x236, 0);
	check("empty-kernel", saysit(tryload(Ram, nil, 0, nil), "ends before its entry"), "accepted");
	put16(image+0x236, 1);
	put32(image+0x1f4, Pmlen/16);
	put32(image+0x238, 8);
	check("cmdline-too-long", saysit(tryload(Ram, nil, 0, nil), "command line too long"), "accepted");
	put32(image+0x238, 2047);
	mods[0].len = Ram - Kernel;
	check("initrd-too-big", saysit(tryload(Ram, mods, 1, nil), "initrd does not fit"), "accepted");
	mods[0].len = sizeof mod0;
	put32(image+0x260, Ram);
	check("kernel-too-big", saysit(tryload(Ram, nil, 0, nil), "does not fit"), "accepted");
	put32(image+0x260, Initsize);
	image[0x211] = 0;
	check("zimage", saysit(tryload(Ram, nil, 0, nil), "below 1M"), "accepted");
	image[0x211] = 1;
	put16(image+0x1fe, 0);
	check("no-boot-flag", saysit(tryload(Ram, nil, 0, nil), "unrecognised"), "accepted");

	/* an uncompressed vmlinux: its own entry, a made-up setup header */
	mkvmlinux("Linux");
	check("vmlinux-probe", strcmp(findloader(elf, sizeof elf)->name, "linux") == 0, "taken by %s", findloader(elf, sizeof elf)->name);
	l = newload(Ram, cmdline, mods, 1);
	err = loadkernel(l, elf, sizeof elf);
	bp = l->ram + getreg(l, "si");
	check("vmlinux-load", err == nil && getreg(l, "pc") == Kernel && memcmp(l->ram + Kernel, elf + Elfseg, Pmlen) == 0
		&& getreg(l, "cs") == 0x10 && getreg(l, "efer") == (1<<8 | 1<<10), "%s pc %#llx", err, getreg(l, "pc"));
	check("vmlinux-header", err == nil && get16(bp + 0x1fe) == 0xaa55 && memcmp(bp + 0x202, "HdrS", 4) == 0
		&& get16(bp + 0x206) >= 0x20c && bp[0x210] == 0xff && bp[0x211] & 1, "no setup header");
	check("vmlinux-initrd-above-bss", err == nil && get32(bp + 0x218) >= Kernel + Pmlen + Initsize
		&& memcmp(l->ram + get32(bp + 0x218), mod0, sizeof mod0) == 0, "initrd at %#x", get32(bp + 0x218));
	freeload(l);
	mkvmlinux("Xen");
	check("other-elf-not-linux", strcmp(findloader(elf, sizeof elf)->name, "elf") == 0, "taken by %s", findloader(elf, sizeof elf)->name);

	return checkstatus();
}
