#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

static Msrs m;

/* Distinct per i, every byte a valid memory type. */
static u64int
fixedval(int i)
{
	static uchar types[] = {0, 1, 4, 5, 6};

	return 0x0606060606060000ULL | types[i % 5] << 8 | types[i / 5 % 5];
}

static int
reads(u32int msr, u64int want)
{
	u64int v;

	return msrread(&m, msr, &v) == 0 && v == want;
}

static u64int
get(u32int msr)
{
	u64int v;

	v = 0xdeadbeef;
	msrread(&m, msr, &v);
	return v;
}

int
main(void)
{
	u64int v;
	int i, ok;

	msrinit(&m, 1);

	check("unknown-read-gp", msrread(&m, 0x12345, &v) < 0, "read succeeded");
	check("unknown-write-gp", msrwrite(&m, 0xc0000080 + 0x1000, 0) < 0, "write succeeded");
	check("apicbase-bsp", reads(0x1b, 0xfee00900), "%#llx", get(0x1b));
	check("pat-reset", reads(0x277, 0x0007040600070406ULL), "%#llx", get(0x277));
	check("pat-write", msrwrite(&m, 0x277, 0x0007010600070106ULL) == 0 && reads(0x277, 0x0007010600070106ULL), "%#llx", get(0x277));
	check("pat-bad-type-gp", msrwrite(&m, 0x277, 0x0000000000000002ULL) < 0 && reads(0x277, 0x0007010600070106ULL), "accepted");
	check("misc-enable", reads(0x1a0, 0x1801), "%#llx", get(0x1a0));
	check("misc-enable-write", msrwrite(&m, 0x1a0, 0x1801 | 1<<22) == 0 && reads(0x1a0, 0x1801 | 1<<22), "%#llx", get(0x1a0));
	check("mtrrcap", reads(0xfe, 0x508), "%#llx", get(0xfe));
	check("mtrrcap-read-only", msrwrite(&m, 0xfe, 0) < 0, "written");
	check("mtrrdef-reset", reads(0x2ff, 0), "%#llx", get(0x2ff));
	check("mtrrdef-write", msrwrite(&m, 0x2ff, 0xc06) == 0 && reads(0x2ff, 0xc06), "%#llx", get(0x2ff));
	check("mtrrdef-reserved-gp", msrwrite(&m, 0x2ff, 0x1c06) < 0, "accepted");
	check("mtrrdef-bad-type-gp", msrwrite(&m, 0x2ff, 0xc02) < 0, "accepted");
	ok = 1;
	for(i = 0; i < 16; i += 2){
		if(msrwrite(&m, 0x200 + i, 0x80000000ULL*i | 6) < 0 || msrwrite(&m, 0x201 + i, 0x3fff80000800ULL) < 0)
			ok = 0;
		else if(!reads(0x200 + i, 0x80000000ULL*i | 6) || !reads(0x201 + i, 0x3fff80000800ULL))
			ok = 0;
	}
	check("mtrr-var-store", ok, "a pair did not stick");
	check("mtrr-var-beyond-count", msrread(&m, 0x210, &v) < 0, "0x210 exists");
	check("mtrr-var-bad-type", msrwrite(&m, 0x200, 0x3) < 0, "accepted");
	check("mtrr-var-mask-reserved", msrwrite(&m, 0x201, 0x801) < 0, "accepted");
	ok = 1;
	{
		static u32int fixed[] = {0x250, 0x258, 0x259, 0x268, 0x269, 0x26a, 0x26b, 0x26c, 0x26d, 0x26e, 0x26f};

		for(i = 0; i < nelem(fixed); i++)
			if(msrwrite(&m, fixed[i], fixedval(i)) < 0)
				ok = 0;
		for(i = 0; i < nelem(fixed); i++)
			if(!reads(fixed[i], fixedval(i)))
				ok = 0;
	}
	check("mtrr-fixed-store", ok, "fixed ranges alias or fail");
	check("mtrr-fixed-gap", msrread(&m, 0x251, &v) < 0, "0x251 exists");
	check("microcode-write-ignored", msrwrite(&m, 0x8b, 0) == 0 && reads(0x8b, 0), "%#llx", get(0x8b));
	check("feature-control-locked", reads(0x3a, 1) && msrwrite(&m, 0x3a, 5) < 0, "%#llx", get(0x3a));

	check("apicbase-move", msrwrite(&m, 0x1b, 0xfec00800) == 0 && reads(0x1b, 0xfec00900), "%#llx", get(0x1b));
	check("apicbase-bsp-read-only", msrwrite(&m, 0x1b, 0xfee00800) == 0 && reads(0x1b, 0xfee00900), "%#llx", get(0x1b));
	check("apicbase-reserved-gp", msrwrite(&m, 0x1b, 0xfee00801) < 0, "accepted");
	check("apicbase-disable", msrwrite(&m, 0x1b, 0xfee00000) == 0 && reads(0x1b, 0xfee00100), "%#llx", get(0x1b));

	faketsc = 1000000;
	check("tsc-reads-host", reads(0x10, 1000000), "%#llx", get(0x10));
	msrwrite(&m, 0x10, 5000);
	check("tsc-offset", m.tscoffset == 5000 - 1000000, "offset %lld", m.tscoffset);
	faketsc += 300;
	check("tsc-runs-on", reads(0x10, 5300), "%lld", get(0x10));
	check("tsc-adjust-follows", reads(0x3b, 5000 - 1000000), "%lld", get(0x3b));
	check("tsc-adjust-write", msrwrite(&m, 0x3b, 5000 - 1000000 + 700) == 0 && reads(0x10, 6000), "%lld", get(0x10));
	check("tsc-adjust-kept", reads(0x3b, 5000 - 1000000 + 700), "%lld", get(0x3b));

	check("tscaux", msrwrite(&m, 0xc0000103, 7) == 0 && reads(0xc0000103, 7), "%#llx", get(0xc0000103));
	check("tscaux-high-gp", msrwrite(&m, 0xc0000103, 1ULL<<32) < 0, "accepted");

	msrinit(&m, 0);
	check("apicbase-ap", reads(0x1b, 0xfee00800), "%#llx", get(0x1b));
	check("init-resets", reads(0x2ff, 0) && reads(0x200, 0), "state kept");

	return checkstatus();
}
