/*
 * What CPUID tells the guest: the host's answer with everything we
 * do not virtualise taken out, a hypervisor leaf of our own, the
 * vCPU's place in the topology, and the TSC and local APIC timer
 * frequencies (leaves 0x15 and 0x16), so that a guest need not
 * calibrate them. Features pass only if listed here.
 * XSAVE shows x87, SSE and AVX state, which the kernel switches.
 * What is hidden faults as on a processor without it: CR4 bits for
 * hidden features raise #GP (cr4allowed), XCR0 bits #GP at XSETBV
 * (xcr0allowed), and the kernel leaves INVPCID and XSAVES disabled
 * (#UD). sys/man/1/vmx lists the policy.
 */
#include <u.h>
#include <libc.h>
#include <x86.h>
#include "dat.h"
#include "fns.h"

enum {
	Ax = 0,
	Bx,
	Cx,
	Dx,

	Maxbasic = 0x16,
	Tscleaf = 0x15,
	Freqleaf = 0x16,
	Maxratio = 40000,	/* Linux multiplies the crystal's kHz by the ratio in 32 bits */
	Hyperleaf = 0x40000000,
	Hyperend = 0x400000ff,
	Extleaf = 0x80000000,
	Maxext = 0x80000008,

	/* leaf 1 ECX */
	Sse3 = 1<<0,
	Pclmul = 1<<1,
	Ssse3 = 1<<9,
	Fma = 1<<12,
	Cx16 = 1<<13,
	Sse41 = 1<<19,
	Sse42 = 1<<20,
	Movbe = 1<<22,
	Popcnt = 1<<23,
	Tscdeadline = 1<<24,
	Aes = 1<<25,
	Xsave = 1<<26,
	Osxsave = 1<<27,
	Avx = 1<<28,
	F16c = 1<<29,
	Rdrand = 1<<30,
	Hypervisor = 1U<<31,

	/* leaf 1 EDX */
	Fpu = 1<<0,
	Vme = 1<<1,
	De = 1<<2,
	Pse = 1<<3,
	Tsc = 1<<4,
	Msr = 1<<5,
	Pae = 1<<6,
	Cx8 = 1<<8,
	Apic = 1<<9,
	Sep = 1<<11,
	Mtrr = 1<<12,
	Pge = 1<<13,
	Cmov = 1<<15,
	Pat = 1<<16,
	Pse36 = 1<<17,
	Clflush = 1<<19,
	Mmx = 1<<23,
	Fxsr = 1<<24,
	Sse = 1<<25,
	Sse2 = 1<<26,
	Htt = 1<<28,

	/* leaf 6 EAX */
	Arat = 1<<2,	/* the local APIC timer runs in every C-state: ours never stops */

	/* leaf 7 EBX */
	Fsgsbase = 1<<0,
	Tscadjust = 1<<1,
	Bmi1 = 1<<3,
	Avx2 = 1<<5,
	Fdpexcptn = 1<<6,
	Smep = 1<<7,
	Bmi2 = 1<<8,
	Erms = 1<<9,
	Fpucsds = 1<<13,
	Rdseed = 1<<18,
	Adx = 1<<19,
	Smap = 1<<20,
	Clflushopt = 1<<23,
	Clwb = 1<<24,
	Sha = 1<<29,
	/* leaf 7 ECX */
	Umip = 1<<2,
	Gfni = 1<<8,
	/* leaf 7 EDX; FSRM stays hidden: Linux's memmove faults on Bochs with it */
	Mdclear = 1<<10,
	Serialize = 1<<14,

	/* leaf 0x80000001 */
	Lahf = 1<<0,
	Lzcnt = 1<<5,
	Prefetchw = 1<<8,
	Syscall = 1<<11,
	Nx = 1<<20,
	Page1g = 1<<26,
	Rdtscp = 1<<27,
	Lm = 1<<29,

	/* leaf 0x80000007 EDX */
	Invtsc = 1<<8,

	/* leaf 0xd: XSAVE state components, and subleaf 1 EAX */
	Xcr0x87 = 1<<0,
	Xcr0sse = 1<<1,
	Xcr0avx = 1<<2,
	Xcr0shown = Xcr0x87 | Xcr0sse | Xcr0avx,
	Xsaveopt = 1<<0,
	Xsavec = 1<<1,
	Xgetbv1 = 1<<2,
	Xsavelegacy = 512 + 64,	/* legacy area and header: x87 and SSE */
	Xsaveavx = 256,		/* AVX state, right after them */

	Mce = 1<<7,	/* leaf 1 EDX, needed by CR4.MCE */
};

/* A CR4 bit is the guest's to set if CPUID shows its feature (leaf 1 or 7). */
static struct {
	u32int	cr4;
	int	leaf7;
	int	reg;
	u32int	bit;
} cr4needs[] = {
	{Cr4vme, 0, Dx, Vme},
	{Cr4pvi, 0, Dx, Vme},
	{Cr4tsd, 0, Dx, Tsc},
	{Cr4de, 0, Dx, De},
	{Cr4pse, 0, Dx, Pse},
	{Cr4pae, 0, Dx, Pae},
	{Cr4mce, 0, Dx, Mce},
	{Cr4pge, 0, Dx, Pge},
	{Cr4osfxsr, 0, Dx, Fxsr},
	{Cr4osxmmexcpt, 0, Dx, Sse},
	{Cr4osxsave, 0, Cx, Xsave},
	{Cr4umip, 1, Cx, Umip},
	{Cr4fsgsbase, 1, Bx, Fsgsbase},
	{Cr4smep, 1, Bx, Smep},
	{Cr4smap, 1, Bx, Smap},
};

static void
zero(u32int r[4])
{
	r[Ax] = r[Bx] = r[Cx] = r[Dx] = 0;
}

static u32int
setfield(u32int v, int lo, int width, u32int f)
{
	u32int m;

	m = ((1U << width) - 1) << lo;
	return (v & ~m) | ((f << lo) & m);
}

/* Bytes of an XSAVE area holding the components xcr0 names (of those shown). */
static u32int
xsavesize(u64int xcr0)
{
	return Xsavelegacy + ((xcr0 & Xcr0avx) ? Xsaveavx : 0);
}

/*
 * Leaf 0x15: the TSC runs at ECX (the crystal: the local APIC timer's
 * clock) times EBX/EAX. The ratio is as fine as it can be while EBX
 * stays small enough for the guest's arithmetic.
 */
static void
tscratio(u32int r[4])
{
	uvlong hz, den;

	hz = tschz();
	for(den = 1; den < 1000000 && hz * den * 10 / Lapichz < Maxratio; den *= 10)
		;
	r[Ax] = den;
	r[Bx] = hz * den / Lapichz;
	r[Cx] = Lapichz;
	r[Dx] = 0;
}

void
cpuidpolicy(u32int leaf, u32int subleaf, u32int r[4], Cpuview *view)
{
	int level;

	switch(leaf){
	case 0:
		r[Ax] = Maxbasic;	/* the frequency leaves are ours */
		break;
	case 1:
		r[Bx] = setfield(r[Bx], 24, 8, view->apicid);
		r[Bx] = setfield(r[Bx], 16, 8, view->ncpu);
		r[Cx] &= Sse3 | Pclmul | Ssse3 | Fma | Cx16 | Sse41 | Sse42 | Movbe | Popcnt | Aes
			| Xsave | Avx | F16c | Rdrand;
		r[Cx] |= Hypervisor | Tscdeadline;	/* lapic.c has the TSC-deadline timer, whatever the host */
		if((r[Cx] & Xsave) && (view->cr4 & Cr4osxsave))
			r[Cx] |= Osxsave;
		r[Dx] &= Fpu | Vme | De | Pse | Tsc | Msr | Pae | Cx8 | Apic | Sep | Mtrr | Pge
			| Cmov | Pat | Pse36 | Clflush | Mmx | Fxsr | Sse | Sse2;
		if(view->ncpu > 1)
			r[Dx] |= Htt;
		break;
	case 2:
		break;
	case 4:
		level = r[Ax] >> 5 & 7;
		r[Ax] = setfield(r[Ax], 26, 6, view->ncpu - 1);
		r[Ax] = setfield(r[Ax], 14, 12, level > 2 ? view->ncpu - 1 : 0);
		break;
	case 6:
		/* Linux needs no PIT given ARAT and the timer's clock (leaf 0x15) */
		zero(r);
		r[Ax] = Arat;
		break;
	case 7:
		if(subleaf != 0){
			zero(r);
			break;
		}
		r[Ax] = 0;
		r[Bx] &= Fsgsbase | Bmi1 | Avx2 | Fdpexcptn | Smep | Bmi2 | Erms | Fpucsds
			| Rdseed | Adx | Smap | Clflushopt | Clwb | Sha;
		r[Bx] |= Tscadjust;	/* msr.c has it, whatever the host */
		r[Cx] &= Umip | Gfni;
		r[Dx] &= Mdclear | Serialize;
		break;
	case Tscleaf:
		tscratio(r);
		break;
	case Freqleaf:
		r[Ax] = r[Bx] = tschz() / 1000000;
		r[Cx] = Lapichz / 1000000;
		r[Dx] = 0;
		break;
	case 0xd:
		switch(subleaf){
		case 0:
			/* sizes: for the guest's XCR0, and for all it may enable */
			r[Ax] &= Xcr0shown;
			r[Bx] = xsavesize(view->xcr0);
			r[Cx] = xsavesize(r[Ax]);
			r[Dx] = 0;
			break;
		case 1:
			/*
			 * No XSAVES: the kernel switches no IA32_XSS. EBX is
			 * still the compacted size for XCR0 | XSS, which XSAVEC
			 * users size their areas by (Linux turns XSAVE off if
			 * it is 0); AVX needs no alignment there, so it is the
			 * standard size.
			 */
			r[Ax] &= Xsaveopt | Xsavec | Xgetbv1;
			r[Bx] = xsavesize(view->xcr0);
			r[Cx] = r[Dx] = 0;
			break;
		case 2:
			break;
		default:
			zero(r);
		}
		break;
	case Hyperleaf:
		r[Ax] = Hyperleaf;
		memmove(&r[Bx], "PlanNineVMX!", 12);
		break;
	case Extleaf:
		if(r[Ax] > Maxext)
			r[Ax] = Maxext;
		r[Bx] = r[Cx] = r[Dx] = 0;
		break;
	case Extleaf+1:
		r[Ax] = r[Bx] = 0;
		r[Cx] &= Lahf | Lzcnt | Prefetchw;
		r[Dx] &= Syscall | Nx | Page1g | Rdtscp | Lm;
		break;
	case Extleaf+2:
	case Extleaf+3:
	case Extleaf+4:
	case Extleaf+6:
		break;
	case Extleaf+7:
		r[Ax] = r[Bx] = r[Cx] = 0;
		r[Dx] &= Invtsc;
		break;
	case Extleaf+8:
		r[Ax] &= 0xffff;
		r[Bx] = r[Cx] = r[Dx] = 0;
		break;
	default:
		/* monitor/mwait, power, perfmon, x2APIC topology, SGX, PT, ... */
		zero(r);
	}
}

/* The CR4 bits a guest may set, given what leaves 1 and 7 show it. */
u64int
cr4allowed(u32int leaf1[4], u32int leaf7[4])
{
	u64int ok;
	int i;

	ok = Cr4pce;
	for(i = 0; i < nelem(cr4needs); i++)
		if((cr4needs[i].leaf7 ? leaf7 : leaf1)[cr4needs[i].reg] & cr4needs[i].bit)
			ok |= cr4needs[i].cr4;
	return ok;
}

/* The XCR0 values XSETBV accepts, given what leaf 0xd shows (13.3). */
int
xcr0valid(u64int xcr0, u32int leafd[4])
{
	u64int shown;

	shown = leafd[Ax] | (u64int)leafd[Dx] << 32;
	if((xcr0 & ~shown) != 0 || (xcr0 & Xcr0x87) == 0)
		return 0;
	return (xcr0 & Xcr0avx) == 0 || (xcr0 & Xcr0sse) != 0;
}
