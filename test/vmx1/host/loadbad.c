/*
 * Malformed, truncated and corrupted images: each load must fail with
 * an error (or, for harmless damage, succeed) and never touch memory
 * outside the image or guest RAM, which ASan would catch.
 * usage: loadbad guestdir
 */
#include <u.h>
#include <libc.h>
#include <elf.h>
#include "dat.h"
#include "fns.h"
#include "loadenv.h"
#include "test.h"

enum {
	Ram		= 16<<20,
	Smallram	= 2<<20,	/* enough for any guest, quick to allocate */
	Mb1magic	= 0x1BADB002,
	Mb2magic	= 0xe85250d6,
};

static char *guestdir;
static char cmdline[] = "x";

/*
 * Load a copy of the image exactly len bytes long, so ASan sees any
 * overrun; a load that succeeds must be consistent.
 */
static char*
tryload(uchar *data, usize len, uvlong ramsize, Bootmod *mods, int nmods)
{
	uchar *copy;
	Load *l;
	char *err;

	copy = malloc(len ? len : 1);
	memmove(copy, data, len);
	l = newload(ramsize, cmdline, mods, nmods);
	err = loadkernel(l, copy, len);
	if(err == nil && !consistent(l))
		err = "inconsistent";
	freeload(l);
	free(copy);
	return err;
}

static int
saysit(char *err, char *want)
{
	return err != nil && strstr(err, want) != nil;
}

static void
fixmb1sum(uchar *h)
{
	put32(h+8, -(get32(h) + get32(h+4)));
}

static void
garbage(void)
{
	static uchar zeros[64], text[] = "#!/bin/sh\necho not a kernel\n";

	check("empty", saysit(tryload(zeros, 0, Ram, nil, 0), "unrecognised"), "accepted");
	check("zeros", saysit(tryload(zeros, sizeof zeros, Ram, nil, 0), "unrecognised"), "accepted");
	check("script", saysit(tryload(text, sizeof text - 1, Ram, nil, 0), "unrecognised"), "accepted");
	check("elf-ident-only", tryload((uchar*)"\177ELF\1\1\1", 7, Ram, nil, 0) != nil, "accepted");
}

/* Every prefix of the image loads or fails cleanly; short ones fail. */
static void
truncated(char *name)
{
	Image im;
	usize n;
	int tiny, inconsistent;
	char tag[64], *err;

	im = readimage(guestdir, name);
	tiny = inconsistent = 0;
	for(n = 0; n < im.len; n += n < 512 ? 1 : 29){
		err = tryload(im.data, n, Smallram, nil, 0);
		if(err == nil && n < 64)
			tiny++;
		if(saysit(err, "inconsistent"))
			inconsistent++;
	}
	snprintf(tag, sizeof tag, "%s-truncated", name);
	check(tag, im.len > 0 && tiny == 0 && inconsistent == 0 && tryload(im.data, im.len, Smallram, nil, 0) == nil,
		"%d tiny prefixes accepted, %d inconsistent loads", tiny, inconsistent);
	free(im.data);
}

static void
mb1header(void)
{
	Image im;
	uchar *h;
	u32int a[5];
	long off;
	int i, j;
	static struct {
		char	*name;
		int	field;	/* 0 header, 1 load, 2 load end, 3 bss end, 4 entry */
		s64int	delta;
		char	*want;
	} bad[] = {
		{"mb1-load-after-header", 1, 0x1000, "load address"},
		{"mb1-header-past-start", 0, 0x100000, "load address"},
		{"mb1-load-end-before-load", 2, -0x200000, "load end"},
		{"mb1-load-end-past-file", 2, 0x100000, "load end"},
		{"mb1-bss-end-before-load-end", 3, -0x100000, "bss end"},
		{"mb1-entry-outside", 4, 0x1000000, "entry point"},
		{"mb1-beyond-ram", -1, 0, "does not fit"},
	};

	im = readimage(guestdir, "mb1aout");
	off = find32(&im, Mb1magic, 4);
	check("mb1-found-header", off >= 0, "no multiboot header in mb1aout");
	if(off < 0)
		return;
	h = im.data + off;
	for(i = 0; i < 5; i++)
		a[i] = get32(h + 12 + 4*i);
	for(i = 0; i < nelem(bad); i++){
		if(bad[i].field >= 0)
			put32(h + 12 + 4*bad[i].field, a[bad[i].field] + bad[i].delta);
		else{
			/* move the whole image to 15M: the 16M guest cannot hold it */
			put32(h+12, a[0] + 0xe00000);
			put32(h+16, a[1] + 0xe00000);
			put32(h+20, a[2] + 0xe00000);
			put32(h+24, a[3] + 0xe00000 + 0x200000);
			put32(h+28, a[4] + 0xe00000);
		}
		check(bad[i].name, saysit(tryload(im.data, im.len, Ram, nil, 0), bad[i].want),
			"error \"%s\"", tryload(im.data, im.len, Ram, nil, 0));
		for(j = 0; j < 5; j++)
			put32(h + 12 + 4*j, a[j]);
	}
	put32(h+4, get32(h+4) | 1<<2);	/* wants a video mode */
	fixmb1sum(h);
	check("mb1-video-flag", saysit(tryload(im.data, im.len, Ram, nil, 0), "unsupported"), "accepted");
	put32(h+8, get32(h+8) + 1);
	check("mb1-bad-checksum", saysit(tryload(im.data, im.len, Ram, nil, 0), "unrecognised"), "accepted");
	free(im.data);
}

static void
elfheaders(void)
{
	Image im, orig;
	Elf32_Ehdr *e;
	Elf32_Phdr *p;
	int i, load;

	orig = readimage(guestdir, "elf32");
	im.len = orig.len;
	im.data = malloc(im.len);
	e = (Elf32_Ehdr*)im.data;
#define RESET() memmove(im.data, orig.data, im.len)
#define PH(i) ((Elf32_Phdr*)(im.data + e->e_phoff) + (i))
	RESET();
	for(load = 0; load < e->e_phnum && PH(load)->p_type != PT_LOAD; load++)
		;
	check("elf-has-load", load < e->e_phnum, "no PT_LOAD in elf32");
	if(load == e->e_phnum)
		return;
	e->e_phnum = 0xffff;
	check("elf-phnum", saysit(tryload(im.data, im.len, Ram, nil, 0), "program headers"), "accepted");
	RESET();
	e->e_phoff = 0xfffffff0;
	check("elf-phoff", saysit(tryload(im.data, im.len, Ram, nil, 0), "program headers"), "accepted");
	RESET();
	e->e_machine = EM_ARM;
	check("elf-machine", saysit(tryload(im.data, im.len, Ram, nil, 0), "machine"), "accepted");
	RESET();
	e->e_entry = 0x10;
	check("elf-entry", saysit(tryload(im.data, im.len, Ram, nil, 0), "entry point"), "accepted");
	RESET();
	p = PH(load);
	p->p_filesz = p->p_memsz + 1;
	check("elf-filesz", saysit(tryload(im.data, im.len, Ram, nil, 0), "file size"), "accepted");
	RESET();
	p->p_offset = im.len - 16;
	check("elf-offset", saysit(tryload(im.data, im.len, Ram, nil, 0), "beyond the image"), "accepted");
	RESET();
	p->p_paddr = 0xfffff000;
	check("elf-paddr", saysit(tryload(im.data, im.len, Ram, nil, 0), "does not fit"), "accepted");
	RESET();
	p->p_paddr = 0xa0000;
	check("elf-in-hole", saysit(tryload(im.data, im.len, Ram, nil, 0), "does not fit"), "accepted");
	RESET();
	for(i = 0; i < e->e_phnum; i++)
		if(i != load && PH(i)->p_type != PT_LOAD){
			*PH(i) = *p;
			PH(i)->p_paddr += 16;
			break;
		}
	check("elf-overlap", saysit(tryload(im.data, im.len, Ram, nil, 0), "overlapping image"), "accepted");
	RESET();
	for(i = 0; i < e->e_phnum; i++)
		PH(i)->p_type = PT_NULL;
	check("elf-no-load", saysit(tryload(im.data, im.len, Ram, nil, 0), "no loadable"), "accepted");
	RESET();
	check("elf-small-ram", saysit(tryload(im.data, im.len, 1<<20, nil, 0), "does not fit"), "accepted");
#undef PH
#undef RESET
	free(im.data);
	free(orig.data);
}

static void
mb2header(void)
{
	Image im, orig;
	uchar *h, *t;
	long off;

	orig = readimage(guestdir, "mb2");
	off = find32(&orig, Mb2magic, 8);
	check("mb2-found-header", off >= 0, "no multiboot2 header in mb2");
	if(off < 0)
		return;
	im.len = orig.len;
	im.data = malloc(im.len);
	h = im.data + off;
	t = h + 16;	/* the information request tag */
	memmove(im.data, orig.data, im.len);
	put32(h+8, 0x7ffffff0);
	put32(h+12, -(get32(h) + get32(h+4) + get32(h+8)));
	check("mb2-length", saysit(tryload(im.data, im.len, Ram, nil, 0), "truncated"), "accepted");
	memmove(im.data, orig.data, im.len);
	put32(t+4, 4);
	check("mb2-tag-size", saysit(tryload(im.data, im.len, Ram, nil, 0), "tag size"), "accepted");
	memmove(im.data, orig.data, im.len);
	put32(t+8, 99);
	check("mb2-inforeq", saysit(tryload(im.data, im.len, Ram, nil, 0), "information request"), "accepted");
	put16(t+2, 1);
	check("mb2-inforeq-optional", tryload(im.data, im.len, Ram, nil, 0) == nil, "refused");
	memmove(im.data, orig.data, im.len);
	put16(t, 77);
	check("mb2-unknown-tag", saysit(tryload(im.data, im.len, Ram, nil, 0), "header tag"), "accepted");
	put16(t+2, 1);
	check("mb2-unknown-optional", tryload(im.data, im.len, Ram, nil, 0) == nil, "refused");
	memmove(im.data, orig.data, im.len);
	put32(h+4, 4);
	put32(h+12, -(get32(h) + get32(h+4) + get32(h+8)));
	check("mb2-arch", saysit(tryload(im.data, im.len, Ram, nil, 0), "architecture"), "accepted");
	free(im.data);
	free(orig.data);
}

static void
modules(void)
{
	static uchar small[] = "module";
	Bootmod mods[Maxmods+1], big;
	Image im;
	int i;

	im = readimage(guestdir, "mb1elf");
	for(i = 0; i < nelem(mods); i++)
		mods[i] = (Bootmod){"m", small, sizeof small};
	check("mods-max", tryload(im.data, im.len, Ram, mods, Maxmods) == nil, "refused");
	check("mods-too-many", saysit(tryload(im.data, im.len, Ram, mods, Maxmods+1), "too many"), "accepted");
	big = (Bootmod){"big", calloc(1, Ram), Ram};
	check("mods-too-big", saysit(tryload(im.data, im.len, Ram, &big, 1), "module does not fit"), "accepted");
	free(big.data);
	free(im.data);
}

int
main(int argc, char **argv)
{
	static char *names[] = {"mb1aout", "mb1elf", "mb2", "elf32", "elf64"};
	int i;

	if(argc != 2){
		fprintf(stderr, "usage: loadbad guestdir\n");
		return 2;
	}
	guestdir = argv[1];
	garbage();
	for(i = 0; i < nelem(names); i++)
		truncated(names[i]);
	mb1header();
	elfheaders();
	mb2header();
	modules();
	return checkstatus();
}
