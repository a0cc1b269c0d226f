#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

enum {
	Ax = 0, Bx, Cx, Dx,
};

/* The guest's view of a host that answers all ones, or v. */
static void
ask(u32int leaf, u32int sub, u32int v, u32int r[4], int apicid, int ncpu)
{
	Cpuview view = {.apicid = apicid, .ncpu = ncpu, .cr4 = 0, .xcr0 = 1};

	r[Ax] = r[Bx] = r[Cx] = r[Dx] = v;
	cpuidpolicy(leaf, sub, r, &view);
}

int
main(void)
{
	u32int r[4];
	char sig[13];

	ask(0, 0, 0x1f, r, 0, 1);
	check("max-basic-capped", r[Ax] == 0x16, "%#x", r[Ax]);
	r[Ax] = 0x16;
	r[Bx] = 0x756e6547;
	r[Cx] = 0x6c65746e;
	r[Dx] = 0x49656e69;
	cpuidpolicy(0, 0, r, &(Cpuview){.ncpu = 1, .xcr0 = 1});
	check("vendor-kept", r[Bx] == 0x756e6547 && r[Dx] == 0x49656e69 && r[Cx] == 0x6c65746e, "vendor changed");
	ask(0, 0, 0x7, r, 0, 1);
	check("max-basic-raised", r[Ax] == 0x16, "%#x", r[Ax]);

	ask(0x15, 0, ~0, r, 0, 1);
	check("tsc-crystal", r[Cx] == 100000000 && r[Dx] == 0, "ecx %#x", r[Cx]);
	/* Linux's sum: crystal kHz times EBX over EAX, in 32 bits */
	check("tsc-ratio", r[Ax] != 0 && r[Bx] < 42949 && (u32int)(r[Cx] / 1000 * r[Bx]) / r[Ax] == Faketschz / 1000,
		"eax %#x ebx %#x", r[Ax], r[Bx]);
	ask(0x16, 0, ~0, r, 0, 1);
	check("freq-leaf", r[Ax] == 2500 && r[Bx] == 2500 && r[Cx] == 100 && r[Dx] == 0, "eax %d ecx %d", r[Ax], r[Cx]);
	ask(0x14, 0, ~0, r, 0, 1);
	check("pt-leaf-zero", (r[Ax] | r[Bx] | r[Cx] | r[Dx]) == 0, "not zero");

	ask(1, 0, ~0, r, 0, 1);
	check("vmx-hidden", (r[Cx] & 1<<5) == 0, "ecx %#x", r[Cx]);
	check("monitor-hidden", (r[Cx] & 1<<3) == 0, "ecx %#x", r[Cx]);
	check("x2apic-hidden", (r[Cx] & 1<<21) == 0, "ecx %#x", r[Cx]);
	check("tsc-deadline-shown", (r[Cx] & 1<<24) != 0, "ecx %#x", r[Cx]);
	check("pcid-hidden", (r[Cx] & 1<<17) == 0, "ecx %#x", r[Cx]);
	check("xsave-avx-shown", (r[Cx] & (1<<26 | 1<<28 | 1<<29 | 1<<12)) == (1<<26 | 1<<28 | 1<<29 | 1<<12), "ecx %#x", r[Cx]);
	check("osxsave-follows-cr4", (r[Cx] & 1<<27) == 0, "ecx %#x", r[Cx]);
	check("smx-est-pdcm-hidden", (r[Cx] & (1<<6 | 1<<7 | 1<<15)) == 0, "ecx %#x", r[Cx]);
	check("hypervisor-bit", r[Cx] & 1U<<31, "ecx %#x", r[Cx]);
	check("sse-kept", (r[Cx] & (1<<0 | 1<<9 | 1<<19 | 1<<20)) == (1<<0 | 1<<9 | 1<<19 | 1<<20), "ecx %#x", r[Cx]);
	check("edx-basics", (r[Dx] & 0x0780a3ff) == 0x0780a37f, "edx %#x", r[Dx]);
	check("mca-acpi-tm-hidden", (r[Dx] & (1<<7 | 1<<14 | 1<<22 | 1<<29 | 1U<<31)) == 0, "edx %#x", r[Dx]);
	check("htt-single", (r[Dx] & 1<<28) == 0, "edx %#x", r[Dx]);
	ask(1, 0, 0, r, 0, 1);
	check("ours-set-on-zero", r[Cx] == (1U<<31 | 1<<24), "ecx %#x", r[Cx]);
	ask(1, 0, 0x00000800, r, 3, 4);
	check("apic-id", r[Bx] >> 24 == 3, "ebx %#x", r[Bx]);
	check("cpu-count", (r[Bx] >> 16 & 0xff) == 4, "ebx %#x", r[Bx]);
	check("clflush-size-kept", (r[Bx] & 0xffff) == 0x0800, "ebx %#x", r[Bx]);
	check("htt-multi", r[Dx] & 1<<28, "edx %#x", r[Dx]);

	{
		Cpuview osx = {.apicid = 0, .ncpu = 1, .cr4 = 1<<18, .xcr0 = 7};

		r[Ax] = r[Bx] = r[Cx] = r[Dx] = ~0;
		cpuidpolicy(1, 0, r, &osx);
		check("osxsave-with-cr4", r[Cx] & 1<<27, "ecx %#x", r[Cx]);
		r[Ax] = r[Bx] = r[Cx] = r[Dx] = ~0;
		cpuidpolicy(0xd, 0, r, &osx);
		check("xsave-sizes-avx", r[Ax] == 7 && r[Bx] == 832 && r[Cx] == 832 && r[Dx] == 0, "%#x %#x %#x %#x", r[Ax], r[Bx], r[Cx], r[Dx]);
		r[Ax] = r[Bx] = r[Cx] = r[Dx] = ~0;
		cpuidpolicy(0xd, 1, r, &osx);
		check("xsavec-size-avx", r[Bx] == 832, "ebx %#x", r[Bx]);
		check("xcr0-valid", xcr0valid(7, r) && xcr0valid(3, r) && xcr0valid(1, r), "refused");
		check("xcr0-invalid", !xcr0valid(0, r) && !xcr0valid(4, r) && !xcr0valid(5, r) && !xcr0valid(0xe7, r) && !xcr0valid(1ULL<<32 | 1, r), "accepted");
	}
	ask(0xd, 0, ~0, r, 0, 1);
	check("xsave-sizes-x87", r[Ax] == 7 && r[Bx] == 576 && r[Cx] == 832 && r[Dx] == 0, "%#x %#x %#x %#x", r[Ax], r[Bx], r[Cx], r[Dx]);
	ask(0xd, 1, ~0, r, 0, 1);
	check("xsaves-hidden", r[Ax] == 7 && (r[Cx] | r[Dx]) == 0, "eax %#x ecx %#x edx %#x", r[Ax], r[Cx], r[Dx]);
	check("xsavec-size-x87", r[Bx] == 576, "ebx %#x", r[Bx]);
	ask(0xd, 2, 0x100, r, 0, 1);
	check("xsave-avx-leaf", r[Ax] == 0x100, "eax %#x", r[Ax]);
	ask(0xd, 5, ~0, r, 0, 1);
	check("xsave-avx512-leaf-zero", (r[Ax] | r[Bx] | r[Cx] | r[Dx]) == 0, "not zero");
	{
		u32int l1[4], l7[4];
		u64int ok;

		ask(1, 0, ~0, l1, 0, 1);
		ask(7, 0, ~0, l7, 0, 1);
		ok = cr4allowed(l1, l7);
		check("cr4-shown", (ok & 0x3707ff) == 0x3507bf, "%#llx", ok);
		check("cr4-hidden", (ok & (1<<6 | 1<<12 | 1<<13 | 1<<14 | 1<<17 | 1<<22 | 1ULL<<32)) == 0, "%#llx", ok);
		ask(1, 0, 0, l1, 0, 1);
		ask(7, 0, 0, l7, 0, 1);
		ok = cr4allowed(l1, l7);
		check("cr4-bare", ok == 1<<8, "%#llx", ok);
	}

	ask(4, 0, 0x7c004121, r, 0, 2);
	check("cache-l1-cores", r[Ax] >> 26 == 1 && (r[Ax] >> 14 & 0xfff) == 0, "eax %#x", r[Ax]);
	ask(4, 3, 0x7c07c163, r, 0, 2);
	check("cache-l3-shared", r[Ax] >> 26 == 1 && (r[Ax] >> 14 & 0xfff) == 1 && (r[Ax] & 0x3fff) == 0x0163, "eax %#x", r[Ax]);

	ask(5, 0, ~0, r, 0, 1);
	check("mwait-leaf-zero", (r[Ax] | r[Bx] | r[Cx] | r[Dx]) == 0, "not zero");
	ask(6, 0, ~0, r, 0, 1);
	check("power-leaf-arat-only", r[Ax] == 1<<2 && (r[Bx] | r[Cx] | r[Dx]) == 0, "eax %#x", r[Ax]);
	ask(0xa, 0, ~0, r, 0, 1);
	check("perfmon-zero", (r[Ax] | r[Bx] | r[Cx] | r[Dx]) == 0, "not zero");
	ask(0xb, 0, ~0, r, 0, 1);
	check("x2apic-topology-zero", (r[Ax] | r[Bx] | r[Cx] | r[Dx]) == 0, "not zero");
	ask(0x12, 0, ~0, r, 0, 1);
	check("sgx-leaf-zero", (r[Ax] | r[Bx] | r[Cx] | r[Dx]) == 0, "not zero");

	ask(7, 0, ~0, r, 0, 1);
	check("leaf7-no-subleaves", r[Ax] == 0, "eax %#x", r[Ax]);
	check("sgx-hidden", (r[Bx] & 1<<2) == 0, "ebx %#x", r[Bx]);
	check("avx512-hidden", (r[Bx] & (1<<16 | 1<<30 | 1U<<31)) == 0, "ebx %#x", r[Bx]);
	check("avx2-tscadjust-shown", (r[Bx] & (1<<5 | 1<<1)) == (1<<5 | 1<<1), "ebx %#x", r[Bx]);
	check("invpcid-tsx-pt-hidden", (r[Bx] & (1<<4 | 1<<10 | 1<<11 | 1<<25)) == 0, "ebx %#x", r[Bx]);
	check("smep-smap-kept", (r[Bx] & (1<<7 | 1<<20)) == (1<<7 | 1<<20), "ebx %#x", r[Bx]);
	check("waitpkg-pku-la57-hidden", (r[Cx] & (1<<3 | 1<<5 | 1<<16 | 1<<22)) == 0, "ecx %#x", r[Cx]);
	check("fsrm-hidden", (r[Dx] & 1<<4) == 0, "edx %#x", r[Dx]);
	check("spec-ctrl-hidden", (r[Dx] & (1<<26 | 1<<27 | 1<<29 | 1U<<31)) == 0, "edx %#x", r[Dx]);
	ask(7, 1, ~0, r, 0, 1);
	check("leaf7-subleaf1-zero", (r[Ax] | r[Bx] | r[Cx] | r[Dx]) == 0, "not zero");

	ask(0x40000000, 0, ~0, r, 0, 1);
	memmove(sig, &r[Bx], 12);
	sig[12] = 0;
	check("hypervisor-signature", strcmp(sig, "PlanNineVMX!") == 0, "%s", sig);
	check("hypervisor-max", r[Ax] == 0x40000000, "%#x", r[Ax]);
	ask(0x40000001, 0, ~0, r, 0, 1);
	check("hypervisor-leaf1-zero", (r[Ax] | r[Bx] | r[Cx] | r[Dx]) == 0, "not zero");

	ask(0x80000000, 0, 0x80000021, r, 0, 1);
	check("max-ext-capped", r[Ax] == 0x80000008, "%#x", r[Ax]);
	ask(0x80000001, 0, ~0, r, 0, 1);
	check("ext-lm-nx-syscall", (r[Dx] & (1<<29 | 1<<20 | 1<<11)) == (1<<29 | 1<<20 | 1<<11), "edx %#x", r[Dx]);
	check("rdtscp-shown", r[Dx] & 1<<27, "edx %#x", r[Dx]);
	check("ext-ecx", r[Cx] == (1<<0 | 1<<5 | 1<<8), "ecx %#x", r[Cx]);
	ask(0x80000007, 0, ~0, r, 0, 1);
	check("invariant-tsc-only", r[Dx] == 1<<8 && r[Ax] == 0, "edx %#x", r[Dx]);
	ask(0x80000008, 0, 0x3027, r, 0, 1);
	check("address-sizes", r[Ax] == 0x3027 && r[Bx] == 0, "eax %#x", r[Ax]);
	ask(0x80000021, 0, ~0, r, 0, 1);
	check("beyond-ext-zero", (r[Ax] | r[Bx] | r[Cx] | r[Dx]) == 0, "not zero");
	ask(0x80000002, 0, 0x65746e49, r, 0, 1);
	check("brand-kept", r[Ax] == 0x65746e49, "%#x", r[Ax]);

	return checkstatus();
}
