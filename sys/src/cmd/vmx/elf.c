/*
 * ELF32 and ELF64 executables: placing PT_LOAD segments at their
 * physical addresses, shared by the multiboot loaders; and the plain
 * ELF loader, which enters an ELF64 kernel in 64-bit mode and an ELF32
 * one in 32-bit protected mode, both with multiboot 1 information.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Identlen	= 16,
	Class32		= 1,
	Class64		= 2,
	Littleendian	= 1,
	Exec		= 2,
	Em386		= 3,
	Emamd64		= 62,
	Ptload		= 1,
	Ptnote		= 4,

	Ehdr32len	= 52,
	Ehdr64len	= 64,
	Phdr32len	= 32,
	Phdr64len	= 56,
};

typedef struct Ehdr Ehdr;
typedef struct Phdr Phdr;

struct Ehdr {
	int	is64;
	uvlong	entry;
	uvlong	phoff;
	uint	phentsize;
	uint	phnum;
};

struct Phdr {
	u32int	type;
	uvlong	offset;
	uvlong	vaddr;
	uvlong	paddr;
	uvlong	filesz;
	uvlong	memsz;
};

int
iself(uchar *image, usize len)
{
	return len >= Identlen && memcmp(image, "\177ELF", 4) == 0
		&& (image[4] == Class32 || image[4] == Class64) && image[5] == Littleendian;
}

static char*
ehdr(uchar *image, usize len, Ehdr *e)
{
	int machine;

	if(!iself(image, len))
		return "bad ELF header";
	e->is64 = image[4] == Class64;
	if(len < (e->is64 ? Ehdr64len : Ehdr32len))
		return "bad ELF header: truncated";
	if(get16(image+16) != Exec)
		return "bad ELF header: not an executable";
	machine = get16(image+18);
	if(machine != (e->is64 ? Emamd64 : Em386))
		return "bad ELF header: not for this machine";
	if(e->is64){
		e->entry = get64(image+24);
		e->phoff = get64(image+32);
		e->phentsize = get16(image+54);
		e->phnum = get16(image+56);
	}else{
		e->entry = get32(image+24);
		e->phoff = get32(image+28);
		e->phentsize = get16(image+42);
		e->phnum = get16(image+44);
	}
	if(e->phentsize < (e->is64 ? Phdr64len : Phdr32len))
		return "bad ELF header: program header size";
	if(e->phoff > len || e->phnum > (len - e->phoff) / e->phentsize)
		return "bad ELF header: program headers beyond the image";
	return nil;
}

static void
phdr(Ehdr *e, uchar *p, Phdr *ph)
{
	ph->type = get32(p);
	if(e->is64){
		ph->offset = get64(p+8);
		ph->vaddr = get64(p+16);
		ph->paddr = get64(p+24);
		ph->filesz = get64(p+32);
		ph->memsz = get64(p+40);
	}else{
		ph->offset = get32(p+4);
		ph->vaddr = get32(p+8);
		ph->paddr = get32(p+12);
		ph->filesz = get32(p+16);
		ph->memsz = get32(p+20);
	}
}

/*
 * Place the PT_LOAD segments at their physical addresses. The entry
 * point is virtual, moved to physical by its segment's offset, or
 * already physical (as in Linux's vmlinux) if no segment's virtual
 * range holds it.
 */
char*
elfload(Load *l, uchar *image, usize len, uvlong *entry, int *is64)
{
	Ehdr e;
	Phdr ph;
	uint i;
	int n, inseg;
	char *err;

	if((err = ehdr(image, len, &e)) != nil)
		return err;
	n = inseg = 0;
	for(i = 0; i < e.phnum; i++){
		phdr(&e, image + e.phoff + i*e.phentsize, &ph);
		if(ph.type != Ptload)
			continue;
		if(ph.filesz > ph.memsz)
			return "bad program header: file size exceeds memory size";
		if(ph.offset > len || ph.filesz > len - ph.offset)
			return "bad program header: segment beyond the image";
		err = place(l, Pimage, ph.paddr, image + ph.offset, ph.filesz, ph.memsz);
		if(err != nil)
			return err;
		if(!inseg && e.entry >= ph.vaddr && e.entry - ph.vaddr < ph.memsz){
			*entry = e.entry - ph.vaddr + ph.paddr;
			inseg = 1;
		}
		n++;
	}
	if(n == 0)
		return "no loadable segments";
	for(i = 0; i < e.phnum && !inseg; i++){
		phdr(&e, image + e.phoff + i*e.phentsize, &ph);
		if(ph.type == Ptload && e.entry >= ph.paddr && e.entry - ph.paddr < ph.memsz){
			*entry = e.entry;
			inseg = 1;
		}
	}
	if(!inseg)
		return "entry point outside the image";
	*is64 = e.is64;
	return nil;
}

/* Whether an ELF note segment holds a note whose owner is name. */
int
elfnote(uchar *image, usize len, char *name)
{
	Ehdr e;
	Phdr ph;
	uvlong off, end, namesz, descsz;
	uint i;

	if(ehdr(image, len, &e) != nil)
		return 0;
	for(i = 0; i < e.phnum; i++){
		phdr(&e, image + e.phoff + i*e.phentsize, &ph);
		if(ph.type != Ptnote || ph.offset > len || ph.filesz > len - ph.offset)
			continue;
		end = ph.offset + ph.filesz;
		for(off = ph.offset; end - off >= 12; off += 12 + namesz + descsz){
			namesz = (get32(image+off) + 3) & ~3ULL;
			descsz = (get32(image+off+4) + 3) & ~3ULL;
			if(namesz > end - off - 12 || descsz > end - off - 12 - namesz)
				break;
			if(get32(image+off) == strlen(name)+1 && memcmp(image+off+12, name, strlen(name)+1) == 0)
				return 1;
		}
	}
	return 0;
}

int
elfprobe(uchar *image, usize len)
{
	return iself(image, len);
}

char*
elfboot(Load *l, uchar *image, usize len)
{
	uvlong entry;
	int is64;
	char *err;

	if((err = elfload(l, image, len, &entry, &is64)) != nil)
		return err;
	if(!is64 && entry >= 1ULL<<32)
		return "entry point above 4G";
	return mb1enter(l, entry, is64);
}
