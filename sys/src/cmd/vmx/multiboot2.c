/*
 * Multiboot 2: find the header in the first 32K, honour its tags,
 * place the kernel by the address tag or its ELF program headers, and
 * give it information tags (command line, loader name, modules,
 * basic memory information, memory map).
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Hdrmagic	= 0xe85250d6,
	Bootmagic	= 0x36d76289,
	Search		= 32768,
	Hdrlen		= 16,
	Arch386		= 0,

	/* header tags */
	Hend		= 0,
	Hinforeq	= 1,
	Haddr		= 2,
	Hentry		= 3,
	Hconsole	= 4,
	Hmodalign	= 6,
	Hreloc		= 10,
	Optional	= 1,

	/* information tags */
	Tend		= 0,
	Tcmdline	= 1,
	Tloader		= 2,
	Tmodule		= 3,
	Tmeminfo	= 4,
	Tmmap		= 6,
	Mmapentry	= 24,

	Pagesz		= 4096,
};

static long
findhdr(uchar *image, usize len)
{
	usize off, end;

	end = len < Search ? len : Search;
	for(off = 0; off + Hdrlen <= end; off += 8)
		if(get32(image+off) == Hdrmagic
		&& (u32int)(get32(image+off) + get32(image+off+4) + get32(image+off+8) + get32(image+off+12)) == 0)
			return off;
	return -1;
}

int
mb2probe(uchar *image, usize len)
{
	return findhdr(image, len) >= 0;
}

static int
provided(u32int type)
{
	switch(type){
	case Tend:
	case Tcmdline:
	case Tloader:
	case Tmodule:
	case Tmeminfo:
	case Tmmap:
		return 1;
	}
	return 0;
}

static usize
align8(usize n)
{
	return (n + 7) & ~(usize)7;
}

static usize
strtag(uchar *p, u32int type, char *s)
{
	usize n;

	n = strlen(s) + 1;
	put32(p, type);
	put32(p+4, 8 + n);
	memmove(p+8, s, n);
	return align8(8 + n);
}

static char*
mb2info(Load *l, uvlong *info)
{
	uvlong modaddr[Maxmods];
	usize size;
	uchar *p, *q;
	char *err;
	int i;

	err = placemods(l, modaddr);
	if(err != nil)
		return err;
	size = 8;
	size += align8(8 + strlen(l->cmdline) + 1);
	size += align8(8 + strlen(loadername) + 1);
	for(i = 0; i < l->nmods; i++)
		size += align8(16 + strlen(l->mods[i].name) + 1);
	size += 16;
	size += 16 + l->nmap*Mmapentry;
	size += 8;
	err = placenew(l, Pinfo, nil, size, 8, info);
	if(err != nil)
		return err;
	p = l->ram + *info;
	put32(p, size);
	q = p + 8;
	q += strtag(q, Tcmdline, l->cmdline);
	q += strtag(q, Tloader, loadername);
	for(i = 0; i < l->nmods; i++){
		put32(q, Tmodule);
		put32(q+4, 16 + strlen(l->mods[i].name) + 1);
		put32(q+8, modaddr[i]);
		put32(q+12, modaddr[i] + l->mods[i].len);
		memmove(q+16, l->mods[i].name, strlen(l->mods[i].name) + 1);
		q += align8(16 + strlen(l->mods[i].name) + 1);
	}
	put32(q, Tmeminfo);
	put32(q+4, 16);
	put32(q+8, ramkb(l, 0));
	put32(q+12, ramkb(l, Uppermem));
	q += 16;
	put32(q, Tmmap);
	put32(q+4, 16 + l->nmap*Mmapentry);
	put32(q+8, Mmapentry);
	put32(q+12, 0);
	for(i = 0; i < l->nmap; i++){
		put64(q+16 + i*Mmapentry, l->map[i].base);
		put64(q+16 + i*Mmapentry + 8, l->map[i].len);
		put32(q+16 + i*Mmapentry + 16, l->map[i].type);
	}
	q += 16 + l->nmap*Mmapentry;
	put32(q, Tend);
	put32(q+4, 8);
	return nil;
}

char*
mb2load(Load *l, uchar *image, usize len)
{
	u32int type, flags, size, i, addrs[4];
	uchar *hdr, *t, *end;
	uvlong entry, elfentry, info;
	int haveaddr, haveentry, is64;
	long off;
	char *err;

	off = findhdr(image, len);
	if(off < 0)
		return "no multiboot2 header";
	hdr = image + off;
	if(get32(hdr+4) != Arch386)
		return "unsupported multiboot2 architecture";
	if(get32(hdr+8) < Hdrlen || get32(hdr+8) > len - off)
		return "bad header: truncated";
	end = hdr + get32(hdr+8);
	haveaddr = haveentry = 0;
	entry = 0;
	for(t = hdr + Hdrlen; t + 8 <= end; t += align8(size)){
		type = get16(t);
		flags = get16(t+2);
		size = get32(t+4);
		if(size < 8 || size > end - t)
			return "bad header: tag size";
		if(type == Hend)
			break;
		switch(type){
		case Hinforeq:
			for(i = 8; i + 4 <= size; i += 4)
				if(!provided(get32(t+i)) && !(flags & Optional))
					return "unsupported multiboot2 information request";
			break;
		case Haddr:
			if(size < 24)
				return "bad header: address tag";
			for(i = 0; i < 4; i++)
				addrs[i] = get32(t+8+4*i);
			haveaddr = 1;
			break;
		case Hentry:
			if(size < 12)
				return "bad header: entry tag";
			entry = get32(t+8);
			haveentry = 1;
			break;
		case Hconsole:
		case Hmodalign:
		case Hreloc:
			break;
		default:
			if(!(flags & Optional))
				return "unsupported multiboot2 header tag";
		}
	}
	if(haveaddr){
		if(!haveentry)
			return "bad header: address tag without entry tag";
		err = placeaout(l, image, len, off, addrs, &entry);
	}else if(iself(image, len)){
		err = elfload(l, image, len, &elfentry, &is64);
		if(!haveentry)
			entry = elfentry;
	}else
		return "bad header: neither address tag nor ELF";
	if(err != nil)
		return err;
	if(entry >= 1ULL<<32)
		return "entry point above 4G";
	if((err = mb2info(l, &info)) != nil)
		return err;
	flatmode(l, entry);
	setreg(l, "ax", Bootmagic);
	setreg(l, "bx", info);
	return nil;
}
