/*
 * Architectural facts of x86-64 that the monitor, vmx(1), and the
 * programs and guests that test it share, so that each is written
 * once. SDM vol. 3: 2.5 (control registers), 2.2.1 (EFER), 2.3
 * (RFLAGS), 4.5 (page-table entries), 24.4.1 (segment access rights
 * as VMX holds them); vol. 4 for MSR numbers.
 */
enum {
	Cr0pe		= 1<<0,
	Cr0ts		= 1<<3,
	Cr0et		= 1<<4,
	Cr0ne		= 1<<5,
	Cr0am		= 1<<18,
	Cr0nw		= 1<<29,
	Cr0cd		= 1<<30,
	Cr0pg		= 1U<<31,

	Cr4vme		= 1<<0,
	Cr4pvi		= 1<<1,
	Cr4tsd		= 1<<2,
	Cr4de		= 1<<3,
	Cr4pse		= 1<<4,
	Cr4pae		= 1<<5,
	Cr4mce		= 1<<6,
	Cr4pge		= 1<<7,
	Cr4pce		= 1<<8,
	Cr4osfxsr	= 1<<9,
	Cr4osxmmexcpt	= 1<<10,
	Cr4umip		= 1<<11,
	Cr4la57		= 1<<12,
	Cr4vmxe		= 1<<13,
	Cr4fsgsbase	= 1<<16,
	Cr4pcide	= 1<<17,
	Cr4osxsave	= 1<<18,
	Cr4smep		= 1<<20,
	Cr4smap		= 1<<21,
	Cr4pke		= 1<<22,

	Eferlme		= 1<<8,
	Eferlma		= 1<<10,

	Flagsreserved	= 1<<1,	/* always set */
	Flagstf		= 1<<8,
	Flagsif		= 1<<9,
	Flagsrf		= 1<<16,

	Msrtsc		= 0x10,
	Msrtscadjust	= 0x3b,
	Msrdebugctl	= 0x1d9,
	Debugctlbtf	= 1<<1,	/* TF steps branches only */
	Msrpat		= 0x277,
	Msrtscdeadline	= 0x6e0,
	Msrefer		= 0xc0000080,
	Msrtscaux	= 0xc0000103,

	Ptpresent	= 1<<0,
	Ptwrite		= 1<<1,
	Ptbig		= 1<<7,

	/* access rights: type, S, DPL, P, then L, D/B, G; bit 16 unusable */
	Permdpl		= 3<<5,
	Permlong	= 1<<13,
	Permdb		= 1<<14,
	Permcode32	= 0xc09b,
	Permcode64	= 0xa09b,
	Permdata	= 0xc093,
	Permtss		= 0x008b,
	Permunusable	= 0x10000,
};
