/*
 * What CPUID tells the guest: the host's answer with everything we
 * do not virtualise taken out, a hypervisor leaf of our own, and the
 * vCPU's place in the topology. Features pass only if listed here;
 * the XSAVE family stays hidden until the kernel switches XCR0.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

enum {
	Ax = 0,
	Bx,
	Cx,
	Dx,

	Maxbasic = 0xd,
	Hyperleaf = 0x40000000,
	Hyperend = 0x400000ff,
	Extleaf = 0x80000000,
	Maxext = 0x80000008,

	/* leaf 1 ECX */
	Sse3 = 1<<0,
	Pclmul = 1<<1,
	Ssse3 = 1<<9,
	Cx16 = 1<<13,
	Sse41 = 1<<19,
	Sse42 = 1<<20,
	Movbe = 1<<22,
	Popcnt = 1<<23,
	Aes = 1<<25,
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

	/* leaf 7 EBX */
	Fsgsbase = 1<<0,
	Bmi1 = 1<<3,
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
	/* leaf 7 EDX */
	Fsrm = 1<<4,
	Mdclear = 1<<10,
	Serialize = 1<<14,

	/* leaf 0x80000001 */
	Lahf = 1<<0,
	Lzcnt = 1<<5,
	Prefetchw = 1<<8,
	Syscall = 1<<11,
	Nx = 1<<20,
	Page1g = 1<<26,
	Lm = 1<<29,

	/* leaf 0x80000007 EDX */
	Invtsc = 1<<8,
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

void
cpuidpolicy(u32int leaf, u32int subleaf, u32int r[4], int apicid, int ncpu)
{
	int level;

	switch(leaf){
	case 0:
		if(r[Ax] > Maxbasic)
			r[Ax] = Maxbasic;
		break;
	case 1:
		r[Bx] = setfield(r[Bx], 24, 8, apicid);
		r[Bx] = setfield(r[Bx], 16, 8, ncpu);
		r[Cx] &= Sse3 | Pclmul | Ssse3 | Cx16 | Sse41 | Sse42 | Movbe | Popcnt | Aes | Rdrand;
		r[Cx] |= Hypervisor;
		r[Dx] &= Fpu | Vme | De | Pse | Tsc | Msr | Pae | Cx8 | Apic | Sep | Mtrr | Pge
			| Cmov | Pat | Pse36 | Clflush | Mmx | Fxsr | Sse | Sse2;
		if(ncpu > 1)
			r[Dx] |= Htt;
		break;
	case 2:
		break;
	case 4:
		level = r[Ax] >> 5 & 7;
		r[Ax] = setfield(r[Ax], 26, 6, ncpu - 1);
		r[Ax] = setfield(r[Ax], 14, 12, level > 2 ? ncpu - 1 : 0);
		break;
	case 7:
		if(subleaf != 0){
			zero(r);
			break;
		}
		r[Ax] = 0;
		r[Bx] &= Fsgsbase | Bmi1 | Fdpexcptn | Smep | Bmi2 | Erms | Fpucsds | Rdseed
			| Adx | Smap | Clflushopt | Clwb | Sha;
		r[Cx] &= Umip | Gfni;
		r[Dx] &= Fsrm | Mdclear | Serialize;
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
		r[Dx] &= Syscall | Nx | Page1g | Lm;
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
		/* monitor/mwait, power, perfmon, x2APIC topology, XSAVE, SGX, PT, ... */
		zero(r);
	}
}
