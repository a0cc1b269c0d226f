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
	char	name[32];
	int	named;		/* the #g directory exists */
	uvlong	size;
} mem;

/*
 * A sticky #g segment called name, of size bytes, attached at va;
 * errors say what it is for. Removing its name is the caller's.
 */
char*
segnew(char *name, uvlong va, uvlong size, void **base, char *what)
{
	char path[64], err[64];
	int fd;

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
	return nil;
}

char*
memcreate(uvlong size)
{
	void *base;
	char *err;

	snprint(mem.name, sizeof mem.name, "vmx.%d", getpid());
	err = segnew(mem.name, Segva, size, &base, "guest memory");
	mem.named = 1;		/* whatever failed: removing no name is harmless */
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
	if(fprint(fd, "rwx wb 0 %#llux %s 0\n", below, mem.name) < 0)
		return syserr("mapping guest memory");
	if(above > 0 && fprint(fd, "rwx wb %#llux %#llux %s %#llux\n",
	    Fourg, Fourg + above, mem.name, below) < 0)
		return syserr("mapping guest memory");
	return nil;
}

/* The segment called name loses its name; it goes when nothing holds it. */
void
segremove(char *name)
{
	char path[64];

	snprint(path, sizeof path, "#g/%s", name);
	remove(path);
}

void
memremove(void)
{
	if(!mem.named)
		return;
	segremove(mem.name);
	mem.named = 0;
}

