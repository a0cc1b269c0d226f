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

char*
memcreate(uvlong size)
{
	char path[64];
	void *base;
	int fd;

	snprint(mem.name, sizeof mem.name, "vmx.%d", getpid());
	snprint(path, sizeof path, "#g/%s", mem.name);
	fd = create(path, OREAD, DMDIR|0700);
	if(fd < 0)
		return syserr("creating guest memory");
	close(fd);
	mem.named = 1;
	snprint(path, sizeof path, "#g/%s/ctl", mem.name);
	fd = open(path, OWRITE);
	if(fd < 0)
		return syserr("guest memory ctl");
	if(fprint(fd, "va %#llux %#llux sticky", Segva, size) < 0){
		close(fd);
		return syserr("allocating guest memory");
	}
	close(fd);
	base = segattach(0, mem.name, (void*)Segva, size);
	if(base == (void*)-1)
		return syserr("attaching guest memory");
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

void
memremove(void)
{
	char path[64];

	if(!mem.named)
		return;
	snprint(path, sizeof path, "#g/%s", mem.name);
	remove(path);
	mem.named = 0;
}

