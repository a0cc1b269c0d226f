/*
 * The local APIC's register page in xAPIC mode, as the kernel's own
 * APIC, vmx(1)'s emulated one, a #X virtual-APIC page (SDM Vol. 3,
 * 29.1: the same offsets) and the tests that look at them all see
 * it. Offsets from SDM Vol. 3, 10.4.1, Table 10-1; each register is
 * a 32-bit word 16 bytes from the next. The 256-bit ISR, TMR and IRR
 * are eight such words, vectors 0-31 in the first (10.8.4).
 */
enum {
	Apicid		= 0x020,
	Apicver		= 0x030,
	Apictpr		= 0x080,
	Apicppr		= 0x0a0,
	Apiceoi		= 0x0b0,
	Apicldr		= 0x0d0,
	Apicdfr		= 0x0e0,
	Apicsvr		= 0x0f0,
	Apicisr		= 0x100,
	Apictmr		= 0x180,
	Apicirr		= 0x200,
	Apicesr		= 0x280,
	Apicicrlo	= 0x300,
	Apicicrhi	= 0x310,
	Apiclvt		= 0x320,	/* Nlvt entries: apiclvt(Ltimer) … */
	Apicinitcount	= 0x380,
	Apiccurcount	= 0x390,
	Apicdivide	= 0x3e0,

	/* the local vector table's entries, in order (10.5.1) */
	Ltimer		= 0,
	Lthermal,
	Lperf,
	Llint0,
	Llint1,
	Lerror,
	Nlvt,

	Svrenable	= 1<<8,		/* in Apicsvr: software-enabled (10.9) */

	/* in LVT entries and the ICR's low word (10.5.1, 10.6.1) */
	Lvtmode		= 7<<8,		/* delivery mode: */
	Modefixed	= 0<<8,
	Modelowest	= 1<<8,
	Modenmi		= 4<<8,
	Modeinit	= 5<<8,
	Modesipi	= 6<<8,
	Modeextint	= 7<<8,
	Icrlogical	= 1<<11,
	Icrpending	= 1<<12,	/* delivery status: send pending */
	Icrassert	= 1<<14,
	Icrlevel	= 1<<15,
	Lvtmasked	= 1<<16,
	Lvtperiodic	= 1<<17,
};

/* The offset of the local vector table's entry i. */
static inline int
apiclvt(int i)
{
	return Apiclvt + 0x10*i;
}

/* The byte offset of the word of 256-bit register off that holds vector vec. */
static inline int
apicword(int off, int vec)
{
	return off + 0x10*(vec/32);
}

/* The highest vector set in the 256-bit register off of page, or -1 for none. */
static inline int
apichighest(volatile u32int *page, int off)
{
	volatile u32int *r;
	u32int w;
	int i;

	r = page + off/4;
	for(i = 7; i >= 0; i--)
		if((w = r[4*i]) != 0)
			return 32*i + 31 - __builtin_clz(w);
	return -1;
}
