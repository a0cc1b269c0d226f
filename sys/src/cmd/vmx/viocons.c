/*
 * A virtio console (5.3) with one port and no configuration: what
 * the guest writes goes to a file, what a file holds is the guest's
 * input. The files are named as for the COM ports.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include <virtio.h>
#include "vio.h"

enum {
	Rxq	= 0,
	Txq	= 1,
	Inbuf	= 256,

	Class	= 0x078000,	/* simple communication, other */
};

typedef struct Cons Cons;
struct Cons {
	Virtio;
	int	infd;
	int	outfd;
	Vbuf	rxbuf;
	uchar	in[Inbuf];
};

static void
rxproc(void *a)
{
	Cons *c;
	long n, done, m;

	c = a;
	while((n = read(c->infd, c->in, sizeof c->in)) > 0)
		for(done = 0; done < n; done += m){
			while(!virtiopop(c, Rxq, &c->rxbuf))
				virtiowait(c, Rxq);
			m = vbwrite(&c->rxbuf, 0, c->in + done, n - done);
			virtiopush(c, Rxq, &c->rxbuf, m);
		}
}

static long
output(void *a, uchar *p, long n, uvlong)
{
	Cons *c;

	c = a;
	write(c->outfd, p, n);
	return n;
}

static u32int
answer(Virtio *d, Vbuf *b)
{
	Cons *c;

	c = (Cons*)d;
	if(c->outfd >= 0)
		vbwalk(b, 0, 0, b->rlen, output, c);
	return 0;
}

static void
consinput(Virtio *d)
{
	Cons *c;

	c = (Cons*)d;
	if(c->infd >= 0)
		helperproc(rxproc, c);
}

static Virtio*
make(char *spec)
{
	Cons *c;

	c = virtionew(sizeof *c);
	backing(spec, &c->infd, &c->outfd);
	c->name = "virtio-console";
	c->type = Vidcons;
	c->class = Class;
	c->features = Vfversion1 | Vfindirect | Vfeventidx;
	c->nq = 2;
	c->answer[Txq] = answer;
	c->input = consinput;
	return c;
}

static void
init(void)
{
	virtioinit(Vidcons, make);
}

static void
start(void)
{
	virtiostart(Vidcons);
}

Vdev vioconsdev = {"viocons", init, start};
