#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

enum {
	Com1 = 0x3f8,
	Irq = 4,
};

static Uart com1;
static uchar sunk[1024];
static int nsunk;
static int nbatches;

static void
sink(Uart *u, uchar *p, int n)
{
	if(nsunk + n <= sizeof sunk)
		memmove(sunk + nsunk, p, n);
	nsunk += n;
	nbatches++;
}

static void
begin(void)
{
	uartinit(&com1, Com1, Irq, sink);
	nsunk = 0;
	nbatches = 0;
	memset(irqedges, 0, sizeof irqedges);
	outb(Com1+3, 0x03);
}

static void
say(char *s)
{
	while(*s)
		outb(Com1, *s++);
}

int
main(void)
{
	int i, v, n, edges;
	uchar buf[2000];

	uartinit(&com1, Com1, Irq, sink);

	begin();
	outb(Com1+7, 0x5a);
	check("scratch", inb(Com1+7) == 0x5a, "scr %#x", inb(Com1+7));
	outb(Com1+3, 0x83);
	outb(Com1+0, 0x01);
	outb(Com1+1, 0x02);
	v = inb(Com1) | inb(Com1+1) << 8;
	outb(Com1+3, 0x03);
	check("divisor-latch", v == 0x0201, "dl %#x", v);
	check("dlab-off-ier", inb(Com1+1) == 0, "ier %#x", inb(Com1+1));
	check("lsr-idle", inb(Com1+5) == 0x60, "lsr %#x", inb(Com1+5));
	check("iir-none", inb(Com1+2) == 0x01, "iir %#x", inb(Com1+2));
	outb(Com1+2, 0x01);
	check("iir-fifo-bits", inb(Com1+2) == 0xc1, "iir %#x", inb(Com1+2));

	say("hello");
	check("tx-batched", nsunk == 0, "flushed early");
	advance(1000000);
	check("tx-flushed-by-timer", nsunk == 5 && memcmp(sunk, "hello", 5) == 0 && nbatches == 1,
		"%d bytes in %d batches", nsunk, nbatches);
	for(i = 0; i < Uartoutq; i++)
		outb(Com1, 'a');
	check("tx-flushed-when-full", nsunk == 5 + Uartoutq && nbatches == 2, "%d bytes", nsunk);

	begin();
	outb(Com1+1, 0x02);
	check("thre-irq-on-enable", irqlevel[Irq] == 1 && irqedges[Irq] == 1, "irq %d", irqlevel[Irq]);
	v = inb(Com1+2);
	check("thre-iir", v == 0x02, "iir %#x", v);
	check("thre-iir-read-clears", irqlevel[Irq] == 0 && inb(Com1+2) == 0x01, "irq %d", irqlevel[Irq]);
	outb(Com1, 'x');
	check("thre-after-write", irqlevel[Irq] == 1 && irqedges[Irq] == 2, "edges %d", irqedges[Irq]);
	outb(Com1, 'y');
	check("thre-fresh-edge-per-write", irqedges[Irq] == 3, "edges %d", irqedges[Irq]);
	outb(Com1+1, 0x00);
	check("ier-off-lowers", irqlevel[Irq] == 0, "irq high");

	begin();
	outb(Com1+2, 0xc7);
	outb(Com1+1, 0x01);
	n = uartrx(&com1, (uchar*)"abcde", 5);
	check("rx-accepted", n == 5, "took %d", n);
	check("rx-dr", inb(Com1+5) & 1, "no data ready");
	check("rx-below-trigger", inb(Com1+2) == 0xc1 && irqlevel[Irq] == 0, "iir %#x", inb(Com1+2));
	advance(4*10*1000000000LL*12/115200 + 1);
	v = inb(Com1+2);
	check("rx-timeout", v == 0xcc && irqlevel[Irq] == 1, "iir %#x", v);
	v = inb(Com1);
	check("rx-first-byte", v == 'a', "got %#x", v);
	check("rx-read-ends-timeout", inb(Com1+2) == 0xc1 && irqlevel[Irq] == 0, "iir %#x", inb(Com1+2));
	for(i = 0; i < 4; i++)
		buf[i] = inb(Com1);
	check("rx-order", memcmp(buf, "bcde", 4) == 0, "wrong bytes");
	check("rx-empty", (inb(Com1+5) & 1) == 0, "dr still set");

	for(i = 0; i < sizeof buf; i++)
		buf[i] = i;
	n = uartrx(&com1, buf, sizeof buf);
	check("rx-queue-bound", n == Uartinq, "took %d", n);
	check("rx-trigger-14", inb(Com1+2) == 0xc4 && irqlevel[Irq] == 1, "iir %#x", inb(Com1+2));
	outb(Com1+2, 0xc3);
	check("fifo-clear-16", inb(Com1) == 16, "fifo not cleared");
	n = 1;
	for(i = 17; i < Uartinq; i++)
		if(inb(Com1) != (i & 0xff))
			n = 0;
	check("rx-queue-drains-in-order", n, "order broken");
	check("rx-drained", inb(Com1+2) == 0xc1 && irqlevel[Irq] == 0, "iir %#x", inb(Com1+2));

	outb(Com1+2, 0x41);
	uartrx(&com1, (uchar*)"wxyz", 4);
	check("rx-trigger-4", inb(Com1+2) == 0xc4, "iir %#x", inb(Com1+2));
	inb(Com1);
	check("rx-below-4", inb(Com1+2) == 0xc1, "iir %#x", inb(Com1+2));
	inb(Com1);
	inb(Com1);
	inb(Com1);

	outb(Com1+2, 0x00);
	uartrx(&com1, (uchar*)"pq", 2);
	check("nofifo-iir", inb(Com1+2) == 0x04, "iir %#x", inb(Com1+2));
	check("nofifo-read", inb(Com1) == 'p' && inb(Com1) == 'q', "wrong bytes");

	begin();
	outb(Com1+2, 0x01);
	outb(Com1+4, 0x10);
	v = inb(Com1+6);
	check("loop-msr-clear", (v & 0xf0) == 0, "msr %#x", v);
	outb(Com1+4, 0x1f);
	v = inb(Com1+6);
	check("loop-msr-follows-mcr", v == 0xfb, "msr %#x", v);
	check("msr-read-clears-deltas", inb(Com1+6) == 0xf0, "msr %#x", inb(Com1+6));
	outb(Com1+1, 0x08);
	outb(Com1+4, 0x1b);
	v = inb(Com1+6);
	check("loop-trailing-ri", v == 0xb4, "msr %#x", v);
	outb(Com1+4, 0x19);
	check("modem-status-irq", irqlevel[Irq] == 1 && inb(Com1+2) == 0xc0, "iir %#x", inb(Com1+2));
	inb(Com1+6);
	check("modem-status-cleared", irqlevel[Irq] == 0, "irq high");

	outb(Com1+1, 0x05);
	say("loopback");
	check("loop-not-sent", nsunk == 0, "sent %d", nsunk);
	check("loop-received", inb(Com1) == 'l', "not looped");
	for(i = 0; i < 20; i++)
		outb(Com1, '0' + i);
	edges = irqedges[Irq];
	v = inb(Com1+2);
	check("overrun-line-status-first", v == 0xc6, "iir %#x", v);
	v = inb(Com1+5);
	check("overrun-lsr", (v & 0x03) == 0x03, "lsr %#x", v);
	check("lsr-read-clears-oe", (inb(Com1+5) & 0x02) == 0, "oe stuck");
	check("then-rx-data", inb(Com1+2) == 0xc4, "iir %#x", inb(Com1+2));
	check("overrun-edge", edges > 0, "no irq");
	n = uartrx(&com1, (uchar*)"z", 1);
	check("loop-ignores-input", n == 0, "took %d", n);

	uartinit(&com1, Com1, Irq, sink);
	check("reset-lowers-irq", irqlevel[Irq] == 0, "irq high");
	check("reset-msr", inb(Com1+6) == 0xb0, "msr %#x", inb(Com1+6));

	return checkstatus();
}
