/*
 * Multiboot 1: find the header in the first 8K, place the kernel by
 * the header's address fields or its ELF program headers, and give
 * it the multiboot information (command line, modules, memory map).
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Hdrmagic	= 0x1BADB002,
	Bootmagic	= 0x2BADB002,
	Search		= 8192,
	Hdrlen		= 12,
	Addrhdrlen	= 32,

	/* header flags; the low 16 must all be understood */
	Hpagealign	= 1<<0,
	Hmeminfo	= 1<<1,
	Haddr		= 1<<16,
	Hrequired	= 0xffff,

	/* information flags and layout */
	Imem		= 1<<0,
	Icmdline	= 1<<2,
	Imods		= 1<<3,
	Immap		= 1<<6,
	Iloader		= 1<<9,
	Infolen		= 120,
	Modlen		= 16,
	Mmaplen		= 24,	/* with its leading size field */

	Pagesz		= 4096,
};

static long
findhdr(uchar *image, usize len)
{
	usize off, end;

	end = len < Search ? len : Search;
	for(off = 0; off + Hdrlen <= end; off += 4)
		if(get32(image+off) == Hdrmagic
		&& (u32int)(get32(image+off) + get32(image+off+4) + get32(image+off+8)) == 0)
			return off;
	return -1;
}

int
mb1probe(uchar *image, usize len)
{
	return findhdr(image, len) >= 0;
}

/*
 * Place the image by address fields (header, load, load end, bss
 * end, entry), the header being at file offset hdroff; both multiboot
 * versions have them.
 */
char*
placeaout(Load *l, uchar *image, usize len, usize hdroff, u32int *a, uvlong *entry)
{
	u32int hdraddr, loadaddr, loadend, bssend;
	usize start, n;
	uvlong memsz;
	char *err;

	hdraddr = a[0];
	loadaddr = a[1];
	loadend = a[2];
	bssend = a[3];
	if(loadaddr > hdraddr || hdraddr - loadaddr > hdroff)
		return "bad header: load address after header";
	start = hdroff - (hdraddr - loadaddr);
	n = len - start;
	if(loadend != 0){
		if(loadend < loadaddr || loadend - loadaddr > n)
			return "bad header: load end address";
		n = loadend - loadaddr;
	}
	memsz = n;
	if(bssend != 0){
		if(bssend < loadaddr || bssend - loadaddr < n)
			return "bad header: bss end address";
		memsz = bssend - loadaddr;
	}
	err = place(l, Pimage, loadaddr, image+start, n, memsz);
	if(err != nil)
		return err;
	if(*entry < loadaddr || *entry >= loadaddr + memsz)
		return "entry point outside the image";
	return nil;
}

char*
placemods(Load *l, uvlong *addrs)
{
	Bootmod *m;
	char *err;

	if(l->nmods > Maxmods)
		return "too many modules";
	for(m = l->mods; m < l->mods + l->nmods; m++){
		err = placenew(l, Pmodule, m->data, m->len, Pagesz, &addrs[m - l->mods]);
		if(err != nil)
			return err;
	}
	return nil;
}

static char*
placestr(Load *l, char *s, uvlong *addr)
{
	return placenew(l, Pinfo, (uchar*)s, strlen(s)+1, 1, addr);
}

static char*
mb1info(Load *l, uvlong *info)
{
	uvlong modaddr[Maxmods], str, mods, mmap, a;
	uchar *p;
	char *err;
	int i;

	err = placemods(l, modaddr);
	if(err != nil)
		return err;
	mods = 0;
	if(l->nmods > 0){
		err = placenew(l, Pinfo, nil, l->nmods*Modlen, 8, &mods);
		if(err != nil)
			return err;
		for(i = 0; i < l->nmods; i++){
			err = placestr(l, l->mods[i].name, &str);
			if(err != nil)
				return err;
			p = l->ram + mods + i*Modlen;
			put32(p, modaddr[i]);
			put32(p+4, modaddr[i] + l->mods[i].len);
			put32(p+8, str);
		}
	}
	err = placenew(l, Pinfo, nil, l->nmap*Mmaplen, 8, &mmap);
	if(err != nil)
		return err;
	for(i = 0; i < l->nmap; i++){
		p = l->ram + mmap + i*Mmaplen;
		put32(p, Mmaplen-4);
		put64(p+4, l->map[i].base);
		put64(p+12, l->map[i].len);
		put32(p+20, l->map[i].type);
	}
	err = placenew(l, Pinfo, nil, Infolen, 8, info);
	if(err != nil)
		return err;
	p = l->ram + *info;
	put32(p, Imem|Icmdline|Imods|Immap|Iloader);
	put32(p+4, ramkb(l, 0));
	put32(p+8, ramkb(l, Uppermem));
	if((err = placestr(l, l->cmdline, &a)) != nil)
		return err;
	put32(p+16, a);
	put32(p+20, l->nmods);
	put32(p+24, mods);
	put32(p+44, l->nmap*Mmaplen);
	put32(p+48, mmap);
	if((err = placestr(l, loadername, &a)) != nil)
		return err;
	put32(p+64, a);
	return nil;
}

char*
mb1load(Load *l, uchar *image, usize len)
{
	u32int flags, addrs[4];
	uvlong entry;
	long off;
	char *err;
	int is64, i;

	off = findhdr(image, len);
	if(off < 0)
		return "no multiboot header";
	flags = get32(image+off+4);
	if(flags & Hrequired & ~(Hpagealign|Hmeminfo))
		return "unsupported multiboot header flags";
	if(flags & Haddr){
		if(off + Addrhdrlen > len)
			return "bad header: truncated";
		for(i = 0; i < 4; i++)
			addrs[i] = get32(image+off+Hdrlen+4*i);
		entry = get32(image+off+Hdrlen+16);
		err = placeaout(l, image, len, off, addrs, &entry);
	}else if(iself(image, len))
		err = elfload(l, image, len, &entry, &is64);
	else
		return "bad header: neither address fields nor ELF";
	if(err != nil)
		return err;
	if(entry >= 1ULL<<32)
		return "entry point above 4G";
	return mb1enter(l, entry, 0);
}

/* Give the kernel the multiboot information and enter it in 32- or 64-bit mode. */
char*
mb1enter(Load *l, uvlong entry, int is64)
{
	uvlong info;
	char *err;

	if((err = mb1info(l, &info)) != nil)
		return err;
	if(is64){
		if((err = longmode(l, entry)) != nil)
			return err;
	}else
		flatmode(l, entry);
	setreg(l, "ax", Bootmagic);
	setreg(l, "bx", info);
	return nil;
}
