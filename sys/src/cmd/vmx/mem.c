/*
 * Guest RAM: a sticky #g segment that vmx creates, attaches at its
 * own address to fill, and maps into the guest. The segment's name
 * goes once the map holds it, so nothing outlives vmx.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

#define Segva	0x1000000000ULL		/* far above the program and its heap */

static struct {
	Gseg	seg;
	uvlong	size;
} mem;

/*
 * A sticky #g segment called g->name, of size bytes, attached at va;
 * errors say what it is for. Removing its name (segremove) is the
 * caller's, whatever failed: removing no name is harmless.
 */
char*
segnew(Gseg *g, uvlong va, uvlong size, void **base, char *what)
{
	char path[64], err[64], *name;
	int fd;

	name = g->name;
	g->named = 1;
	snprint(path, sizeof path, "#g/%s", name);
	fd = create(path, OREAD, DMDIR|0700);
	snprint(err, sizeof err, "creating %s", what);
	if(fd < 0)
		return syserr(err);
	close(fd);
	snprint(path, sizeof path, "#g/%s/ctl", name);
	fd = open(path, OWRITE);
	snprint(err, sizeof err, "%s ctl", what);
	if(fd < 0)
		return syserr(err);
	snprint(err, sizeof err, "allocating %s", what);
	if(fprint(fd, "va %#llux %#llux sticky", va, size) < 0){
		close(fd);
		return syserr(err);
	}
	close(fd);
	snprint(err, sizeof err, "attaching %s", what);
	*base = segattach(0, name, (void*)va, size);
	if(*base == (void*)-1)
		return syserr(err);
	g->base = *base;
	return nil;
}

char*
memcreate(uvlong size)
{
	void *base;
	char *err;

	snprint(mem.seg.name, sizeof mem.seg.name, "vmx.%d", getpid());
	err = segnew(&mem.seg, Segva, size, &base, "guest memory");
	if(err != nil)
		return err;
	mem.size = size;
	raminit(base, size);
	return nil;
}

/* RAM below the hole and above 4G, the legacy hole included: guests look for BIOS tables there. */
char*
memmap(int fd)
{
	uvlong below, above;

	memsplit(mem.size, &below, &above);
	if(fprint(fd, "rwx wb 0 %#llux %s 0\n", below, mem.seg.name) < 0)
		return syserr("mapping guest memory");
	if(above > 0 && fprint(fd, "rwx wb %#llux %#llux %s %#llux\n",
	    Fourg, Fourg + above, mem.seg.name, below) < 0)
		return syserr("mapping guest memory");
	return nil;
}

/* The segment loses its name; it goes when nothing holds it. */
void
segremove(Gseg *g)
{
	char path[64];

	if(!g->named)
		return;
	snprint(path, sizeof path, "#g/%s", g->name);
	remove(path);
	g->named = 0;
}

/* The segment leaves vmx too, so that a reset's next boot can take its place. */
void
segdrop(Gseg *g)
{
	segremove(g);
	if(g->base != nil)
		segdetach(g->base);
	g->base = nil;
}

void
memremove(void)
{
	segremove(&mem.seg);
}

/* Guest RAM goes: once the vCPUs that map it are gone, nothing holds it. */
void
memdrop(void)
{
	segdrop(&mem.seg);
}

