/*
 * The console's 16550 UART on COM1. Output goes through a ring that
 * the transmit interrupt drains; iprint and panics write directly.
 * Received characters go to the console's line discipline.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "ureg.h"

enum
{
	Com1		= 0x3f8,
	Com1irq		= 4,
	Fifosize	= 16,
	Nring		= 16*1024,

	Rbr		= 0,		/* receive buffer (read) */
	Thr		= 0,		/* transmit holding (write) */
	Ier		= 1,
	Iir		= 2,
	Fcr		= 2,
	Lcr		= 3,
	Mcr		= 4,
	Lsr		= 5,
	Dll		= 0,		/* divisor latch with Lcr.dlab */
	Dlm		= 1,

	Ierrx		= 1<<0,
	Iertx		= 1<<1,
	Fcrenable	= 0x07,		/* enable and clear both fifos */
	Lcr8n1		= 0x03,
	Lcrdlab		= 0x80,
	Mcrdtr		= 1<<0,
	Mcrrts		= 1<<1,
	Mcrout2		= 1<<3,		/* gates the interrupt line on PCs */
	Lsrdr		= 1<<0,
	Lsrthre		= 1<<5,
	Lsrtemt		= 1<<6,
};

static struct {
	Lock;
	char	ring[Nring];
	uvlong	rp;
	uvlong	wp;
	int	intr;		/* interrupt-driven output is running */
} uart;

void
uartconsinit(void)
{
	outb(Com1+Ier, 0);
	outb(Com1+Lcr, Lcrdlab);
	outb(Com1+Dll, 1);		/* 115200 baud */
	outb(Com1+Dlm, 0);
	outb(Com1+Lcr, Lcr8n1);
	outb(Com1+Fcr, Fcrenable);
	outb(Com1+Mcr, Mcrdtr|Mcrrts|Mcrout2);
}

static void
putpolled(int c)
{
	while((inb(Com1+Lsr) & Lsrthre) == 0)
		pause();
	outb(Com1+Thr, c);
}

/* Move ring bytes into an empty FIFO; the caller holds uart. */
static void
fillfifo(void)
{
	int n;

	if((inb(Com1+Lsr) & Lsrthre) == 0)
		return;
	for(n = 0; n < Fifosize && uart.rp != uart.wp; n++)
		outb(Com1+Thr, uart.ring[uart.rp++ % Nring]);
	outb(Com1+Ier, uart.rp != uart.wp ? Ierrx|Iertx : Ierrx);
}

static void
drainpolled(void)
{
	while(uart.rp != uart.wp)
		putpolled(uart.ring[uart.rp++ % Nring]);
}

void
uartputs(char *s, int n)
{
	ilock(&uart);
	if(!uart.intr){
		drainpolled();
		while(n-- > 0){
			if(*s == '\n')
				putpolled('\r');
			putpolled(*s++);
		}
		iunlock(&uart);
		return;
	}
	while(n-- > 0){
		if(uart.wp - uart.rp >= Nring-1)
			putpolled(uart.ring[uart.rp++ % Nring]);
		if(*s == '\n')
			uart.ring[uart.wp++ % Nring] = '\r';
		uart.ring[uart.wp++ % Nring] = *s++;
	}
	fillfifo();
	iunlock(&uart);
}

void
uartiputs(char *s, int n)
{
	ilock(&uart);
	drainpolled();
	while(n-- > 0){
		if(*s == '\n')
			putpolled('\r');
		putpolled(*s++);
	}
	iunlock(&uart);
}

/* Wait until every byte has left the shift register. */
void
uartdrain(void)
{
	ilock(&uart);
	drainpolled();
	while((inb(Com1+Lsr) & Lsrtemt) == 0)
		pause();
	iunlock(&uart);
}

static void
uartintr(Ureg*, void*)
{
	int c;

	while(inb(Com1+Lsr) & Lsrdr){
		c = inb(Com1+Rbr);
		kbdputc(c);
	}
	ilock(&uart);
	fillfifo();
	iunlock(&uart);
}

void
uartintrinit(void)
{
	intrenable(Virqbase+Com1irq, uartintr, nil, "uart");
	ioapicroute(Com1irq, Virqbase+Com1irq);
	ilock(&uart);
	uart.intr = 1;
	inb(Com1+Iir);
	outb(Com1+Ier, Ierrx);
	fillfifo();
	iunlock(&uart);
}
