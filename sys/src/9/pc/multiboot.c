/*
 * What the multiboot2 loader tells us: memory, modules, command line
 * and the ACPI root. Everything is copied out, for the information
 * structure itself lives in memory the page allocator will take.
 * Booted through UEFI, GRUB builds the memory map tag from the
 * firmware's map and the ACPI tags from its configuration table, so
 * the same tags serve both ways; a loader that gives only the
 * firmware's map (the EFI memory map tag) is read from that.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"

enum
{
	Mb2magic	= 0x36d76289,
	Tagend		= 0,
	Tagcmdline	= 1,
	Tagmodule	= 3,
	Tagmmap		= 6,
	Tagacpiold	= 14,
	Tagacpinew	= 15,
	Tagefimmap	= 17,
	Memavailable	= 1,

	/*
	 * The EFI memory map tag holds the firmware's descriptors (UEFI
	 * 2.10, 7.2 GetMemoryMap): type, physical start, pages of 4 KiB.
	 * RAM once boot services have ended, as ACPI 6.4 table 15.6 maps
	 * them to AddressRangeMemory: loader and boot-services code and
	 * data, and conventional memory.
	 */
	Efidesc		= 40,
	Efipage		= 4096,
	Efiloadercode	= 1,
	Efiloaderdata	= 2,
	Efibootcode	= 3,
	Efibootdata	= 4,
	Eficonventional	= 7,
};

static char modcmdline[NMODULE][64];

static void
addram(uvlong base, uvlong size)
{
	uvlong end;

	/* the first MiB stays with the BIOS */
	end = base+size;
	if(base < MiB)
		base = MiB;
	if(end <= base || conf.nram == NMEMRANGE)
		return;
	conf.ram[conf.nram].base = base;
	conf.ram[conf.nram].size = end-base;
	conf.nram++;
	conf.npage += (end-base)/BY2PG;
	if(end > conf.topram)
		conf.topram = end;
}

/* The RAM of a memory map tag (multiboot2, "Memory map"). */
static void
mmapram(uchar *tag, u32int size)
{
	uchar *ent;
	u32int entsize;

	entsize = *(u32int*)(tag+8);
	for(ent = tag+16; entsize >= 24 && ent+entsize <= tag+size; ent += entsize)
		if(*(u32int*)(ent+16) == Memavailable)
			addram(*(u64int*)ent, *(u64int*)(ent+8));
}

/* The RAM of an EFI memory map tag (multiboot2, "EFI memory map"). */
static void
efiram(uchar *tag, u32int size)
{
	uchar *d;
	u32int dsize;

	dsize = *(u32int*)(tag+8);
	for(d = tag+16; dsize >= Efidesc && d+dsize <= tag+size; d += dsize)
		switch(*(u32int*)d){
		case Efiloadercode:
		case Efiloaderdata:
		case Efibootcode:
		case Efibootdata:
		case Eficonventional:
			addram(*(u64int*)(d+8), *(u64int*)(d+24)*Efipage);
		}
}

static void
bootend(uvlong pa)
{
	pa = PGROUND(pa);
	if(pa > conf.bootfree)
		conf.bootfree = pa;
}

void
multibootinit(ulong magic, ulong info)
{
	uchar *p, *e, *tag, *efimap;
	u32int type, size, efisize;
	int havemmap;

	if(magic != Mb2magic)
		panic("not loaded by a multiboot2 loader (magic %#lux)", magic);
	bootend(PADDR(end));
	p = KADDR(info);
	e = p + *(u32int*)p;
	bootend(info + *(u32int*)p);
	havemmap = 0;
	efimap = nil;
	efisize = 0;
	for(tag = p+8; tag+8 <= e; tag += ROUND(size, 8)){
		type = *(u32int*)tag;
		size = *(u32int*)(tag+4);
		if(type == Tagend || size < 8)
			break;
		switch(type){
		case Tagcmdline:
			strecpy(cmdline, cmdline+sizeof cmdline, (char*)tag+8);
			break;
		case Tagmodule:
			if(conf.nmodule == NMODULE)
				break;
			conf.module[conf.nmodule].base = *(u32int*)(tag+8);
			conf.module[conf.nmodule].size = *(u32int*)(tag+12) - *(u32int*)(tag+8);
			strecpy(modcmdline[conf.nmodule], modcmdline[conf.nmodule]+64, (char*)tag+16);
			conf.module[conf.nmodule].cmdline = modcmdline[conf.nmodule];
			bootend(*(u32int*)(tag+12));
			conf.nmodule++;
			break;
		case Tagmmap:
			mmapram(tag, size);
			havemmap = 1;
			break;
		case Tagefimmap:
			efimap = tag;
			efisize = size;
			break;
		case Tagacpiold:
		case Tagacpinew:
			memmove(conf.rsdp, tag+8, size-8 < sizeof conf.rsdp ? size-8 : sizeof conf.rsdp);
			break;
		}
	}
	/* GRUB's memory map tag says what it made of the firmware's */
	if(!havemmap && efimap != nil)
		efiram(efimap, efisize);
	if(conf.nram == 0)
		panic("no memory map from the boot loader");
}

/* The value of key=value on the kernel command line, or nil. */
char*
getconf(char *key)
{
	static char val[128];
	char *p, *q;
	int n;

	n = strlen(key);
	for(p = cmdline; (p = strstr(p, key)) != nil; p += n){
		if(p != cmdline && p[-1] != ' ')
			continue;
		if(p[n] == '='){
			strecpy(val, val+sizeof val, p+n+1);
			if((q = strchr(val, ' ')) != nil)
				*q = 0;
			return val;
		}
		if(p[n] == ' ' || p[n] == 0)
			return "";
	}
	return nil;
}
