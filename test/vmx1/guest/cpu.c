/* CPUID, the TSC and fault-tolerant MSR reads. */
#include <u.h>
#include "guest.h"

enum {
	Hvleaf	= 0x40000000,
	Hvbit	= 1<<31,	/* CPUID.1:ECX: running under a hypervisor */
	Rdmsrlen = 2,
	Wrmsrlen = 2,
};

void
cpuid(u32int leaf, u32int r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

static void
regstr(char buf[13], u32int a, u32int b, u32int c)
{
	u32int w[3];
	int i;

	w[0] = a;
	w[1] = b;
	w[2] = c;
	for(i = 0; i < 12; i++)
		buf[i] = w[i/4] >> 8*(i%4);
	buf[12] = 0;
}

void
cpuvendor(char buf[13])
{
	u32int r[4];

	cpuid(0, r);
	regstr(buf, r[1], r[3], r[2]);
}

/* The hypervisor's signature from leaf 0x40000000; 0 if CPUID claims none. */
int
hypervisor(char buf[13])
{
	u32int r[4];

	cpuid(1, r);
	if((r[2] & Hvbit) == 0){
		buf[0] = 0;
		return 0;
	}
	cpuid(Hvleaf, r);
	regstr(buf, r[1], r[2], r[3]);
	return 1;
}

/* 0 with the MSR's value, or the vector of the fault the read raised. */
int
rdmsrsafe(u32int msr, u64int *v)
{
	u32int lo, hi;
	uintptr err;
	int vec;

	expectfault(Rdmsrlen);
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr), "0"(0), "1"(0) : "memory");
	vec = faulted(&err);
	if(vec >= 0)
		return vec;
	*v = (u64int)hi<<32 | lo;
	return 0;
}

/* 0, or the vector of the fault the write raised. */
int
wrmsrsafe(u32int msr, u64int v)
{
	uintptr err;
	int vec;

	expectfault(Wrmsrlen);
	asm volatile("wrmsr" : : "c"(msr), "a"((u32int)v), "d"((u32int)(v >> 32)) : "memory");
	vec = faulted(&err);
	return vec >= 0 ? vec : 0;
}

u64int
rdtsc(void)
{
	u32int lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (u64int)hi << 32 | lo;
}
