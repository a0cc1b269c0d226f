/*
 * A virtio network card (5.1) whose frames travel over files: a
 * pipe end, or a file to read and one to write, one frame to a read
 * or a write, as pipes keep them. The link is always up.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include <virtio.h>
#include "vio.h"

enum {
	Rxq		= 0,
	Txq		= 1,
	Minframe	= 14,	/* an Ethernet header; an empty write would end the reader's input */
	Maxframe	= 1522,	/* a VLAN-tagged Ethernet frame without its FCS */
	Maxread		= 64*1024,	/* more than a pipe's longest message: a read takes all of one */

	Cfglen		= 8,	/* mac and status (5.1.4) */

	Class		= 0x020000,	/* Ethernet */
};

typedef struct Net Net;
struct Net {
	Virtio;
	int	infd;
	int	outfd;
	uchar	config[Cfglen];
	Vbuf	rxbuf;
	uchar	rx[Maxread];
	uchar	tx[Maxframe];
};

static int nnets;

/* The next frame on the wire that fits a frame's size; 0 at its end. */
static int
readframe(Net *n)
{
	int len;

	for(;;){
		len = read(n->infd, n->rx, sizeof n->rx);
		if(len <= 0)
			return 0;
		if(len <= Maxframe)
			return len;
		trace("%s: %d-byte frame dropped\n", n->name, len);
	}
}

static void
rxproc(void *a)
{
	Net *n;
	uchar hdr[Vnethdrlen];
	u32int len;
	int m;

	n = a;
	memset(hdr, 0, sizeof hdr);
	put16(hdr + Vnetnumbufs, 1);
	while((m = readframe(n)) > 0){
		while(!virtiopop(n, Rxq, &n->rxbuf))
			virtiowait(n, Rxq);
		len = vbwrite(&n->rxbuf, 0, hdr, Vnethdrlen);
		len += vbwrite(&n->rxbuf, Vnethdrlen, n->rx, m);
		virtiopush(n, Rxq, &n->rxbuf, len);
	}
}

/* A frame to the wire, if it is one. */
static u32int
answer(Virtio *d, Vbuf *b)
{
	Net *n;
	uvlong len;

	n = (Net*)d;
	len = b->rlen - Vnethdrlen;
	if(b->rlen >= Vnethdrlen+Minframe && len <= Maxframe && n->outfd >= 0){
		vbread(b, Vnethdrlen, n->tx, len);
		write(n->outfd, n->tx, len);
	}
	return 0;
}

static void
netinput(Virtio *d)
{
	Net *n;

	n = (Net*)d;
	if(n->infd >= 0)
		helperproc(rxproc, n);
}

/* "ea:" and twelve hex digits */
static int
parsemac(char *s, uchar *mac)
{
	char byte[3];
	char *e;
	int i;

	if(strncmp(s, "ea:", 3) != 0 || strlen(s) != 3+12)
		return -1;
	byte[2] = 0;
	for(i = 0; i < 6; i++){
		byte[0] = s[3+2*i];
		byte[1] = s[3+2*i+1];
		mac[i] = strtoul(byte, &e, 16);
		if(*e != 0)
			return -1;
	}
	return 0;
}

/* "[ea:MAC!]file" or "[ea:MAC!]in,out", as for the COM ports. */
static Virtio*
make(char *spec)
{
	Net *n;
	char *bang;
	int pid;

	n = virtionew(sizeof *n);
	if((bang = strchr(spec, '!')) != nil){
		*bang = 0;
		if(parsemac(spec, n->config + Vnetmac) < 0)
			fatal("bad MAC address %s", spec);
		spec = bang+1;
	}else{
		/* locally administered, different for each card and each vmx */
		pid = getpid();
		n->config[Vnetmac] = 0x52;
		n->config[Vnetmac+1] = 0x54;
		n->config[Vnetmac+2] = pid >> 16;
		n->config[Vnetmac+3] = pid >> 8;
		n->config[Vnetmac+4] = pid;
		n->config[Vnetmac+5] = nnets;
	}
	nnets++;
	backing(spec, &n->infd, &n->outfd);
	put16(n->config + Vnetstatus, Vnetlinkup);

	n->name = "virtio-net";
	n->type = Vidnet;
	n->class = Class;
	n->features = Vfversion1 | Vfindirect | Vfeventidx | Vfnetmac | Vfnetstatus;
	n->nq = 2;
	n->cfg = n->config;
	n->cfglen = Cfglen;
	n->answer[Txq] = answer;
	n->input = netinput;
	return n;
}

static void
init(void)
{
	virtioinit(Vidnet, make);
}

static void
start(void)
{
	virtiostart(Vidnet);
}

Vdev vionetdev = {"vionet", init, start};
