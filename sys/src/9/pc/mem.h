/*
 * Memory and machine-specific definitions, shared by C and assembly.
 */
#ifdef __ASSEMBLER__
#define U64(x)		x
#else
#define U64(x)		x##ULL
#endif

#define KiB		U64(1024)
#define MiB		(1024*KiB)
#define GiB		(1024*MiB)

#define BY2PG		4096
#define PGSHIFT		12
#define BY2SE		(2*MiB)		/* a large page */
#define ROUND(s, sz)	(((s)+((sz)-1))&~((sz)-1))
#define PGROUND(s)	ROUND(s, BY2PG)

#define MAXMACH		32
#define KSTACK		(16*KiB)	/* per process kernel stack */
#define MACHSIZE	(32*KiB)	/* Mach structure, then its stack */
#define APBOOT		0x7000		/* application processors start here */
#define APPML4		0x8000		/* and run on this page table until main's */

/*
 * Address space: user below 0x0000800000000000; physical memory mapped
 * at KZERO; the kernel image linked at KTZERO, in the top 2 GiB so that
 * -mcmodel=kernel addressing works.
 */
#define KZERO		U64(0xffff800000000000)
#define KTBASE		U64(0xffffffff80000000)
#define KTZERO		(KTBASE+0x100000)
#define UTZERO		U64(0x200000)
#define USTKTOP		U64(0x00007ffffffff000)
#define USTKSIZE	(1*MiB)

/* GDT selectors; user code sits 16 above user base for SYSRET. */
#define KESEL		0x08
#define KDSEL		0x10
#define UE32SEL		(0x18|3)
#define UDSEL		(0x20|3)
#define UESEL		(0x28|3)
#define TSSSEL		0x30
#define NGDT		8		/* TSS takes two slots */

/* page table entry bits */
#define PTEVALID	(U64(1)<<0)
#define PTEWRITE	(U64(1)<<1)
#define PTEUSER		(U64(1)<<2)
#define PTEWT		(U64(1)<<3)
#define PTEUNCACHED	(U64(1)<<4)
#define PTEACCESSED	(U64(1)<<5)
#define PTEDIRTY	(U64(1)<<6)
#define PTESIZE		(U64(1)<<7)
#define PTEGLOBAL	(U64(1)<<8)
#define PTENOEXEC	(U64(1)<<63)
#define PTEADDR		U64(0x000ffffffffff000)

/* control register bits */
#define CR0PE		(1<<0)
#define CR0MP		(1<<1)
#define CR0EM		(1<<2)
#define CR0TS		(1<<3)
#define CR0ET		(1<<4)
#define CR0NE		(1<<5)
#define CR0WP		(1<<16)
#define CR0AM		(1<<18)
#define CR0NW		(1<<29)
#define CR0CD		(1<<30)
#define CR0PG		(1<<31)
#define CR4DE		(1<<3)
#define CR4PSE		(1<<4)
#define CR4PAE		(1<<5)
#define CR4PGE		(1<<7)
#define CR4OSFXSR	(1<<9)
#define CR4OSXMMEXCPT	(1<<10)
#define CR4VMXE		(1<<13)
#define CR4OSXSAVE	(1<<18)

/* MSRs */
#define MSREFER		0xc0000080
#define MSRSTAR		0xc0000081
#define MSRLSTAR	0xc0000082
#define MSRCSTAR	0xc0000083
#define MSRFMASK	0xc0000084
#define MSRFSBASE	0xc0000100
#define MSRGSBASE	0xc0000101
#define MSRKGSBASE	0xc0000102
#define EFERSCE		(1<<0)
#define EFERLME		(1<<8)
#define EFERLMA		(1<<10)
#define EFERNXE		(1<<11)
