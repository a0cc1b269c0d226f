/*
 * A virtio block device (5.2) backed by a file, read-only when the
 * file cannot be opened for writing. A file whose size is not a
 * multiple of 512 is seen padded with zeros to the next sector; a
 * write there lengthens it. Writes go to the file before their
 * request completes, so a flush has nothing left to do.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include <virtio.h>
#include "vio.h"

enum {
	Cfglen		= 24,	/* through blk_size (5.2.4) */
	Class		= 0x018000,	/* mass storage, other */
};

typedef struct Blk Blk;
struct Blk {
	Virtio;
	int	fd;
	int	ro;
	uvlong	sectors;
	vlong	foff;		/* where the request in hand starts in the file */
	char	id[Vblkidlen];
	uchar	config[Cfglen];
};

/* Reads into the guest; a last partial sector is padded with zeros. */
static long
fileread(void *a, uchar *p, long n, uvlong done)
{
	Blk *k;
	long got;

	k = a;
	got = pread(k->fd, p, n, k->foff + done);
	if(got < 0)
		return -1;
	memset(p + got, 0, n - got);
	return n;
}

static long
filewrite(void *a, uchar *p, long n, uvlong done)
{
	Blk *k;

	k = a;
	return pwrite(k->fd, p, n, k->foff + done);
}

/* Does the request; returns its status and sets *wrote to the bytes written to the guest. */
static int
request(Blk *k, Vbuf *b, u32int *wrote)
{
	uchar h[Vblkhdrlen];
	uvlong sector, n;

	*wrote = 0;
	if(vbread(b, 0, h, Vblkhdrlen) != Vblkhdrlen)
		return Vblkioerr;
	sector = get64(h+8);
	switch(get32(h)){
	case Vblkin:
	case Vblkout:
		n = get32(h) == Vblkin ? b->wlen - 1 : b->rlen - Vblkhdrlen;
		if(n % Vblksector || sector > k->sectors || n/Vblksector > k->sectors - sector)
			return Vblkioerr;
		k->foff = sector*Vblksector;
		if(get32(h) == Vblkout){
			if(k->ro || vbwalk(b, 0, Vblkhdrlen, n, filewrite, k) != n)
				return Vblkioerr;
			return Vblkok;
		}
		if(vbwalk(b, 1, 0, n, fileread, k) != n)
			return Vblkioerr;
		*wrote = n;
		return Vblkok;
	case Vblkflush:
		return Vblkok;
	case Vblkgetid:
		*wrote = vbwrite(b, 0, k->id, b->wlen - 1 < Vblkidlen ? b->wlen - 1 : Vblkidlen);
		return Vblkok;
	}
	return Vblkunsupp;
}

/* The status byte ends the writable part; without it there is no answer to give. */
static u32int
answer(Virtio *d, Vbuf *b)
{
	u32int wrote;
	uchar st;

	if(b->wlen == 0)
		return 0;
	st = request((Blk*)d, b, &wrote);
	return wrote + vbwrite(b, b->wlen - 1, &st, 1);
}

static Virtio*
make(char *file)
{
	Blk *k;
	Dir *dir;
	char *base;

	k = virtionew(sizeof *k);
	k->fd = open(file, ORDWR);
	if(k->fd < 0){
		k->fd = open(file, OREAD);
		k->ro = 1;
	}
	if(k->fd < 0 || (dir = dirfstat(k->fd)) == nil)
		fatal("%s: %r", file);
	k->sectors = (dir->length + Vblksector-1) / Vblksector;
	free(dir);
	base = strrchr(file, '/');
	strncpy(k->id, base != nil ? base+1 : file, Vblkidlen);
	put64(k->config + Vblkcapacity, k->sectors);
	put32(k->config + Vblksegmax, Maxvseg - 2);

	k->name = "virtio-blk";
	k->type = Vidblk;
	k->class = Class;
	k->features = Vfversion1 | Vfindirect | Vfeventidx | Vfblksegmax | Vfblkflush | (k->ro ? Vfblkro : 0);
	k->nq = 1;
	k->cfg = k->config;
	k->cfglen = Cfglen;
	k->answer[0] = answer;
	return k;
}

static void
init(void)
{
	virtioinit(Vidblk, make);
}

static void
start(void)
{
	virtiostart(Vidblk);
}

Vdev vioblkdev = {"vioblk", init, start};
