/*
 * Turn whatever the boot loader handed over (multiboot 1 info,
 * multiboot 2 tags or a PVH start_info) into one Boot.
 */
#include <u.h>
#include "guest.h"

enum {
	Mb1magic	= 0x2BADB002,
	Mb2magic	= 0x36d76289,
	Pvhmagic	= 0x336ec578,

	/* multiboot 1 info flags */
	Mb1cmdline	= 1<<2,
	Mb1mods		= 1<<3,
	Mb1mmap		= 1<<6,
	Mb1loader	= 1<<9,

	/* multiboot 2 tag types */
	Tagend		= 0,
	Tagcmdline	= 1,
	Tagloader	= 2,
	Tagmodule	= 3,
	Tagmmap		= 6,

	Ramtype		= 1,
	Maxarg		= 128,
};

Boot boot;

static u32int
get32(uintptr a)
{
	return *(u32int*)a;
}

static u64int
get64(uintptr a)
{
	return *(u64int*)a;
}

static void
addmod(uintptr start, uintptr end, char *name)
{
	Mod *m;

	if(boot.nmods == Maxmods)
		return;
	m = &boot.mods[boot.nmods++];
	m->data = (uchar*)start;
	m->size = end - start;
	m->name = name != nil ? name : "";
}

static void
addram(u64int len, u32int type)
{
	boot.havemmap = 1;
	if(type == Ramtype)
		boot.ramtotal += len;
}

static void
mb1(uintptr info)
{
	u32int flags, i, n, p, end;

	boot.protocol = "multiboot1";
	flags = get32(info);
	if(flags & Mb1cmdline)
		boot.cmdline = (char*)(uintptr)get32(info+16);
	if(flags & Mb1loader)
		boot.loader = (char*)(uintptr)get32(info+64);
	if(flags & Mb1mods){
		n = get32(info+20);
		p = get32(info+24);
		for(i = 0; i < n; i++, p += 16)
			addmod(get32(p), get32(p+4), (char*)(uintptr)get32(p+8));
	}
	if(flags & Mb1mmap){
		p = get32(info+48);
		end = p + get32(info+44);
		/* each entry's size field does not count itself */
		for(; p < end; p += get32(p) + 4)
			addram(get64(p+12), get32(p+20));
	}
}

static void
mb2(uintptr info)
{
	uintptr p, end, e;
	u32int type, size, esize;

	boot.protocol = "multiboot2";
	end = info + get32(info);
	for(p = info+8; p < end; p += (size+7) & ~7){
		type = get32(p);
		size = get32(p+4);
		if(type == Tagend || size < 8)
			break;
		switch(type){
		case Tagcmdline:
			boot.cmdline = (char*)(p+8);
			break;
		case Tagloader:
			boot.loader = (char*)(p+8);
			break;
		case Tagmodule:
			addmod(get32(p+8), get32(p+12), (char*)(p+16));
			break;
		case Tagmmap:
			esize = get32(p+8);
			if(esize == 0)
				break;
			for(e = p+16; e + esize <= p+size; e += esize)
				addram(get64(e+8), get32(e+16));
			break;
		}
	}
}

static void
pvh(uintptr info)
{
	u32int i, n;
	uintptr p;

	boot.protocol = "pvh";
	boot.loader = "pvh";
	boot.cmdline = (char*)(uintptr)get64(info+24);
	n = get32(info+12);
	p = get64(info+16);
	for(i = 0; i < n; i++, p += 32)
		addmod(get64(p), get64(p) + get64(p+8), (char*)(uintptr)get64(p+16));
	if(get32(info+4) >= 1){
		n = get32(info+48);
		p = get64(info+40);
		for(i = 0; i < n; i++, p += 24)
			addram(get64(p+8), get32(p+16));
	}
}

void
parseboot(u32int magic, uintptr info)
{
	switch(magic){
	case Mb1magic:
		mb1(info);
		break;
	case Mb2magic:
		mb2(info);
		break;
	case Pvhmagic:
		pvh(info);
		break;
	default:
		boot.protocol = "unknown";
	}
	if(boot.cmdline == nil)
		boot.cmdline = "";
	if(boot.loader == nil)
		boot.loader = "unnamed";
}

/* The command line word NAME or NAME=value; returns where it ends, or nil. */
static char*
findword(char *name, int *hasval)
{
	char *p, *w;
	usize n;

	n = strlen(name);
	for(p = boot.cmdline; *p != 0; ){
		while(*p == ' ')
			p++;
		w = p;
		while(*p != 0 && *p != ' ')
			p++;
		if(strncmp(w, name, n) != 0)
			continue;
		if(w+n == p){
			*hasval = 0;
			return p;
		}
		if(w[n] == '='){
			*hasval = 1;
			return w+n+1;
		}
	}
	return nil;
}

int
bootflag(char *name)
{
	int hasval;

	return findword(name, &hasval) != nil;
}

/* The value of NAME=value on the command line, or nil. */
char*
bootarg(char *name)
{
	static char buf[Maxarg];
	char *p;
	int hasval, i;

	p = findword(name, &hasval);
	if(p == nil || !hasval)
		return nil;
	for(i = 0; i < Maxarg-1 && p[i] != 0 && p[i] != ' '; i++)
		buf[i] = p[i];
	buf[i] = 0;
	return buf;
}

/* 64M, 512K, 4G or plain bytes. */
uvlong
parsesize(char *s)
{
	uvlong v;

	for(v = 0; *s >= '0' && *s <= '9'; s++)
		v = v*10 + *s-'0';
	switch(*s){
	case 'K': case 'k':
		return v<<10;
	case 'M': case 'm':
		return v<<20;
	case 'G': case 'g':
		return v<<30;
	}
	return v;
}

/* Runs the checks the command line names, then ends the run with the verdict. */
void
runchecks(Check *c, int n)
{
	for(; n > 0; c++, n--)
		if(bootflag(c->name))
			c->run(bootarg(c->name));
	print("verdict %d\n", nfailed != 0);
	exitvm(nfailed != 0);
}
