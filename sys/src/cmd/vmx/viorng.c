/*
 * A virtio entropy device (5.4) whose bytes come from a file, such
 * as a random-number device of the host. At the file's end it
 * answers each request with nothing.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include <virtio.h>
#include "vio.h"

enum {
	Chunk	= 1024,

	Class	= 0x00ff00,	/* unclassified */
};

typedef struct Rng Rng;
struct Rng {
	Virtio;
	int	fd;
	uchar	data[Chunk];
};

static u32int
answer(Virtio *d, Vbuf *b)
{
	Rng *r;
	long n;

	r = (Rng*)d;
	n = read(r->fd, r->data, b->wlen < Chunk ? b->wlen : Chunk);
	if(n <= 0)
		return 0;
	return vbwrite(b, 0, r->data, n);
}

static Virtio*
make(char *file)
{
	Rng *r;

	r = virtionew(sizeof *r);
	r->fd = open(file, OREAD);
	if(r->fd < 0)
		fatal("%s: %r", file);
	r->name = "virtio-rng";
	r->type = Vidrng;
	r->class = Class;
	r->features = Vfversion1 | Vfindirect | Vfeventidx;
	r->nq = 1;
	r->answer[0] = answer;
	return r;
}

static void
init(void)
{
	virtioinit(Vidrng, make);
}

static void
start(void)
{
	virtiostart(Vidrng);
}

Vdev viorngdev = {"viorng", init, start};
