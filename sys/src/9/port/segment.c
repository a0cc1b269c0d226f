/*
 * Segments: the pieces of an address space, and the named global
 * segments of #g that processes attach and VMX guests run in.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

static struct {
	QLock;
	Segment	*list[64];
} globals;

Segment*
newseg(int type, uintptr base, ulong npage)
{
	Segment *s;

	if(npage > SEGMAXPAGES)
		error(Enovmem);
	s = smalloc(sizeof *s);
	s->ref = 1;
	s->type = type;
	s->base = base;
	s->top = base + (uintptr)npage*BY2PG;
	s->npage = npage;
	s->pages = malloc(npage*sizeof(uchar*) + 1);
	if(s->pages == nil){
		free(s);
		error(Enovmem);
	}
	memset(s->pages, 0, npage*sizeof(uchar*));
	return s;
}

static void
freepages(Segment *s)
{
	ulong i;

	for(i = 0; i < s->npage; i++)
		if(s->pages[i] != nil)
			pagefree(s->pages[i], BY2PG);
}

void
putseg(Segment *s)
{
	if(s == nil || decref(s) > 0)
		return;
	freepages(s);
	free(s->pages);
	free(s->name);
	if(s->image != nil)
		cclose(s->image);
	free(s);
}

/*
 * The page at byte offset off, allocated zeroed (or read from the
 * image for text and data) the first time; the caller holds s.
 */
uchar*
segpagelocked(Segment *s, uvlong off)
{
	ulong i;
	uchar *p;
	uvlong foff;
	long n;

	i = off/BY2PG;
	if(i >= s->npage)
		error(Ebadaddr);
	if((p = s->pages[i]) != nil)
		return p;
	p = pagealloczero(BY2PG);
	if(p == nil)
		error(Enovmem);
	if(s->image != nil && i*BY2PG < s->filesize){
		foff = s->fileoff + i*BY2PG;
		n = s->filesize - i*BY2PG;
		if(n > BY2PG)
			n = BY2PG;
		if(waserror()){
			pagefree(p, BY2PG);
			nexterror();
		}
		if(devtab[s->image->type]->read(s->image, p, n, foff) != n)
			error(Eioload);
		poperror();
	}
	s->pages[i] = p;
	return p;
}

uchar*
segpage(Segment *s, uvlong off)
{
	uchar *p;

	qlock(s);
	if(waserror()){
		qunlock(s);
		nexterror();
	}
	p = segpagelocked(s, off);
	poperror();
	qunlock(s);
	return p;
}

/* Physical address of the byte at off; the segment must be sticky. */
uvlong
segpaddr(Segment *s, uvlong off)
{
	if(!(s->flags & SG_STICKY))
		error("segment is not sticky");
	return PADDR(segpage(s, off)) + off%BY2PG;
}

/* Give every page now, for segments that must never fault. */
void
segfill(Segment *s)
{
	ulong i;

	qlock(s);
	if(waserror()){
		qunlock(s);
		nexterror();
	}
	for(i = 0; i < s->npage; i++)
		segpagelocked(s, (uvlong)i*BY2PG);
	poperror();
	qunlock(s);
}

/* Copy len bytes at offset off into or out of the segment. */
long
segio(Segment *s, void *buf, long len, uvlong off, int write)
{
	uchar *p, *b;
	long n, done;

	b = buf;
	if(off >= (uvlong)s->npage*BY2PG)
		return 0;
	if(off + len > (uvlong)s->npage*BY2PG)
		len = (uvlong)s->npage*BY2PG - off;
	for(done = 0; done < len; done += n){
		n = BY2PG - (off+done)%BY2PG;
		if(n > len-done)
			n = len-done;
		p = segpage(s, off+done) + (off+done)%BY2PG;
		if(write)
			memmove(p, b+done, n);
		else
			memmove(b+done, p, n);
	}
	return done;
}

/* A copy for a child: shared segments are shared, the rest copied. */
Segment*
dupseg(Segment *s)
{
	Segment *n;
	ulong i;

	if(s->type == SG_TEXT || s->type == SG_SHARED){
		incref(s);
		return s;
	}
	qlock(s);
	if(waserror()){
		qunlock(s);
		nexterror();
	}
	n = newseg(s->type, s->base, s->npage);
	n->flags = s->flags;
	if(s->image != nil){
		incref(s->image);
		n->image = s->image;
		n->filesize = s->filesize;
		n->fileoff = s->fileoff;
	}
	for(i = 0; i < s->npage; i++){
		if(s->pages[i] == nil)
			continue;
		n->pages[i] = pagealloc(BY2PG);
		if(n->pages[i] == nil){
			putseg(n);
			error(Enovmem);
		}
		memmove(n->pages[i], s->pages[i], BY2PG);
	}
	poperror();
	qunlock(s);
	return n;
}

/*
 * Global segments, by name. The table holds a reference to each until
 * it is removed; attachments and VMX maps hold their own.
 */
Segment*
globalseg(char *name)
{
	Segment *s;
	int i;

	qlock(&globals);
	for(i = 0; i < nelem(globals.list); i++){
		s = globals.list[i];
		if(s != nil && strcmp(s->name, name) == 0){
			incref(s);
			qunlock(&globals);
			return s;
		}
	}
	qunlock(&globals);
	return nil;
}

/* Register s as name; errors if the name is taken. */
void
addglobalseg(Segment *s, char *name)
{
	int i, free;

	qlock(&globals);
	free = -1;
	for(i = 0; i < nelem(globals.list); i++){
		if(globals.list[i] == nil){
			if(free < 0)
				free = i;
			continue;
		}
		if(strcmp(globals.list[i]->name, name) == 0){
			qunlock(&globals);
			error(Eexist);
		}
	}
	if(free < 0){
		qunlock(&globals);
		exhausted("global segments");
	}
	s->name = kstrdup(name);
	incref(s);
	globals.list[free] = s;
	qunlock(&globals);
}

void
delglobalseg(Segment *s)
{
	int i;

	qlock(&globals);
	for(i = 0; i < nelem(globals.list); i++)
		if(globals.list[i] == s){
			globals.list[i] = nil;
			qunlock(&globals);
			putseg(s);
			return;
		}
	qunlock(&globals);
}

/* The i'th global segment, referenced, for listing #g. */
Segment*
globalsegn(int i)
{
	Segment *s;

	if(i < 0 || i >= nelem(globals.list))
		return nil;
	qlock(&globals);
	s = globals.list[i];
	if(s != nil)
		incref(s);
	qunlock(&globals);
	return s;
}
