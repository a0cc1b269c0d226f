/* COM1, a 16550 driven by polling. */
#include <u.h>
#include "guest.h"

enum {
	Com1	= 0x3f8,
	Data	= 0,	/* or divisor low with Dlab */
	Ier	= 1,	/* or divisor high with Dlab */
	Lcr	= 3,
	Mcr	= 4,
	Lsr	= 5,
	Scr	= 7,

	Dlab	= 0x80,
	Eightn1	= 0x03,
	Dtrrts	= 0x03,
	Dr	= 0x01,	/* Lsr: a byte is waiting */
	Thre	= 0x20,	/* Lsr: the transmitter can take a byte */

	Div115200 = 1,
};

/* The FIFO control register is left alone: toggling it drops input already received. */
void
uartinit(void)
{
	outb(Com1+Ier, 0);
	outb(Com1+Lcr, Dlab);
	outb(Com1+Data, Div115200);
	outb(Com1+Ier, 0);
	outb(Com1+Lcr, Eightn1);
	outb(Com1+Mcr, Dtrrts);
}

void
uartputc(int c)
{
	while((inb(Com1+Lsr) & Thre) == 0)
		;
	outb(Com1+Data, c);
}

/* A received byte, or -1 if none is waiting. */
int
uartgetc(void)
{
	if((inb(Com1+Lsr) & Dr) == 0)
		return -1;
	return inb(Com1+Data);
}

/* Whether the scratch register holds what is written: a 16450 or later is there. */
int
uartscratch(void)
{
	static u8int pat[] = {0x55, 0xaa, 0x00, 0xff};
	int i;

	for(i = 0; i < nelem(pat); i++){
		outb(Com1+Scr, pat[i]);
		if(inb(Com1+Scr) != pat[i])
			return 0;
	}
	return 1;
}
