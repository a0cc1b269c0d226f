/*
 * What a PC's firmware does first at a reset, which vmx, having no
 * firmware, does for it: read the CMOS shutdown code (register 0xf),
 * which a program sets before it resets the processor to get back to
 * real mode (the 80286's way out of protected mode, still honoured by
 * PC firmware). Codes 0x5 and 0xa ask for a warm start: no POST,
 * memory and devices left as they are, the code cleared, and a jump
 * to the real-mode address at 40:67, after an EOI to the 8259s for
 * 0x5. Any other code is a cold start, which vmx makes a restart.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Rshutdown	= 0x0f,
	Warmeoi		= 0x05,	/* EOI, then jump through 40:67 */
	Warmjump	= 0x0a,	/* jump through 40:67 */
	Resumeptr	= 0x467,	/* 40:67, offset then segment */

	Pic1		= 0x20,
	Pic2		= 0xa0,
	Ocw2eoi		= 0x20,	/* non-specific EOI */
};

/* At a reset: 1 if it was a warm start, the processors reset and the boot processor on its way to 40:67's address. */
int
warmstart(void)
{
	u64int eoi;
	uchar *p;
	int code, i;

	code = cmosget(Rshutdown);
	if(code != Warmeoi && code != Warmjump)
		return 0;
	cmosset(Rshutdown, 0);
	if(code == Warmeoi){
		eoi = Ocw2eoi;
		iodispatch(Ioport, 1, Pic2, 1, &eoi);
		iodispatch(Ioport, 1, Pic1, 1, &eoi);
	}
	p = memptr(Resumeptr, 4);
	for(i = 1; i < ncpu; i++)
		cpuinit(i);
	cpustart(0, get16(p+2), get16(p));
	return 1;
}
