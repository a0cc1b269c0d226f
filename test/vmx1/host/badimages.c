/*
 * Writes the bad kernel images that test/vmx1/badimages.rc gives
 * vmx(1) under Bochs: truncated and garbage files, multiboot headers
 * whose fields lie, ELF files with overlapping, huge and out-of-range
 * segments. Each is made from a real guest and must fail to load in
 * vmx's default 64M guest, which this program checks before writing.
 * usage: badimages guestdir outdir
 */
#include <u.h>
#include <libc.h>
#include <elf.h>
#include <xorshift.h>
#include "dat.h"
#include "fns.h"
#include "loadenv.h"

enum {
	Ram	= 64<<20,	/* vmx's default */
	Mb1magic	= 0x1BADB002,
	Mb2magic	= 0xe85250d6,
};

static char *guestdir, *outdir;
static int failed;

static Image
guest(char *name)
{
	Image im;

	im = readimage(guestdir, name);
	if(im.len == 0){
		fprintf(stderr, "badimages: %s/%s: cannot read\n", guestdir, name);
		exit(1);
	}
	return im;
}

/* Check that im does not load, then write it as outdir/name. */
static void
emit(char *name, Image im)
{
	char path[512];
	Load *l;
	FILE *f;
	char *err;

	l = newload(Ram, "bad", nil, 0);
	err = loadkernel(l, im.data, im.len);
	freeload(l);
	if(err == nil){
		fprintf(stderr, "badimages: %s loads\n", name);
		failed = 1;
	}
	snprintf(path, sizeof path, "%s/%s", outdir, name);
	f = fopen(path, "wb");
	if(f == nil || fwrite(im.data, 1, im.len, f) != im.len){
		fprintf(stderr, "badimages: %s: cannot write\n", path);
		exit(1);
	}
	fclose(f);
	free(im.data);
}

static void
garbage(void)
{
	Image im;
	u64int x;
	usize i;

	im.len = 8192;
	im.data = malloc(im.len);
	x = 0x9e3779b97f4a7c15ULL;
	for(i = 0; i < im.len; i++){
		im.data[i] = xorshift(&x);
	}
	/* a multiboot header wanting address fields, all of them random */
	put32(im.data+4, 1<<16);
	put32(im.data, Mb1magic);
	put32(im.data+8, -(Mb1magic + (1<<16)));
	emit("garbage-mb1", im);
	im = guest("mb1aout");
	memset(im.data, 0, 64);
	im.len = 4096;
	put32(im.data+100, 0x12345678);
	emit("garbage", im);
}

static void
truncated(void)
{
	Image im;

	im = guest("mb1aout");
	im.len /= 2;
	emit("truncated-mb1aout", im);
	im = guest("elf64");
	im.len = 40;
	emit("truncated-elf64-header", im);
	im = guest("elf32");
	im.len = ((Elf32_Ehdr*)im.data)->e_phoff + 10;
	emit("truncated-elf32-phdrs", im);
}

/* mb1aout with one address field (0 header .. 4 entry) changed to v */
static void
mb1lie(char *name, int field, u32int v)
{
	Image im;
	long off;

	im = guest("mb1aout");
	off = find32(&im, Mb1magic, 4);
	put32(im.data + off + 12 + 4*field, v);
	emit(name, im);
}

static void
mb1(void)
{
	Image im;
	long off;

	im = guest("mb1aout");
	off = find32(&im, Mb1magic, 4);
	mb1lie("mb1-header-addr", 0, get32(im.data + off + 12) + 0x100000);
	mb1lie("mb1-load-end-past-file", 2, get32(im.data + off + 20) + 0x100000);
	mb1lie("mb1-bss-end-huge", 3, 0xfffff000);
	mb1lie("mb1-entry-outside", 4, 0x10);
	put32(im.data + off + 4, get32(im.data + off + 4) | 1<<2);	/* a video mode */
	put32(im.data + off + 8, -(get32(im.data + off) + get32(im.data + off + 4)));
	emit("mb1-video-flag", im);
}

static void
mb2(void)
{
	Image im;
	uchar *h;

	im = guest("mb2");
	h = im.data + find32(&im, Mb2magic, 8);
	put32(h+8, 0x7ffffff0);
	put32(h+12, -(get32(h) + get32(h+4) + get32(h+8)));
	emit("mb2-header-length", im);
	im = guest("mb2");
	h = im.data + find32(&im, Mb2magic, 8);
	put32(h+16+4, 0xfff0);
	emit("mb2-tag-size", im);
}

/* The first program header of elf32 that is (or is not) PT_LOAD. */
static Elf32_Phdr*
load32(Image *im, int isload)
{
	Elf32_Ehdr *e;
	Elf32_Phdr *p;
	int i;

	e = (Elf32_Ehdr*)im->data;
	for(i = 0; i < e->e_phnum; i++){
		p = (Elf32_Phdr*)(im->data + e->e_phoff) + i;
		if((p->p_type == PT_LOAD) == isload)
			return p;
	}
	fprintf(stderr, "badimages: elf32 lacks a program header\n");
	exit(1);
}

static Elf64_Phdr*
load64(Image *im)
{
	Elf64_Ehdr *e;
	Elf64_Phdr *p;
	int i;

	e = (Elf64_Ehdr*)im->data;
	for(i = 0; i < e->e_phnum; i++){
		p = (Elf64_Phdr*)(im->data + e->e_phoff) + i;
		if(p->p_type == PT_LOAD)
			return p;
	}
	fprintf(stderr, "badimages: no PT_LOAD segment\n");
	exit(1);
}

static void
elf(void)
{
	Image im;
	Elf32_Phdr *p;
	Elf32_Ehdr *e;

	im = guest("elf32");
	p = load32(&im, 0);
	*p = *load32(&im, 1);
	p->p_paddr += 16;
	emit("elf-overlap", im);
	im = guest("elf32");
	load32(&im, 1)->p_paddr = 0x10000000;
	emit("elf-beyond-ram", im);
	im = guest("elf32");
	load32(&im, 1)->p_paddr = 0xa0000;
	emit("elf-in-hole", im);
	im = guest("elf32");
	load32(&im, 1)->p_offset = im.len - 16;
	emit("elf-offset-past-file", im);
	im = guest("elf32");
	e = (Elf32_Ehdr*)im.data;
	e->e_phoff = 0xfffffff0;
	emit("elf-phoff", im);
	im = guest("elf64");
	load64(&im)->p_memsz = 1ULL<<40;
	emit("elf-huge-memsz", im);
	im = guest("elf64");
	load64(&im)->p_paddr = 1ULL<<40;
	emit("elf-above-4g", im);
	im = guest("elf64");
	load64(&im)->p_paddr = ~0ULL - 0x1000;
	emit("elf-wraps", im);
}

int
main(int argc, char **argv)
{
	if(argc != 3){
		fprintf(stderr, "usage: badimages guestdir outdir\n");
		return 2;
	}
	guestdir = argv[1];
	outdir = argv[2];
	garbage();
	truncated();
	mb1();
	mb2();
	elf();
	return failed;
}
