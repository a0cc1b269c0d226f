/*
 * The model-specific registers guests touch while booting, for those
 * the kernel leaves to the monitor. Unknown registers fail so that
 * the monitor can inject #GP, as the hardware would.
 */
#include <u.h>
#include <libc.h>
#include <x86.h>
#include "dat.h"
#include "fns.h"

typedef struct Msrdesc Msrdesc;

enum {
	/* kinds */
	Mconst,		/* reads the reset value, writes fault */
	Mignore,	/* reads the reset value, writes are dropped */
	Mstore,		/* reads what was written, if valid */
	Mtsc,
	Mtscadjust,

	Apicbsp = 1<<8,
	Apicenable = 1<<11,
	Apicdefault = 0xfee00000 | Apicenable,
	Maxphys = 46,		/* address bits guests may program */

	Mtrrcapval = Nmtrrvar | 1<<8 | 1<<10,	/* fixed ranges and write-combining */
	Mtrrdefmask = 0xcff,
	Mtrrvalid = 1<<11,

	Patreset = 0x0007040600070406ULL,
	Miscreset = 1<<0 | 1<<11 | 1<<12,	/* fast strings; no BTS, no PEBS */
};

struct Msrdesc {
	u32int	lo;
	u32int	hi;
	int	kind;
	int	off;		/* of the value in Msrs, for Mstore */
	u64int	reset;
	int	(*valid)(u32int msr, u64int v);
	u64int	romask;		/* bits writes leave alone */
};

static int
memtype(uint t)
{
	return t == 0 || t == 1 || t == 4 || t == 5 || t == 6;
}

static int
patvalid(u32int msr, u64int v)
{
	int i;

	for(i = 0; i < 8; i++)
		if(!memtype(v >> 8*i & 0xff) && (v >> 8*i & 0xff) != 7)
			return 0;
	return 1;
}

static int
apicbasevalid(u32int msr, u64int v)
{
	return (v & ~((1ULL << Maxphys) - 1) & ~0xfffULL) == 0 && (v & 0x6ff) == 0;
}

static int
mtrrdefvalid(u32int msr, u64int v)
{
	return (v & ~(u64int)Mtrrdefmask) == 0 && memtype(v & 0xff);
}

static int
mtrrfixvalid(u32int msr, u64int v)
{
	int i;

	for(i = 0; i < 8; i++)
		if(!memtype(v >> 8*i & 0xff))
			return 0;
	return 1;
}

/* Even registers are bases (type in the low byte), odd ones masks (valid bit 11). */
static int
mtrrvarvalid(u32int msr, u64int v)
{
	u64int addr;

	addr = ~((1ULL << Maxphys) - 1);
	if(msr & 1)
		return (v & (addr | 0x7ff)) == 0;
	return (v & (addr | 0xf00)) == 0 && memtype(v & 0xff);
}

static int
tscauxvalid(u32int msr, u64int v)
{
	return v >> 32 == 0;
}

static int
anyvalid(u32int msr, u64int v)
{
	return 1;
}

static Msrdesc descs[] = {
	{Msrtsc, Msrtsc, Mtsc},
	{0x17, 0x17, Mconst, 0, 0},				/* platform id */
	{Msrtscadjust, Msrtscadjust, Mtscadjust},
	{0x1b, 0x1b, Mstore, offsetof(Msrs, apicbase), Apicdefault, apicbasevalid, Apicbsp},
	{0x3a, 0x3a, Mconst, 0, 1},				/* feature control: locked, no VMX */
	{0x8b, 0x8b, Mignore, 0, 0},				/* microcode revision */
	{0xfe, 0xfe, Mconst, 0, Mtrrcapval},
	{0x179, 0x17a, Mconst, 0, 0},				/* MCG_CAP, MCG_STATUS: no banks */
	{0x1a0, 0x1a0, Mstore, offsetof(Msrs, miscenable), Miscreset, anyvalid},
	{0x200, 0x200 + 2*Nmtrrvar - 1, Mstore, offsetof(Msrs, mtrrvar), 0, mtrrvarvalid},
	{0x250, 0x250, Mstore, offsetof(Msrs, mtrrfix[0]), 0, mtrrfixvalid},
	{0x258, 0x259, Mstore, offsetof(Msrs, mtrrfix[1]), 0, mtrrfixvalid},
	{0x268, 0x26f, Mstore, offsetof(Msrs, mtrrfix[3]), 0, mtrrfixvalid},
	{Msrpat, Msrpat, Mstore, offsetof(Msrs, pat), Patreset, patvalid},
	{0x2ff, 0x2ff, Mstore, offsetof(Msrs, mtrrdef), 0, mtrrdefvalid},
	{Msrtscaux, Msrtscaux, Mstore, offsetof(Msrs, tscaux), 0, tscauxvalid},
};

static Msrdesc*
lookup(u32int msr)
{
	Msrdesc *d;

	for(d = descs; d < descs + nelem(descs); d++)
		if(msr >= d->lo && msr <= d->hi)
			return d;
	return nil;
}

static u64int*
slot(Msrs *m, Msrdesc *d, u32int msr)
{
	return (u64int*)((uchar*)m + d->off) + (msr - d->lo);
}

/* The i-th MSR answered with a constant, for the kernel's msr file; -1 past the last. */
int
msrconst(int i, u32int *msr, u64int *val)
{
	Msrdesc *d;

	for(d = descs; d < descs + nelem(descs); d++){
		if(d->kind != Mconst)
			continue;
		if(i <= d->hi - d->lo){
			*msr = d->lo + i;
			*val = d->reset;
			return 0;
		}
		i -= d->hi - d->lo + 1;
	}
	return -1;
}

void
msrinit(Msrs *m, int bsp)
{
	Msrdesc *d;
	u32int msr;

	memset(m, 0, sizeof *m);
	for(d = descs; d < descs + nelem(descs); d++)
		if(d->kind == Mstore)
			for(msr = d->lo; msr <= d->hi; msr++)
				*slot(m, d, msr) = d->reset;
	if(bsp)
		m->apicbase |= Apicbsp;
}

int
msrread(Msrs *m, u32int msr, u64int *val)
{
	Msrdesc *d;

	if((d = lookup(msr)) == nil)
		return -1;
	switch(d->kind){
	case Mtsc:
		*val = hosttsc() + m->tscoffset;
		break;
	case Mtscadjust:
		*val = m->tscadjust;
		break;
	case Mstore:
		*val = *slot(m, d, msr);
		break;
	default:
		*val = d->reset;
	}
	return 0;
}

int
msrwrite(Msrs *m, u32int msr, u64int val)
{
	Msrdesc *d;
	uvlong t;

	if((d = lookup(msr)) == nil)
		return -1;
	switch(d->kind){
	/* a write of either moves the other by as much (SDM Vol. 3, "Time-Stamp Counter Adjustment") */
	case Mtsc:
		t = hosttsc();
		m->tscadjust += val - (t + m->tscoffset);
		m->tscoffset = val - t;
		return 0;
	case Mtscadjust:
		m->tscoffset += val - m->tscadjust;
		m->tscadjust = val;
		return 0;
	case Mignore:
		return 0;
	case Mstore:
		val = (val & ~d->romask) | (*slot(m, d, msr) & d->romask);
		if(!d->valid(msr, val))
			return -1;
		*slot(m, d, msr) = val;
		return 0;
	default:
		return -1;
	}
}
