/*
 * COM ports and their files: a proc per port reads the input file
 * into a buffer the exit loop moves into the UART; the UART's output
 * batches go straight to the output file.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Com1	= 0x3f8,
	Com1irq	= 4,
	Com2	= 0x2f8,
	Com2irq	= 3,
};

static Serial com[2];

static void
sink(Uart *u, uchar *p, int n)
{
	Serial *s;

	s = u->aux;
	if(s->outfd >= 0)
		write(s->outfd, p, n);
}

/* At each boot: the input proc a reset ended may have left the lock held and input in buf. */
static void
portinit(Serial *s, u16int base, int irq, int infd, int outfd)
{
	memset(&s->lk, 0, sizeof s->lk);
	s->n = 0;
	s->room = 0;
	s->full = 0;
	s->infd = infd;
	s->outfd = outfd;
	uartinit(&s->uart, base, irq, sink);
	s->uart.aux = s;
}

static void
init(void)
{
	portinit(&com[0], Com1, Com1irq, conf.comin[0], conf.comout[0]);
	portinit(&com[1], Com2, Com2irq, conf.comin[1], conf.comout[1]);
}

static void
inputproc(void *a)
{
	Serial *s;
	uchar buf[Serialbuf];
	int room;
	long n;

	s = a;
	for(;;){
		lock(&s->lk);
		room = sizeof s->buf - s->n;
		s->full = room == 0;
		unlock(&s->lk);
		if(room == 0){
			semacquire(&s->room, 1);
			continue;
		}
		n = read(s->infd, buf, room);
		if(n <= 0 || dying)
			return;
		lock(&s->lk);
		memmove(s->buf + s->n, buf, n);
		s->n += n;
		unlock(&s->lk);
		kick();
	}
}

static void
start(void)
{
	int i;

	for(i = 0; i < nelem(com); i++)
		if(com[i].infd >= 0)
			helperproc(inputproc, &com[i]);
}

Vdev serialdev = {"serial", init, start};

static void
portpoll(Serial *s)
{
	int n, wake;

	if(__atomic_load_n(&s->n, __ATOMIC_ACQUIRE) == 0)
		return;
	lock(&s->lk);
	n = uartrx(&s->uart, s->buf, s->n);
	memmove(s->buf, s->buf + n, s->n - n);
	s->n -= n;
	wake = n > 0 && s->full;
	s->full = 0;
	unlock(&s->lk);
	if(wake)
		semrelease(&s->room, 1);
}

/* In the exit loop: what the UARTs can take of the input so far. */
void
serialpoll(void)
{
	int i;

	for(i = 0; i < nelem(com); i++)
		portpoll(&com[i]);
}

/* Output still batched in the UARTs, before vmx ends. */
void
serialflush(void)
{
	int i;

	for(i = 0; i < nelem(com); i++)
		uartflush(&com[i].uart);
}
