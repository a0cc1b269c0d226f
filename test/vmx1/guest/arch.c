/*
 * Architectural checks: the guest must see the processor behave as
 * hardware does with the features CPUID shows it, and fault as
 * hardware without the ones CPUID hides. Each check leaves the
 * machine as it found it, but xsave, which leaves AVX on.
 */
#include <u.h>
#include <x86.h>
#include "guest.h"

enum {
	Vud	= 6,


	Movcrlen = 3,		/* 0f 22 /r */
	Movcr8len = 4,		/* REX.R 0f 22 /r */
	Xsetbvlen = 3,
	Rdtscplen = 3,
	Invpcidlen = 5,		/* 66 0f 38 82 /r */

	Lapictpr = 0xfee00080,

	Tscslack = 1000000000,	/* instructions a check may take between reads */
};

static uintptr
getcr0(void)
{
	uintptr v;

	asm volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static uintptr
getcr4(void)
{
	uintptr v;

	asm volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

/* The vector a write of CR0 or CR4 raised, or 0. */
static int
putcr(int cr, uintptr v)
{
	uintptr err;

	expectfault(Movcrlen);
	if(cr == 0)
		asm volatile("mov %0, %%cr0" : : "r"(v) : "memory");
	else
		asm volatile("mov %0, %%cr4" : : "r"(v) : "memory");
	return faulted(&err) + 1;
}

static void
cpuidsub(u32int leaf, u32int sub, u32int r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

/* CR4 bits for features CPUID hides, and reserved ones, raise #GP and change nothing. */
static void
cr4(char *arg)
{
	static uintptr bad[] = {Cr4la57, Cr4vmxe, Cr4pcide, Cr4pke, 1<<15, 1<<31};
	uintptr was;
	int i, vec;

	was = getcr4();
	for(i = 0; i < nelem(bad); i++){
		vec = putcr(4, was | bad[i]);
		if(vec != Vgp+1 || getcr4() != was){
			check("cr4", 0, "setting %lux: vector %d, cr4 %lux", (ulong)bad[i], vec-1, (ulong)getcr4());
			return;
		}
	}
	check("cr4", 1, "");
}

/* Invalid CR0 values raise #GP; ET reads 1; NE can be cleared and set again. */
static void
cr0(char *arg)
{
	uintptr was;
	int vec;

	was = getcr0();
	if((vec = putcr(0, (was | Cr0nw) & ~Cr0cd)) != Vgp+1){
		check("cr0", 0, "NW without CD: vector %d", vec-1);
		return;
	}
	if((was & Cr0pg) && (vec = putcr(0, was & ~Cr0pe)) != Vgp+1){
		check("cr0", 0, "PG without PE: vector %d", vec-1);
		return;
	}
#ifdef __x86_64__
	if((vec = putcr(0, was | 1ULL<<32)) != Vgp+1){
		check("cr0", 0, "bit 32: vector %d", vec-1);
		return;
	}
	if((vec = putcr(0, was & ~Cr0pg)) != Vgp+1){
		check("cr0", 0, "paging off in 64-bit mode: vector %d", vec-1);
		return;
	}
#endif
	if(getcr0() != was){
		check("cr0", 0, "cr0 %lux after faults, was %lux", (ulong)getcr0(), (ulong)was);
		return;
	}
	if((vec = putcr(0, was & ~(Cr0ne|Cr0et))) != 0 || getcr0() != ((was & ~Cr0ne) | Cr0et)){
		check("cr0", 0, "clearing NE and ET: vector %d, cr0 %lux", vec-1, (ulong)getcr0());
		return;
	}
	vec = putcr(0, was);
	check("cr0", vec == 0 && getcr0() == was, "restoring: vector %d, cr0 %lux", vec-1, (ulong)getcr0());
}

/* CR8 is the local APIC's TPR bits 7:4, both ways; bits 63:4 are reserved. */
static void
cr8(char *arg)
{
#ifdef __x86_64__
	volatile u32int *tpr;
	uintptr v, err;
	int vec;

	tpr = (u32int*)Lapictpr;
	asm volatile("mov %0, %%cr8" : : "r"(5UL) : "memory");
	asm volatile("mov %%cr8, %0" : "=r"(v));
	if(v != 5 || *tpr != 0x50){
		check("cr8", 0, "wrote 5: cr8 %lux, tpr %ux", (ulong)v, *tpr);
		return;
	}
	*tpr = 0x70;
	asm volatile("mov %%cr8, %0" : "=r"(v));
	if(v != 7){
		check("cr8", 0, "tpr 0x70: cr8 %lux", (ulong)v);
		return;
	}
	expectfault(Movcr8len);
	asm volatile("mov %0, %%cr8" : : "r"(16UL) : "memory");
	vec = faulted(&err);
	asm volatile("mov %%cr8, %0" : "=r"(v));
	asm volatile("mov %0, %%cr8" : : "r"(0UL) : "memory");
	check("cr8", vec == Vgp && v == 7 && *tpr == 0, "wrote 16: vector %d, cr8 %lux", vec, (ulong)v);
#else
	check("cr8", 0, "needs 64-bit mode");
#endif
}

/* Writing the TSC moves it and TSC_ADJUST by as much; writing TSC_ADJUST moves the TSC. */
static void
tsc(char *arg)
{
	u64int adj0, adj1, before, t;
	u32int r[4];

	cpuidsub(7, 0, r);
	if(!(r[1] & 1<<1) || rdmsrsafe(Msrtscadjust, &adj0) != 0){
		check("tsc", 0, "no TSC_ADJUST");
		return;
	}
	before = rdtsc();
	if(wrmsrsafe(Msrtsc, 1ULL<<40) != 0){
		check("tsc", 0, "wrmsr TSC faulted");
		return;
	}
	t = rdtsc();
	rdmsrsafe(Msrtscadjust, &adj1);
	print("tsc %llux after writing 1<<40, adjust %llux\n", t, adj1);
	if(t < 1ULL<<40 || t > (1ULL<<40) + Tscslack){
		check("tsc", 0, "tsc %llux after writing 1<<40", t);
		return;
	}
	if(adj1 - adj0 < (1ULL<<40) - before - Tscslack || adj1 - adj0 > (1ULL<<40) - before + Tscslack){
		check("tsc", 0, "adjust moved by %llux, the tsc by %llux", adj1 - adj0, (1ULL<<40) - before);
		return;
	}
	wrmsrsafe(Msrtscadjust, adj1 + (1ULL<<36));
	t = rdtsc();
	check("tsc", t >= (1ULL<<40) + (1ULL<<36) && t < (1ULL<<40) + (1ULL<<36) + 2*Tscslack,
		"tsc %llux after adding 1<<36 to the adjust", t);
}

/* RDTSCP gives TSC_AUX where CPUID shows it, and #UD where not. */
static void
rdtscp(char *arg)
{
	u32int r[4], lo, hi, aux;
	uintptr err;
	int vec;

	cpuidsub(0x80000001, 0, r);
	if(r[3] & 1<<27)
		wrmsrsafe(Msrtscaux, 0x1234);
	aux = 0;
	expectfault(Rdtscplen);
	asm volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux) : : "memory");
	vec = faulted(&err);
	print("rdtscp shown %d vector %d aux %ux\n", (r[3] >> 27) & 1, vec, aux);
	if(r[3] & 1<<27)
		check("rdtscp", vec < 0 && aux == 0x1234, "vector %d, aux %ux", vec, aux);
	else
		check("rdtscp", vec == Vud, "hidden, vector %d", vec);
}

static int
xsetbv(u32int xcr, u64int v)
{
	uintptr err;

	expectfault(Xsetbvlen);
	asm volatile("xsetbv" : : "c"(xcr), "a"((u32int)v), "d"((u32int)(v >> 32)) : "memory");
	return faulted(&err) + 1;
}

static u64int
xgetbv(void)
{
	u32int lo, hi;

	asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (u64int)hi << 32 | lo;
}

/*
 * XSAVE and AVX as CPUID shows them: OSXSAVE follows CR4, XSETBV
 * refuses what the processor would, and the YMM registers hold
 * their upper halves.
 */
static void
xsave(char *arg)
{
	static uchar in[32] = "0123456789abcdefghijklmnopqrstu", out[32];
	u32int r[4];
	int vec, i;

	cpuidsub(1, 0, r);
	if(!(r[2] & 1<<26) || !(r[2] & 1<<28) || (r[2] & 1<<27)){
		check("xsave", 0, "cpuid.1 ecx %ux: want XSAVE and AVX, no OSXSAVE yet", r[2]);
		return;
	}
	if((vec = xsetbv(0, 7)) != Vud+1){
		check("xsave", 0, "xsetbv without OSXSAVE: vector %d", vec-1);
		return;
	}
	putcr(4, getcr4() | Cr4osxsave | 3<<9);
	cpuidsub(1, 0, r);
	if(!(r[2] & 1<<27)){
		check("xsave", 0, "no OSXSAVE in cpuid after setting CR4.OSXSAVE");
		return;
	}
	cpuidsub(0xd, 0, r);
	print("xsave leaf 0xd eax %ux ebx %ux ecx %ux\n", r[0], r[1], r[2]);
	if((r[0] & 7) != 7 || r[1] != 576 || r[2] != 832){
		check("xsave", 0, "leaf 0xd eax %ux ebx %ux ecx %ux", r[0], r[1], r[2]);
		return;
	}
	if((vec = xsetbv(0, 4)) != Vgp+1 || (vec = xsetbv(0, 5)) != Vgp+1 || (vec = xsetbv(0, 1<<5 | 7)) != Vgp+1
	|| (vec = xsetbv(1, 1)) != Vgp+1){
		check("xsave", 0, "an invalid xsetbv gave vector %d", vec-1);
		return;
	}
	if((vec = xsetbv(0, 7)) != 0 || xgetbv() != 7){
		check("xsave", 0, "xsetbv 7: vector %d, xcr0 %llux", vec-1, xgetbv());
		return;
	}
	cpuidsub(0xd, 0, r);
	if(r[1] != 832){
		check("xsave", 0, "size for xcr0 7: %ud", r[1]);
		return;
	}
	asm volatile("vmovdqu %0, %%ymm1; vmovdqu %%ymm1, %1" : : "m"(in), "m"(out) : "memory");
	for(i = 0; i < 32; i++)
		if(out[i] != in[i])
			break;
	check("xsave", i == 32, "ymm1 byte %d: %ux", i, out[i]);
}

/* INVPCID, which CPUID hides, raises #UD. */
static void
invpcid(char *arg)
{
#ifdef __x86_64__
	u64int desc[2];
	u32int r[4];
	uintptr err;
	int vec;

	cpuidsub(7, 0, r);
	desc[0] = desc[1] = 0;
	expectfault(Invpcidlen);
	asm volatile("invpcid (%0), %1" : : "a"(desc), "c"(2UL) : "memory");
	vec = faulted(&err);
	check("invpcid", !(r[1] & 1<<10) && vec == Vud, "shown %d, vector %d", r[1] >> 10 & 1, vec);
#else
	check("invpcid", 0, "needs 64-bit mode");
#endif
}

Check archchecks[] = {
	{"cr4", cr4},
	{"cr0", cr0},
	{"cr8", cr8},
	{"tsc", tsc},
	{"rdtscp", rdtscp},
	{"xsave", xsave},
	{"invpcid", invpcid},
	{nil, nil},
};
