/*
 * Page tables. The kernel half (KZERO and up) is built once at boot
 * and shared by every address space: all physical memory mapped at
 * KZERO, the kernel image at KTBASE.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"
#include "ureg.h"

enum
{
	Pml4shift	= 39,
	Pdptshift	= 30,
	Pdshift		= 21,
	Ptemask		= 511,
};

static void	flushintr(Ureg*, void*);

static u64int *kpml4;		/* the kernel's top level, shared by all */
static int gigapages;
static int nxe;		/* no-execute bit enabled */

uvlong
PADDR(void *va)
{
	uintptr a;

	a = (uintptr)va;
	if(a >= KTBASE)
		return a - KTBASE;
	if(a >= KZERO)
		return a - KZERO;
	panic("PADDR: %#p not a kernel address, from %#p", va, getcallerpc());
}

/*
 * Before the page allocator exists, tables come from the memory
 * after the kernel and the boot modules, which the boot mapping of the
 * first GiB covers.
 */
static void*
bootalloc(void)
{
	void *p;

	if(conf.bootfree + BY2PG > GiB)
		panic("bootalloc: boot images too large");
	p = KADDR(conf.bootfree);
	conf.bootfree += BY2PG;
	memset(p, 0, BY2PG);
	return p;
}

static u64int*
nextlevel(u64int *table, int index)
{
	u64int *t;

	if(table[index] & PTEVALID)
		return KADDR(table[index] & PTEADDR);
	t = bootalloc();
	table[index] = PADDR(t) | PTEVALID | PTEWRITE;
	return t;
}

/* Map [pa, pa+size) at va with large pages. */
static void
maplarge(uintptr va, uvlong pa, uvlong size)
{
	u64int *pdpt, *pd, flags;

	flags = PTEVALID | PTEWRITE | PTESIZE | PTEGLOBAL;
	while(size > 0){
		pdpt = nextlevel(kpml4, (va>>Pml4shift) & Ptemask);
		if(gigapages && (va & (GiB-1)) == 0 && (pa & (GiB-1)) == 0 && size >= GiB){
			pdpt[(va>>Pdptshift) & Ptemask] = pa | flags;
			va += GiB;
			pa += GiB;
			size -= GiB;
			continue;
		}
		pd = nextlevel(pdpt, (va>>Pdptshift) & Ptemask);
		pd[(va>>Pdshift) & Ptemask] = pa | flags;
		va += BY2SE;
		pa += BY2SE;
		size -= BY2SE;
	}
}

void
mmuinit(void)
{
	uvlong top;
	u32int r[4];

	cpuid(0x80000001, 0, r);
	gigapages = (r[3] >> 26) & 1;
	if(r[3] & (1<<20)){
		wrmsr(MSREFER, rdmsr(MSREFER) | EFERNXE);
		nxe = 1;
	}
	putcr4(getcr4() | CR4PGE);

	kpml4 = bootalloc();
	/* every address below 4 GiB, so that device registers are there too */
	top = ROUND(conf.topram, BY2SE);
	if(top < 4*GiB)
		top = 4*GiB;
	maplarge(KZERO, 0, top);
	maplarge(KTBASE, 0, GiB);
	putcr3(PADDR(kpml4));
	m->pml4 = kpml4;
	intrenable(Vflush, flushintr, nil, "flush");
}

/*
 * The page table an application processor starts on (at APPML4): the
 * kernel's, with the first 512 GiB also at 0 for the code at APBOOT.
 */
void
mmuapboot(u64int *pml4)
{
	memmove(pml4, kpml4, BY2PG);
	pml4[0] = kpml4[256];
}

/* An application processor leaves that table for the kernel's. */
void
mmuapinit(void)
{
	if(nxe)
		wrmsr(MSREFER, rdmsr(MSREFER) | EFERNXE);
	putcr3(PADDR(kpml4));
	m->pml4 = kpml4;
	/* global pages only now: the identity map at 0 must not outlive the switch */
	putcr4(getcr4() | CR4PGE);
}

/* Every address space starts as a copy of the kernel half. */
u64int*
newpml4(void)
{
	u64int *p;

	p = pagealloczero(BY2PG);
	if(p == nil)
		return nil;
	memmove(p+256, kpml4+256, 256*sizeof(u64int));
	return p;
}

static void
loadpml4(u64int *pml4)
{
	if(m->pml4 != pml4){
		m->pml4 = pml4;
		putcr3(PADDR(pml4));
	}
}

void
mmuswitch(Proc *p)
{
	m->syscallsp = (uintptr)p->kstack + KSTACK;
	m->tss.rsp0 = m->syscallsp;
	if(p->pml4 != nil && p->newtlb)
		mmuflushuser(p);
	loadpml4(p->pml4 != nil ? p->pml4 : kpml4);
}

/* Leave whatever address space this processor was in. */
void
mmukernel(void)
{
	loadpml4(kpml4);
}

/* The page-table entry for va in up's tables, making levels as needed. */
static u64int*
userpte(uintptr va)
{
	u64int *t, *n;
	int shift;

	t = up->pml4;
	for(shift = Pml4shift; shift > PGSHIFT; shift -= 9){
		if(!(t[(va>>shift) & Ptemask] & PTEVALID)){
			n = pagealloczero(BY2PG);
			if(n == nil)
				return nil;
			t[(va>>shift) & Ptemask] = PADDR(n) | PTEVALID | PTEWRITE | PTEUSER;
		}
		t = KADDR(t[(va>>shift) & Ptemask] & PTEADDR);
	}
	return &t[(va>>PGSHIFT) & Ptemask];
}

/* Interrupts are off while up's tables change: Vflush may empty them. */
void
putmmu(uintptr va, uvlong pa, int write, int exec)
{
	u64int *pte, e;
	uintptr s;

	s = splhi();
	pte = userpte(va);
	if(pte == nil){
		splx(s);
		error(Enovmem);
	}
	e = pa | PTEVALID | PTEUSER;
	if(write)
		e |= PTEWRITE;
	if(!exec && nxe)
		e |= PTENOEXEC;
	*pte = e;
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
	splx(s);
}

static void
freelevel(u64int *t, int level)
{
	int i;

	if(level > 1)
		for(i = 0; i < 512; i++)
			if(t[i] & PTEVALID)
				freelevel(KADDR(t[i] & PTEADDR), level-1);
	pagefree(t, BY2PG);
}

/*
 * Drop every user mapping of p, keeping its top level: a few tables
 * at a time are unhooked, then freed once this processor's TLB can no
 * longer lead to them. p is up, whose tables are then loaded, or runs
 * nowhere.
 */
void
mmuflushuser(Proc *p)
{
	u64int old[16];
	uintptr s;
	int i, n;

	s = splhi();
	p->newtlb = 0;
	i = 0;
	do{
		for(n = 0; n < nelem(old) && i < 256; i++)
			if(p->pml4[i] & PTEVALID){
				old[n++] = p->pml4[i];
				p->pml4[i] = 0;
			}
		if(p == up){
			m->pml4 = p->pml4;
			putcr3(PADDR(p->pml4));
		}
		while(n > 0)
			freelevel(KADDR(old[--n] & PTEADDR), 3);
	}while(i < 256);
	splx(s);
}

/*
 * Processors running a process whose newtlb is set flush now, and
 * this waits until they have; with interrupts on, for one of them
 * may be waiting on this processor.
 */
void
mmuflushothers(void)
{
	Mach *mp;
	Proc *p;
	int i;

	coherence();
	for(i = 0; i < conf.nmach; i++){
		mp = machp[i];
		p = mp->proc;
		if(p != nil && p != up && p->newtlb){
			mp->flushmmu = 1;
			coherence();
			apicipi(mp->apicid, Vflush);
		}
	}
	for(i = 0; i < conf.nmach; i++)
		while(machp[i]->flushmmu)
			pause();
}

static void
flushintr(Ureg*, void*)
{
	if(up != nil && up->newtlb)
		mmuflushuser(up);
	m->flushmmu = 0;
}

void
mmurelease(Proc *p)
{
	if(p->pml4 == nil)
		return;
	mmuflushuser(p);
	pagefree(p->pml4, BY2PG);
	p->pml4 = nil;
}
