/*
 * The kernel's reading of the multiboot2 information structure
 * (sys/src/9/pc/multiboot.c), built for the host with sanitizers:
 * structures as loaders build them go through multibootinit, and
 * conf must then list exactly the RAM they give. Prints "ok NAME" or
 * "not ok NAME: why" lines; exits 1 when one failed.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "check.h"

/* the spec's numbers, written here apart from the kernel's */
enum
{
	Mb2magic	= 0x36d76289,

	/* EFI memory types (UEFI 2.10, 7.2) */
	Efireserved	= 0,
	Efiloadercode	= 1,
	Efiloaderdata	= 2,
	Efibootcode	= 3,
	Efibootdata	= 4,
	Efiruntimecode	= 5,
	Eficonventional	= 7,
	Efiacpireclaim	= 9,
};

/* what multiboot.c uses of the rest of the kernel, but libc's strecpy */
Conf conf;
char cmdline[1024];
char end[1];

static void *onpanic[5];
static char *panicked;

void
panic(char *fmt, ...)
{
	panicked = fmt;
	__builtin_longjmp(onpanic, 1);
}

/* the kernel image lies below every range the tests give */
uvlong
PADDR(void*)
{
	return 0;
}

static uchar info[4096] __attribute__((aligned(8)));
static uchar *next;

static void
begin(void)
{
	memset(info, 0, sizeof info);
	next = info + 8;
}

static uchar*
tag(u32int type, u32int size)
{
	uchar *t;

	t = next;
	*(u32int*)t = type;
	*(u32int*)(t+4) = size;
	next += ROUND(size, 8);
	return t;
}

/* tag 6 with n entries of base, length, type */
static void
mmaptag(int n, uvlong (*e)[3])
{
	uchar *t;
	int i;

	t = tag(6, 16 + 24*n);
	*(u32int*)(t+8) = 24;
	for(i = 0; i < n; i++){
		*(u64int*)(t+16+24*i) = e[i][0];
		*(u64int*)(t+16+24*i+8) = e[i][1];
		*(u32int*)(t+16+24*i+16) = e[i][2];
	}
}

/*
 * tag 17 with n descriptors of type, physical start, pages, dsize
 * bytes each (firmware gives 48, more than the 40 of version 1), and
 * cut bytes fewer than they take
 */
static void
efitag(int n, uvlong (*d)[3], u32int dsize, int cut)
{
	uchar *t, *p;
	int i;

	t = tag(17, 16 + dsize*n - cut);
	*(u32int*)(t+8) = dsize;
	*(u32int*)(t+12) = 1;
	for(i = 0; i < n; i++){
		p = t + 16 + dsize*i;
		*(u32int*)p = d[i][0];
		*(u64int*)(p+8) = d[i][1];
		*(u64int*)(p+16) = d[i][1];	/* virtual start: unused */
		*(u64int*)(p+24) = d[i][2];
	}
}

/*
 * Ends the structure, runs multibootinit on it and compares conf's
 * RAM with the n ranges of want (none: it must panic).
 */
static void
trymap(char *name, int n, uvlong (*want)[2])
{
	char why[128], full[64];
	int i;

	tag(0, 8);
	*(u32int*)info = next - info;
	memset(&conf, 0, sizeof conf);
	panicked = nil;
	if(__builtin_setjmp(onpanic) == 0)
		multibootinit(Mb2magic, (uintptr)info - KZERO);
	why[0] = 0;
	if(n == 0){
		if(panicked == nil)
			__builtin_snprintf(why, sizeof why, "no panic, %d ranges", conf.nram);
	}else if(panicked != nil)
		__builtin_snprintf(why, sizeof why, "panic: %s", panicked);
	else if(conf.nram != n)
		__builtin_snprintf(why, sizeof why, "%d ranges, want %d", conf.nram, n);
	else
		for(i = 0; i < n; i++)
			if(conf.ram[i].base != want[i][0] || conf.ram[i].size != want[i][1]){
				__builtin_snprintf(why, sizeof why, "range %d is %#llx+%#llx, want %#llx+%#llx",
					i, conf.ram[i].base, conf.ram[i].size, want[i][0], want[i][1]);
				break;
			}
	__builtin_snprintf(full, sizeof full, "multiboot %s", name);
	check(full, why[0] == 0, "%s", why);
}

/* as OVMF's map looks to a loader that left boot services */
static uvlong efimap[][3] = {
	{Eficonventional, 0, 0xa0},
	{Efireserved, 0xa0000, 0x60},
	{Eficonventional, MiB, 0x7f00},
	{Efibootdata, 128*MiB, 0x100},
	{Efiruntimecode, 129*MiB, 0x10},
	{Efiloaderdata, 129*MiB + 0x10000, 0x20},
	{Efiacpireclaim, 130*MiB, 0x10},
	{Efibootcode, 131*MiB, 0x10},
	{Efiloadercode, 132*MiB, 0x10},
	{Eficonventional, 4ULL*GiB, 0x40000},
};

static uvlong efiwant[][2] = {
	{MiB, 127*MiB},
	{128*MiB, MiB},
	{129*MiB + 0x10000, 0x20000},
	{131*MiB, 0x10000},
	{132*MiB, 0x10000},
	{4ULL*GiB, GiB},
};

static uvlong biosmap[][3] = {
	{0, 0x9fc00, 1},
	{MiB, 63*MiB, 1},
	{64*MiB, MiB, 2},
};

static uvlong bioswant[][2] = {
	{MiB, 63*MiB},
};

int
main(void)
{
	begin();
	efitag(nelem(efimap), efimap, 48, 0);
	trymap("efi-map-alone", nelem(efiwant), efiwant);

	begin();
	efitag(nelem(efimap), efimap, 40, 0);
	trymap("efi-map-version-1-size", nelem(efiwant), efiwant);

	/* GRUB gives both: its map is the firmware's as it left it */
	begin();
	efitag(nelem(efimap), efimap, 48, 0);
	mmaptag(nelem(biosmap), biosmap);
	trymap("efi-map-after-memory-map", nelem(bioswant), bioswant);

	begin();
	mmaptag(nelem(biosmap), biosmap);
	efitag(nelem(efimap), efimap, 48, 0);
	trymap("memory-map-after-efi-map", nelem(bioswant), bioswant);

	/* a tag that ends inside a descriptor: the whole ones before it */
	begin();
	efitag(3, efimap, 48, 8);
	trymap("efi-map-cut-short", 0, nil);
	begin();
	efitag(4, efimap, 48, 8);
	trymap("efi-map-cut-short-after-ram", 1, efiwant);

	begin();
	efitag(nelem(efimap), efimap, 32, 0);
	trymap("efi-map-descriptors-too-small", 0, nil);

	begin();
	trymap("no-map", 0, nil);
	return checkstatus();
}
