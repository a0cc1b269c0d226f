/*
 * Load the real test guests (out/guest) into a buffer and check where
 * their bytes went, the entry state, and the boot information.
 * usage: loadguests guestdir
 */
#include <u.h>
#include <libc.h>
#include <elf.h>
#include "dat.h"
#include "fns.h"
#include "loadenv.h"
#include "test.h"

enum {
	Ram		= 64<<20,
	Linkbase	= 0x100000,	/* where test/vmx1/guest/guest.ld puts every guest */
	Pagesz		= 4096,
	Mb1boot		= 0x2BADB002,
	Mb2boot		= 0x36d76289,
};

static char cmdline[] = "serial mem=64M module=vmxmodule";
static char modtext[] = "vmxmodule contents\n";
static char *guestdir;

static u32int
rd32(Load *l, uvlong a)
{
	return get32(l->ram + a);
}

static char*
rdstr(Load *l, uvlong a)
{
	return (char*)l->ram + a;
}

/* The map pcmemmap should build for 64M, written out by hand. */
static Memrange want64[] = {
	{0, 640<<10, Memram},
	{640<<10, 384<<10, Memreserved},
	{1<<20, Ram - (1<<20), Memram},
};

static Load*
loadguest(char *name, Image *im, char **err, Bootmod *mods, int nmods)
{
	Load *l;

	*im = readimage(guestdir, name);
	l = newload(Ram, cmdline, mods, nmods);
	*err = loadkernel(l, im->data, im->len);
	return l;
}

static char*
whichloader(Image *im)
{
	Loader *ld;

	ld = findloader(im->data, im->len);
	return ld != nil ? ld->name : "none";
}

/* Every PT_LOAD of the file is in RAM at its physical address, bss zeroed. */
static int
segmentsplaced(Load *l, Image *im)
{
	Elf32_Ehdr *e32;
	Elf64_Ehdr *e64;
	Elf64_Phdr p;
	int i, n, j;

	e32 = (Elf32_Ehdr*)im->data;
	e64 = (Elf64_Ehdr*)im->data;
	n = e32->e_ident[EI_CLASS] == ELFCLASS64 ? e64->e_phnum : e32->e_phnum;
	for(i = 0; i < n; i++){
		if(e32->e_ident[EI_CLASS] == ELFCLASS64)
			p = ((Elf64_Phdr*)(im->data + e64->e_phoff))[i];
		else{
			Elf32_Phdr *q = (Elf32_Phdr*)(im->data + e32->e_phoff) + i;
			p.p_type = q->p_type;
			p.p_offset = q->p_offset;
			p.p_paddr = q->p_paddr;
			p.p_filesz = q->p_filesz;
			p.p_memsz = q->p_memsz;
		}
		if(p.p_type != PT_LOAD)
			continue;
		if(memcmp(l->ram + p.p_paddr, im->data + p.p_offset, p.p_filesz) != 0)
			return 0;
		for(j = p.p_filesz; j < p.p_memsz; j++)
			if(l->ram[p.p_paddr + j] != 0)
				return 0;
	}
	return 1;
}

static uvlong
elfentry(Image *im)
{
	if(im->data[EI_CLASS] == ELFCLASS64)
		return ((Elf64_Ehdr*)im->data)->e_entry;
	return ((Elf32_Ehdr*)im->data)->e_entry;
}

static int
flatregs(Load *l)
{
	return getreg(l, "cr0real") == 0x11 && getreg(l, "efer") == 0
		&& getreg(l, "csperm") == 0xc09b && getreg(l, "csbase") == 0
		&& getreg(l, "cslimit") == 0xffffffff && getreg(l, "dsperm") == 0xc093
		&& getreg(l, "ssperm") == 0xc093 && getreg(l, "sslimit") == 0xffffffff;
}

static void
checkmodule(char *name, Load *l, uvlong start, uvlong end, char *str)
{
	char tag[64];

	snprintf(tag, sizeof tag, "%s-module", name);
	check(tag, start % Pagesz == 0 && end - start == strlen(modtext)
		&& memcmp(l->ram + start, modtext, end - start) == 0 && strcmp(str, "vmxmodule") == 0,
		"module at %#llx-%#llx named %s", start, end, str);
}

static void
checkmb1(char *name, Load *l)
{
	uvlong info, mm, end;
	u32int flags;
	char tag[64];
	int i, ok;

	info = getreg(l, "bx");
	snprintf(tag, sizeof tag, "%s-magic", name);
	check(tag, getreg(l, "ax") == Mb1boot, "ax %#llx", getreg(l, "ax"));
	flags = rd32(l, info);
	snprintf(tag, sizeof tag, "%s-info-flags", name);
	check(tag, (flags & (1<<0|1<<2|1<<3|1<<6|1<<9)) == (1<<0|1<<2|1<<3|1<<6|1<<9), "flags %#x", flags);
	snprintf(tag, sizeof tag, "%s-meminfo", name);
	check(tag, rd32(l, info+4) == 640 && rd32(l, info+8) == (Ram>>10) - 1024,
		"lower %u upper %u", rd32(l, info+4), rd32(l, info+8));
	snprintf(tag, sizeof tag, "%s-cmdline", name);
	check(tag, strcmp(rdstr(l, rd32(l, info+16)), cmdline) == 0, "cmdline %s", rdstr(l, rd32(l, info+16)));
	snprintf(tag, sizeof tag, "%s-loadername", name);
	check(tag, strcmp(rdstr(l, rd32(l, info+64)), "vmx") == 0, "name %s", rdstr(l, rd32(l, info+64)));
	snprintf(tag, sizeof tag, "%s-modcount", name);
	check(tag, rd32(l, info+20) == 1, "%u modules", rd32(l, info+20));
	checkmodule(name, l, rd32(l, rd32(l, info+24)), rd32(l, rd32(l, info+24)+4), rdstr(l, rd32(l, rd32(l, info+24)+8)));
	mm = rd32(l, info+48);
	end = mm + rd32(l, info+44);
	ok = 1;
	for(i = 0; mm < end; i++, mm += rd32(l, mm) + 4)
		if(i >= nelem(want64) || get64(l->ram+mm+4) != want64[i].base
		|| get64(l->ram+mm+12) != want64[i].len || rd32(l, mm+20) != want64[i].type)
			ok = 0;
	snprintf(tag, sizeof tag, "%s-mmap", name);
	check(tag, ok && i == nelem(want64), "memory map differs (%d entries)", i);
}

static void
checkmb2(char *name, Load *l)
{
	uvlong info, t, end, e;
	u32int type, size;
	char tag[64];
	int seen, i, mapok;

	info = getreg(l, "bx");
	snprintf(tag, sizeof tag, "%s-magic", name);
	check(tag, getreg(l, "ax") == Mb2boot && info % 8 == 0, "ax %#llx bx %#llx", getreg(l, "ax"), info);
	end = info + rd32(l, info);
	seen = 0;
	mapok = 0;
	for(t = info + 8; t + 8 <= end; t += (size + 7) & ~7){
		type = rd32(l, t);
		size = rd32(l, t+4);
		seen |= 1<<type;
		switch(type){
		case 1:
			snprintf(tag, sizeof tag, "%s-cmdline", name);
			check(tag, strcmp(rdstr(l, t+8), cmdline) == 0, "cmdline %s", rdstr(l, t+8));
			break;
		case 2:
			snprintf(tag, sizeof tag, "%s-loadername", name);
			check(tag, strcmp(rdstr(l, t+8), "vmx") == 0, "name %s", rdstr(l, t+8));
			break;
		case 3:
			checkmodule(name, l, rd32(l, t+8), rd32(l, t+12), rdstr(l, t+16));
			break;
		case 4:
			snprintf(tag, sizeof tag, "%s-meminfo", name);
			check(tag, rd32(l, t+8) == 640 && rd32(l, t+12) == (Ram>>10) - 1024,
				"lower %u upper %u", rd32(l, t+8), rd32(l, t+12));
			break;
		case 6:
			mapok = rd32(l, t+8) == 24 && size == 16 + 24*nelem(want64);
			for(i = 0, e = t+16; mapok && i < nelem(want64); i++, e += 24)
				mapok = get64(l->ram+e) == want64[i].base && get64(l->ram+e+8) == want64[i].len
					&& rd32(l, e+16) == want64[i].type;
			break;
		}
		if(type == 0)
			break;
	}
	snprintf(tag, sizeof tag, "%s-mmap", name);
	check(tag, mapok, "memory map tag wrong or missing");
	snprintf(tag, sizeof tag, "%s-tags", name);
	check(tag, seen == (1<<0|1<<1|1<<2|1<<3|1<<4|1<<6) && t + 8 == end && rd32(l, t+4) == 8,
		"tags seen %#x, end tag at %#llx of %#llx", seen, t, end);
}

/* Follow the 4-level page tables from cr3; ~0 if va is not mapped. */
static uvlong
translate(Load *l, uvlong va)
{
	uvlong e, table;
	int level, shift;

	table = getreg(l, "cr3");
	for(level = 4; level >= 1; level--){
		shift = 12 + 9*(level-1);
		e = get64(l->ram + table + 8*((va >> shift) & 511));
		if((e & 1) == 0)
			return ~0ULL;
		if(level == 2 && (e & 0x80))
			return (e & 0xfffffffe00000ULL) | (va & 0x1fffff);
		table = e & 0xffffffffff000ULL;
	}
	return table | (va & 0xfff);
}

static void
checkguest(char *name, char *loader, int mb2, int is64)
{
	Bootmod mod = {"vmxmodule", (uchar*)modtext, strlen(modtext)};
	Image im;
	Load *l;
	char *err, tag[64];
	uvlong pc;

	l = loadguest(name, &im, &err, &mod, 1);
	snprintf(tag, sizeof tag, "%s-read", name);
	check(tag, im.len > 0, "cannot read %s/%s", guestdir, name);
	if(im.len == 0)
		return;
	snprintf(tag, sizeof tag, "%s-loader", name);
	check(tag, strcmp(whichloader(&im), loader) == 0, "taken by %s", whichloader(&im));
	snprintf(tag, sizeof tag, "%s-load", name);
	check(tag, err == nil, "%s", err);
	if(err != nil)
		return;
	snprintf(tag, sizeof tag, "%s-disjoint", name);
	check(tag, disjoint(l), "pieces overlap");
	pc = getreg(l, "pc");
	snprintf(tag, sizeof tag, "%s-placed", name);
	if(strcmp(name, "mb1aout") == 0){
		check(tag, memcmp(l->ram + Linkbase, im.data, im.len) == 0, "flat image not at %#x", Linkbase);
		snprintf(tag, sizeof tag, "%s-pc", name);
		check(tag, pc > Linkbase && pc < Linkbase + im.len, "pc %#llx", pc);
	}else{
		check(tag, segmentsplaced(l, &im), "segments differ");
		snprintf(tag, sizeof tag, "%s-pc", name);
		check(tag, pc == elfentry(&im), "pc %#llx, entry %#llx", pc, elfentry(&im));
	}
	snprintf(tag, sizeof tag, "%s-mode", name);
	if(is64)
		check(tag, getreg(l, "cr0real") == 0x80000011 && getreg(l, "cr4real") == 0x20
			&& getreg(l, "efer") == 0x500 && getreg(l, "csperm") == 0xa09b
			&& getreg(l, "dsperm") == 0xc093
			&& translate(l, 0) == 0 && translate(l, pc) == pc && translate(l, getreg(l, "bx")) == getreg(l, "bx")
			&& translate(l, 0xfffff123) == 0xfffff123 && translate(l, 0x100000000ULL) == ~0ULL,
			"cr0 %#llx cr4 %#llx efer %#llx csperm %#llx", getreg(l, "cr0real"),
			getreg(l, "cr4real"), getreg(l, "efer"), getreg(l, "csperm"));
	else
		check(tag, flatregs(l), "cr0 %#llx csperm %#llx", getreg(l, "cr0real"), getreg(l, "csperm"));
	if(mb2)
		checkmb2(name, l);
	else
		checkmb1(name, l);
	freeload(l);
	free(im.data);
}

/* Field by field: the padding after type is not part of the map. */
static int
samemap(Memrange *a, Memrange *b, int n)
{
	for(; n > 0; n--, a++, b++)
		if(a->base != b->base || a->len != b->len || a->type != b->type)
			return 0;
	return 1;
}

static void
memmaps(void)
{
	Memrange m[8];
	int n;

	n = pcmemmap(m, nelem(m), Ram);
	check("memmap-64M", n == nelem(want64) && samemap(m, want64, n), "%d ranges", n);
	n = pcmemmap(m, nelem(m), 512<<10);
	check("memmap-512K", n == 2 && m[0].len == 512<<10 && m[1].type == Memreserved, "%d ranges", n);
	n = pcmemmap(m, nelem(m), 8ULL<<30);
	check("memmap-8G", n == 5 && m[2].base + m[2].len == 0xe0000000ULL && m[3].type == Memreserved
		&& m[4].base == 1ULL<<32 && m[4].len == (8ULL<<30) - 0xe0000000ULL, "%d ranges", n);
	check("memmap-short", pcmemmap(m, 2, 8ULL<<30) == -1, "no error for too small a table");
}

int
main(int argc, char **argv)
{
	if(argc != 2){
		fprintf(stderr, "usage: loadguests guestdir\n");
		return 2;
	}
	guestdir = argv[1];
	memmaps();
	checkguest("mb1aout", "multiboot", 0, 0);
	checkguest("mb1elf", "multiboot", 0, 0);
	checkguest("hello", "multiboot", 0, 0);
	checkguest("mb2", "multiboot2", 1, 0);
	checkguest("elf32", "elf", 0, 0);
	checkguest("elf64", "elf", 0, 1);
	return checkstatus();
}
