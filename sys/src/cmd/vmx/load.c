/*
 * The table of kernel-image loaders and what they share: placing
 * bytes in guest memory, the initial vCPU state.
 */
#include <u.h>
#include <libc.h>
#include <x86.h>
#include "dat.h"
#include "fns.h"


enum {
	Kb		= 1024,
	Mb		= 1024*Kb,

	Pagesz		= 4096,
	Bigpage		= 2*Mb,

	Selcode32	= 0x08,
	Seldata		= 0x10,
	Selcode64	= 0x18,

	Tsslimit	= 0x67,
};

Loader loaders[] = {
	{"multiboot2", mb2probe, mb2load},
	{"multiboot", mb1probe, mb1load},
	{"linux", linuxprobe, linuxload},
	{"elf", elfprobe, elfboot},
	{nil},
};

char loadername[] = "vmx";

Loader*
findloader(uchar *image, usize len)
{
	Loader *ld;

	for(ld = loaders; ld->name != nil; ld++)
		if(ld->probe(image, len))
			return ld;
	return nil;
}

char*
loadkernel(Load *l, uchar *image, usize len)
{
	Loader *ld;

	ld = findloader(image, len);
	if(ld == nil)
		return "unrecognised image";
	return ld->load(l, image, len);
}

/* Kilobytes of the RAM range starting at base: multiboot's mem_lower and mem_upper. */
u32int
ramkb(Load *l, uvlong base)
{
	Memrange *m;

	for(m = l->map; m < l->map + l->nmap; m++)
		if(m->type == Memram && m->base == base)
			return m->len / Kb;
	return 0;
}

static char *nofit[] = {
[Pimage]	"image does not fit in memory",
[Pmodule]	"module does not fit in memory",
[Pinfo]		"boot information does not fit in memory",
[Ppagetables]	"page tables do not fit in memory",
};

static char *overlap[] = {
[Pimage]	"overlapping image segments",
[Pmodule]	"overlapping module",
[Pinfo]		"overlapping boot information",
[Ppagetables]	"overlapping page tables",
};

/* Whether [addr, addr+n) lies in one RAM range below 4G that ram[] holds. */
static int
inram(Load *l, uvlong addr, uvlong n)
{
	Memrange *m;
	uvlong end;

	end = addr + n;
	if(end < addr || end > Fourg || end > l->ramsize)
		return 0;
	for(m = l->map; m < l->map + l->nmap; m++)
		if(m->type == Memram && addr >= m->base && end <= m->base + m->len)
			return 1;
	return 0;
}

/* Take [addr, addr+len) of guest RAM for a piece, leaving its bytes as they are. */
char*
claim(Load *l, int kind, uvlong addr, uvlong len)
{
	Placed *p;

	if(!inram(l, addr, len))
		return nofit[kind];
	if(len == 0)
		return nil;
	for(p = l->placed; p < l->placed + l->nplaced; p++)
		if(addr < p->base + p->len && p->base < addr + len)
			return overlap[kind];
	if(l->nplaced == Maxplaced)
		return "too many pieces to place";
	p = &l->placed[l->nplaced++];
	p->kind = kind;
	p->base = addr;
	p->len = len;
	if(addr + len > l->top)
		l->top = addr + len;
	return nil;
}

/*
 * Put n bytes of data (zeros if data is nil) at guest-physical addr
 * and zero the rest of memsz.
 */
char*
place(Load *l, int kind, uvlong addr, uchar *data, usize n, uvlong memsz)
{
	char *err;

	if(n > memsz)
		return nofit[kind];
	if((err = claim(l, kind, addr, memsz)) != nil)
		return err;
	if(data != nil)
		memmove(l->ram + addr, data, n);
	else
		memset(l->ram + addr, 0, n);
	memset(l->ram + addr + n, 0, memsz - n);
	return nil;
}

/* Place n bytes at the first free aligned address above everything placed so far. */
char*
placenew(Load *l, int kind, uchar *data, usize n, uvlong align, uvlong *addr)
{
	Memrange *m;
	uvlong a;

	for(m = l->map; m < l->map + l->nmap; m++){
		if(m->type != Memram)
			continue;
		a = l->top > m->base ? l->top : m->base;
		a = (a + align-1) & ~(align-1);
		if(inram(l, a, n) && a + n <= m->base + m->len){
			*addr = a;
			return place(l, kind, a, data, n, n);
		}
	}
	return nofit[kind];
}

void
setreg(Load *l, char *name, uvlong val)
{
	Reg *r;

	for(r = l->regs; r < l->regs + l->nregs; r++)
		if(strcmp(r->name, name) == 0){
			r->val = val;
			return;
		}
	if(l->nregs == Maxregs)
		abort();
	r->name = name;
	r->val = val;
	l->nregs++;
}

static void
segment(Load *l, char *seg[4], uvlong sel, uvlong perm)
{
	setreg(l, seg[0], sel);
	setreg(l, seg[1], 0);
	setreg(l, seg[2], 0xffffffff);
	setreg(l, seg[3], perm);
}

/* 32-bit protected mode, paging off, flat segments: what multiboot promises. */
void
flatmode(Load *l, uvlong pc)
{
	static char *cs[] = {"cs", "csbase", "cslimit", "csperm"};
	static char *data[][4] = {
		{"ds", "dsbase", "dslimit", "dsperm"},
		{"es", "esbase", "eslimit", "esperm"},
		{"fs", "fsbase", "fslimit", "fsperm"},
		{"gs", "gsbase", "gslimit", "gsperm"},
		{"ss", "ssbase", "sslimit", "ssperm"},
	};
	int i;

	setreg(l, "pc", pc);
	setreg(l, "flags", Flagsreserved);
	setreg(l, "cr0real", Cr0pe|Cr0et);
	setreg(l, "cr3", 0);
	setreg(l, "cr4real", 0);
	setreg(l, "efer", 0);
	segment(l, cs, Selcode32, Permcode32);
	for(i = 0; i < nelem(data); i++)
		segment(l, data[i], Seldata, Permdata);
	setreg(l, "tr", 0);
	setreg(l, "trbase", 0);
	setreg(l, "trlimit", Tsslimit);
	setreg(l, "trperm", Permtss);
	setreg(l, "ldtr", 0);
	setreg(l, "ldtrbase", 0);
	setreg(l, "ldtrlimit", 0);
	setreg(l, "ldtrperm", Permunusable);
	setreg(l, "gdtrbase", 0);
	setreg(l, "gdtrlimit", 0);
	setreg(l, "idtrbase", 0);
	setreg(l, "idtrlimit", 0);
}

/*
 * 64-bit mode at pc: identity page tables for the first 4G (2M
 * pages) placed in guest memory, PAE, long mode, a 64-bit code segment.
 */
char*
longmode(Load *l, uvlong pc)
{
	enum { Npd = 4, Ntables = 2 + Npd };	/* 4 page directories of 2M pages map 4G */
	uvlong base, pdpt, pd;
	uchar *t;
	char *err;
	int i;

	err = placenew(l, Ppagetables, nil, Ntables*Pagesz, Pagesz, &base);
	if(err != nil)
		return err;
	t = l->ram + base;
	pdpt = base + Pagesz;
	pd = pdpt + Pagesz;
	put64(t, pdpt | Ptpresent|Ptwrite);
	for(i = 0; i < Npd; i++)
		put64(t + Pagesz + 8*i, (pd + i*Pagesz) | Ptpresent|Ptwrite);
	for(i = 0; i < Npd*512; i++)
		put64(t + 2*Pagesz + 8*i, (uvlong)i*Bigpage | Ptpresent|Ptwrite|Ptbig);
	flatmode(l, pc);
	setreg(l, "cr0real", Cr0pe|Cr0et|Cr0pg);
	setreg(l, "cr3", base);
	setreg(l, "cr4real", Cr4pae);
	setreg(l, "efer", Eferlme|Eferlma);
	setreg(l, "cs", Selcode64);
	setreg(l, "csperm", Permcode64);
	return nil;
}

u16int
get16(uchar *p)
{
	return p[0] | p[1]<<8;
}

u32int
get32(uchar *p)
{
	return get16(p) | (u32int)get16(p+2)<<16;
}

u64int
get64(uchar *p)
{
	return get32(p) | (u64int)get32(p+4)<<32;
}

void
put16(uchar *p, u16int v)
{
	p[0] = v;
	p[1] = v>>8;
}

void
put32(uchar *p, u32int v)
{
	put16(p, v);
	put16(p+2, v>>16);
}

void
put64(uchar *p, u64int v)
{
	put32(p, v);
	put32(p+4, v>>32);
}
