/*
 * Intel VMX for #X: detection, VMXON per processor, one VMCS per
 * vCPU, EPT from the map, event injection and the run loop. Section
 * numbers are from the SDM, Vol. 3 (Chapters 24 to 28 and Appendix A).
 *
 * Scheduling: there is no kernel process per vCPU. ctl go only marks
 * the vCPU running; the process that reads wait enters the guest from
 * its own kernel context (vmxwait) and stays in the run loop until an
 * exit that user space must see, which it returns as the line read.
 * An exit to user space thus costs the read of wait and the write of
 * go, and no other context switch. Exits the kernel handles (external
 * interrupts, NMIs, interrupt windows) resume the guest at once.
 * Host interrupts are not acknowledged on exit: the loop opens
 * interrupts briefly after such an exit so the host's handler runs,
 * and if the scheduler then wants the processor the loop puts the
 * host's FPU, debug and syscall state back, releases the vCPU and
 * yields. ctl stop sets a flag the loop reads after every exit, so a
 * guest that spins is stopped at its next clock interrupt.
 *
 * Processors: a VMCS is active on one processor at most (v->machno),
 * and stays so between entries. Only that processor, interrupts off,
 * changes what is active and current there. When v is wanted on
 * another (its reader moved, or another process works on v), the old
 * one is asked through Vvmx to VMCLEAR it, and the new one loads it
 * afresh (VMLAUNCH next, 24.11.3) with its own host state. ctl stop
 * and ctl irq take no lock and send Vvmx to the processor running the
 * guest: any interrupt there is an exit. Others who want v while its
 * guest runs get it at the run loop's next exit.
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
	/* capability and other MSRs (Appendix A) */
	Msrfeature	= 0x3a,
	Msrsysentercs	= 0x174,
	Msrsysenteresp	= 0x175,
	Msrsysentereip	= 0x176,
	Msrpat		= 0x277,
	Msrbasic	= 0x480,
	Msrpin		= 0x481,
	Msrproc		= 0x482,
	Msrexit		= 0x483,
	Msrentry	= 0x484,
	Msrmisc		= 0x485,
	Msrcr0fixed0	= 0x486,
	Msrcr0fixed1	= 0x487,
	Msrcr4fixed0	= 0x488,
	Msrcr4fixed1	= 0x489,
	Msrproc2	= 0x48b,
	Msreptvpid	= 0x48c,
	Msrtruepin	= 0x48d,
	Msrtrueproc	= 0x48e,
	Msrtrueexit	= 0x48f,
	Msrtrueentry	= 0x490,

	Featurelock	= 1<<0,
	Featurevmx	= 1<<2,
	Basictrue	= 1ULL<<55,

	/* EPT and VPID capabilities (A.10) */
	Capwalk4	= 1<<6,
	Capwb		= 1<<14,
	Capinvept	= 1<<20,
	Capinveptone	= 1<<25,
	Capinveptall	= 1<<26,
	Capinvvpid	= 1ULL<<32,
	Capinvvpidone	= 1ULL<<41,
	Capinvvpidall	= 1ULL<<42,

	/* VMCS fields (Appendix B) */
	Fvpid		= 0x0000,
	Fguestsel	= 0x0800,	/* es cs ss ds fs gs ldtr tr, 2 apart */
	Fhostes		= 0x0c00,
	Fhostcs		= 0x0c02,
	Fhostss		= 0x0c04,
	Fhostds		= 0x0c06,
	Fhostfs		= 0x0c08,
	Fhostgs		= 0x0c0a,
	Fhosttr		= 0x0c0c,
	Fmsrbitmap	= 0x2004,
	Ftscoffset	= 0x2010,
	Feptp		= 0x201a,
	Fguestpa	= 0x2400,
	Flink		= 0x2800,
	Fguestpat	= 0x2804,
	Fguestefer	= 0x2806,
	Fhostpat	= 0x2c00,
	Fhostefer	= 0x2c02,
	Fpin		= 0x4000,
	Fproc		= 0x4002,
	Fexcbitmap	= 0x4004,
	Fexit		= 0x400c,
	Fentry		= 0x4012,
	Fentryinfo	= 0x4016,
	Fentrycode	= 0x4018,
	Fentryilen	= 0x401a,
	Fproc2		= 0x401e,
	Finstrerror	= 0x4400,
	Freason		= 0x4402,
	Fexitinfo	= 0x4404,
	Fexitcode	= 0x4406,
	Fidtinfo	= 0x4408,
	Fidtcode	= 0x440a,
	Fexitilen	= 0x440c,
	Fexitinstr	= 0x440e,
	Fguestlimit	= 0x4800,	/* es ... tr */
	Fgdtrlimit	= 0x4810,
	Fidtrlimit	= 0x4812,
	Fguestperm	= 0x4814,	/* es ... tr */
	Finterrupt	= 0x4824,
	Factivity	= 0x4826,
	Fguestsysentercs = 0x482a,
	Fpreempttimer	= 0x482e,
	Fhostsysentercs	= 0x4c00,
	Fcr0mask	= 0x6000,
	Fcr4mask	= 0x6002,
	Fcr0shadow	= 0x6004,
	Fcr4shadow	= 0x6006,
	Fqual		= 0x6400,
	Fguestva	= 0x640a,
	Fguestcr0	= 0x6800,
	Fguestcr3	= 0x6802,
	Fguestcr4	= 0x6804,
	Fguestbase	= 0x6806,	/* es ... tr */
	Fgdtrbase	= 0x6816,
	Fidtrbase	= 0x6818,
	Fdr7		= 0x681a,
	Frsp		= 0x681c,
	Frip		= 0x681e,
	Frflags		= 0x6820,
	Fpendingdebug	= 0x6822,
	Fguestsysenteresp = 0x6824,
	Fguestsysentereip = 0x6826,
	Fhostcr0	= 0x6c00,
	Fhostcr3	= 0x6c02,
	Fhostcr4	= 0x6c04,
	Fhostfsbase	= 0x6c06,
	Fhostgsbase	= 0x6c08,
	Fhosttrbase	= 0x6c0a,
	Fhostgdtr	= 0x6c0c,
	Fhostidtr	= 0x6c0e,
	Fhostsysenteresp = 0x6c10,
	Fhostsysentereip = 0x6c12,
	Fhostrip	= 0x6c16,

	/* controls (24.6, 24.7, 24.8) */
	Pinextint	= 1<<0,
	Pinnmi		= 1<<3,
	Pinpreempt	= 1<<6,
	Procirqwin	= 1<<2,
	Proctscoff	= 1<<3,
	Prochlt		= 1<<7,
	Procmwait	= 1<<10,
	Procrdpmc	= 1<<11,
	Proccr3load	= 1<<15,
	Proccr3store	= 1<<16,
	Proccr8load	= 1<<19,
	Proccr8store	= 1<<20,
	Procio		= 1<<24,
	Procmtf		= 1<<27,
	Procmsrbitmap	= 1<<28,
	Procmonitor	= 1<<29,
	Proc2nd		= 1U<<31,
	Proc2ept	= 1<<1,
	Proc2rdtscp	= 1<<3,
	Proc2vpid	= 1<<5,
	Proc2unrestricted = 1<<7,
	Proc2invpcid	= 1<<12,
	Exitsavedebug	= 1<<2,
	Exithost64	= 1<<9,
	Exitsavepat	= 1<<18,
	Exitloadpat	= 1<<19,
	Exitsaveefer	= 1<<20,
	Exitloadefer	= 1<<21,
	Entryloaddebug	= 1<<2,
	Entryguest64	= 1<<9,
	Entryloadpat	= 1<<14,
	Entryloadefer	= 1<<15,

	/* exit reasons (Appendix C) */
	Rexception	= 0,
	Rextint		= 1,
	Rirqwin		= 7,
	Rio		= 30,
	Rpreempt	= 52,
	Reptfault	= 48,
	Reptinval	= 49,
	Rfailed		= 1U<<31,

	/* interruption information (24.8.3, 24.9.2) */
	Ivalid		= 1U<<31,
	Icode		= 1<<11,
	Itype		= 7<<8,
	Iextint		= 0<<8,
	Inmi		= 2<<8,
	Ihard		= 3<<8,
	Isoftint	= 4<<8,
	Isoftexc	= 6<<8,
	Iblockmask	= 3,		/* interruptibility: blocked by STI or MOV SS */
	Iblocksti	= 1,

	/* EPT entries (28.2.2) */
	Eptr		= 1<<0,
	Eptw		= 1<<1,
	Eptx		= 1<<2,
	Eptrwx		= 7,
	Epttypeshift	= 3,
	Eptlarge	= 1<<7,
	Eptaddr		= 0x000ffffffffff000ULL,

	Rflagsif	= 1<<9,
	Rflagsbit1	= 1<<1,
	Nvpid		= 1<<16,
	Nmsrswap	= 5,
	Defaultextrap	= 1<<1 | 1<<18,	/* #db and #mc, as the reference does */
	Xcr0x87		= 1<<0,
	Xcr0sse		= 1<<1,
	Xcr0avx		= 1<<2,
	Xcr0avx512	= 7<<5,
	Xsaveheader	= 512,
	Mxcsroff	= 24,
	Mxcsrmaskoff	= 28,
};

/* What the processor offers, read once. */
static struct {
	char	*lacks;		/* why clone fails, or nil */
	u32int	revision;
	u32int	pin, proc, proc2, exit, entry;
	u64int	eptcaps;
	u64int	cr0fixed0, cr0fixed1, cr4fixed0, cr4fixed1;
	u64int	cr0kernel;	/* guest CR0 bits the kernel owns */
	u64int	cr0forced;	/* of which these are 1 */
	u64int	cr4kernel;
	u64int	cr4forced;
	u64int	xcr0max;	/* what XCR0 may hold; the guest's image is saved with all of it */
	u32int	mxcsrmask;
	ulong	xsavesize;
	int	mtf;
} vmx;

/* Per processor: the VMXON region, VMCSs active and current there. */
static struct {
	uchar	*region;
	int	nvcpu;		/* VMCSs active here: VMX is on while there are any */
	Vcpu	*current;
	Vcpu	*clear;		/* another processor wants this one VMCLEARed here */
} vmxcpu[MAXMACH];

static struct {
	Lock;
	u32int	used[Nvpid/32];
} vpids;

static void	hostmach(Vcpu*);
static void	vmxintr(Ureg*, void*);

static u32int msrpassthrough[] = {
	MSRFSBASE, MSRGSBASE, MSRKGSBASE, MSRSTAR, MSRLSTAR, MSRCSTAR, MSRFMASK,
	MSREFER, Msrsysentercs, Msrsysenteresp, Msrsysentereip,
};

/* The guest's own copies of these live in Vcpu.msr while it is not loaded. */
static u32int msrswapped[Nmsrswap] = {
	MSRSTAR, MSRLSTAR, MSRCSTAR, MSRFMASK, MSRKGSBASE,
};

static char Eending[] = "vmx: vCPU is being removed";
static char Erunning[] = "vmx: vCPU is running";

/* The VMX instructions. Each returns 0, or -1 on VMfail. */
static int
vmxon(uvlong pa)
{
	u8int bad;

	asm volatile("vmxon %1; setbe %0" : "=q"(bad) : "m"(pa) : "cc", "memory");
	return bad ? -1 : 0;
}

static void
vmxoff(void)
{
	asm volatile("vmxoff" : : : "cc", "memory");
}

static int
vmclear(uvlong pa)
{
	u8int bad;

	asm volatile("vmclear %1; setbe %0" : "=q"(bad) : "m"(pa) : "cc", "memory");
	return bad ? -1 : 0;
}

static int
vmptrld(uvlong pa)
{
	u8int bad;

	asm volatile("vmptrld %1; setbe %0" : "=q"(bad) : "m"(pa) : "cc", "memory");
	return bad ? -1 : 0;
}

static uvlong
vmcsread(u32int field)
{
	uvlong v;

	v = 0;
	asm volatile("vmread %1, %0" : "+r"(v) : "r"((uvlong)field) : "cc");
	return v;
}

static void
vmcswrite(u32int field, uvlong v)
{
	asm volatile("vmwrite %0, %1" : : "r"(v), "r"((uvlong)field) : "cc");
}

static void
invept(int type, uvlong eptp)
{
	uvlong desc[2];

	desc[0] = eptp;
	desc[1] = 0;
	asm volatile("invept %0, %1" : : "m"(desc), "r"((uvlong)type) : "cc", "memory");
}

static void
invvpid(int type, int vpid)
{
	uvlong desc[2];

	desc[0] = vpid;
	desc[1] = 0;
	asm volatile("invvpid %0, %1" : : "m"(desc), "r"((uvlong)type) : "cc", "memory");
}

static void
xsave(uchar *area, u64int mask)
{
	asm volatile("xsave64 %0" : "=m"(*area) : "a"((u32int)mask), "d"((u32int)(mask>>32)) : "memory");
}

static void
xrstor(uchar *area, u64int mask)
{
	asm volatile("xrstor64 %0" : : "m"(*area), "a"((u32int)mask), "d"((u32int)(mask>>32)) : "memory");
}

static u64int
xgetbv(void)
{
	u32int lo, hi;

	asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (u64int)hi<<32 | lo;
}

static void
xsetbv(u64int v)
{
	asm volatile("xsetbv" : : "c"(0), "a"((u32int)v), "d"((u32int)(v>>32)));
}

static void
getdr(u64int dr[4], u64int *dr6)
{
	asm volatile("movq %%dr0, %0" : "=r"(dr[0]));
	asm volatile("movq %%dr1, %0" : "=r"(dr[1]));
	asm volatile("movq %%dr2, %0" : "=r"(dr[2]));
	asm volatile("movq %%dr3, %0" : "=r"(dr[3]));
	asm volatile("movq %%dr6, %0" : "=r"(*dr6));
}

static void
putdr(u64int dr[4], u64int dr6)
{
	asm volatile("movq %0, %%dr0" : : "r"(dr[0]));
	asm volatile("movq %0, %%dr1" : : "r"(dr[1]));
	asm volatile("movq %0, %%dr2" : : "r"(dr[2]));
	asm volatile("movq %0, %%dr3" : : "r"(dr[3]));
	asm volatile("movq %0, %%dr6" : : "r"(dr6));
}

/*
 * A control word: the bits wanted, plus those that must be 1, minus
 * those that must be 0 (A.3 to A.5); nil if something required is
 * not allowed.
 */
static int
control(u32int msr, u32int want, u32int need, u32int *ctl)
{
	uvlong cap;
	u32int c;

	cap = rdmsr(msr);
	c = (want | need | (u32int)cap) & (u32int)(cap>>32);
	if((c & need) != need)
		return -1;
	*ctl = c;
	return 0;
}

/*
 * Find out what the processor can do. Nothing here faults: the VMX
 * MSRs are read only after CPUID says VMX exists.
 */
void
vmxinit(void)
{
	uvlong basic, feature;
	u32int r[4], truemsr, cap2;
	int t;

	intrenable(Vvmx, vmxintr, nil, "vmx");
	if((m->cpuidcx & (1<<5)) == 0){
		vmx.lacks = "vmx: cpu lacks vmx";
		return;
	}
	feature = rdmsr(Msrfeature);
	if((feature & Featurelock) == 0){
		feature |= Featurelock | Featurevmx;
		wrmsr(Msrfeature, feature);
	}
	if((feature & Featurevmx) == 0){
		vmx.lacks = "vmx: disabled by the firmware";
		return;
	}
	basic = rdmsr(Msrbasic);
	vmx.revision = basic & 0x7fffffff;
	t = (basic & Basictrue) != 0;
	truemsr = t ? Msrtrueproc : Msrproc;
	if((rdmsr(truemsr) >> 32 & Proc2nd) == 0){
		vmx.lacks = "vmx: cpu lacks ept (no secondary controls)";
		return;
	}
	cap2 = rdmsr(Msrproc2) >> 32;
	if((cap2 & Proc2ept) == 0){
		vmx.lacks = "vmx: cpu lacks ept";
		return;
	}
	if((cap2 & Proc2unrestricted) == 0){
		vmx.lacks = "vmx: cpu lacks unrestricted guest";
		return;
	}
	if((cap2 & Proc2vpid) == 0){
		vmx.lacks = "vmx: cpu lacks vpid";
		return;
	}
	vmx.proc2 = (Proc2ept|Proc2unrestricted|Proc2vpid|Proc2rdtscp|Proc2invpcid) & cap2;
	vmx.eptcaps = rdmsr(Msreptvpid);
	if((vmx.eptcaps & (Capwalk4|Capinvept)) != (Capwalk4|Capinvept)
	|| (vmx.eptcaps & (Capinveptone|Capinveptall)) == 0){
		vmx.lacks = "vmx: cpu lacks 4-level ept with invept";
		return;
	}
	if((vmx.eptcaps & Capinvvpid) == 0 || (vmx.eptcaps & (Capinvvpidone|Capinvvpidall)) == 0){
		vmx.lacks = "vmx: cpu lacks invvpid";
		return;
	}
	if(control(t ? Msrtruepin : Msrpin, Pinpreempt, Pinextint|Pinnmi, &vmx.pin) < 0
	|| control(truemsr, Procrdpmc, Procio|Prochlt|Procmwait|Procmonitor|Procmsrbitmap|Proctscoff|Proccr8load|Proccr8store|Proc2nd, &vmx.proc) < 0
	|| control(t ? Msrtrueexit : Msrexit, 0, Exithost64|Exitsavedebug|Exitsavepat|Exitloadpat|Exitsaveefer|Exitloadefer, &vmx.exit) < 0
	|| control(t ? Msrtrueentry : Msrentry, 0, Entryloaddebug|Entryloadpat|Entryloadefer, &vmx.entry) < 0){
		vmx.lacks = "vmx: cpu lacks a required vmx control";
		return;
	}
	if((vmx.proc & (Proccr3load|Proccr3store)) != 0){
		vmx.lacks = "vmx: cpu lacks true controls";
		return;
	}
	vmx.proc &= ~Procirqwin;
	vmx.mtf = (rdmsr(truemsr) >> 32 & Procmtf) != 0;
	if((m->cpuidcx & (1<<26)) == 0){
		vmx.lacks = "vmx: cpu lacks xsave";
		return;
	}
	vmx.cr0fixed0 = rdmsr(Msrcr0fixed0);
	vmx.cr0fixed1 = rdmsr(Msrcr0fixed1);
	vmx.cr4fixed0 = rdmsr(Msrcr4fixed0);
	vmx.cr4fixed1 = rdmsr(Msrcr4fixed1);
	/* unrestricted guest frees PE and PG (26.3.1.1); the rest is fixed */
	vmx.cr0forced = (vmx.cr0fixed0 & ~(u64int)(CR0PE|CR0PG)) | CR0ET;
	vmx.cr0kernel = vmx.cr0forced | ~vmx.cr0fixed1 | 0x1ffaffc0 | 0xffffffff00000000ULL;
	vmx.cr4forced = vmx.cr4fixed0;
	vmx.cr4kernel = vmx.cr4forced | ~vmx.cr4fixed1 | 1<<14 | 0xffffffff00000000ULL;

	/* the guest FPU is switched with XSAVE, which needs CR4.OSXSAVE */
	putcr4(getcr4() | CR4OSXSAVE);
	cpuid(0xd, 0, r);
	vmx.xcr0max = r[0] & (Xcr0x87|Xcr0sse|Xcr0avx|Xcr0avx512);
	vmx.xsavesize = r[2];
	{
		uchar fx[512+64], *a;

		a = (uchar*)ROUND((uintptr)fx, 64);
		memset(a, 0, 512);
		asm volatile("fxsave64 %0" : "=m"(*a));
		vmx.mxcsrmask = *(u32int*)(a+Mxcsrmaskoff);
		if(vmx.mxcsrmask == 0)
			vmx.mxcsrmask = 0xffbf;
	}
}

/* What vmxinit did to the boot processor, for another processor. */
void
vmxapinit(void)
{
	uvlong feature;

	if(vmx.lacks != nil)
		return;
	feature = rdmsr(Msrfeature);
	if((feature & Featurelock) == 0)
		wrmsr(Msrfeature, feature | Featurelock | Featurevmx);
	putcr4(getcr4() | CR4OSXSAVE);
}

char*
vmxlacks(void)
{
	return vmx.lacks;
}

static int
vpidalloc(void)
{
	int i;

	lock(&vpids);
	for(i = 1; i < Nvpid; i++)
		if((vpids.used[i/32] & 1<<(i%32)) == 0){
			vpids.used[i/32] |= 1<<(i%32);
			unlock(&vpids);
			return i;
		}
	unlock(&vpids);
	return -1;
}

static void
vpidfree(int i)
{
	lock(&vpids);
	vpids.used[i/32] &= ~(1<<(i%32));
	unlock(&vpids);
}

static uvlong
eptp(Vcpu *v)
{
	return PADDR(v->ept) | 3<<3 | ((vmx.eptcaps & Capwb) ? 6 : 0);
}

/* Turn VMX on here for a VMCS to become active; interrupts are off. */
static void
cpuon(void)
{
	typeof(vmxcpu[0]) *c;
	uvlong cr0, cr4;

	c = &vmxcpu[m->machno];
	if(c->nvcpu++ > 0)
		return;
	putcr0(getcr0() | CR0NE);
	putcr4(getcr4() | CR4VMXE);
	cr0 = getcr0();
	cr4 = getcr4();
	if((cr0 & vmx.cr0fixed0) != vmx.cr0fixed0 || (cr0 & ~vmx.cr0fixed1) != 0
	|| (cr4 & vmx.cr4fixed0) != vmx.cr4fixed0 || (cr4 & ~vmx.cr4fixed1) != 0){
		c->nvcpu--;
		putcr4(getcr4() & ~CR4VMXE);
		error("vmx: host control registers outside the VMX fixed bits");
	}
	if(c->region == nil)
		c->region = pagealloczero(BY2PG);
	if(c->region == nil){
		c->nvcpu--;
		error(Enomem);
	}
	*(u32int*)c->region = vmx.revision;
	if(vmxon(PADDR(c->region)) < 0){
		c->nvcpu--;
		putcr4(getcr4() & ~CR4VMXE);
		error("vmx: vmxon failed");
	}
}

static void
cpuoff(void)
{
	typeof(vmxcpu[0]) *c;

	c = &vmxcpu[m->machno];
	if(--c->nvcpu > 0)
		return;
	vmxoff();
	putcr4(getcr4() & ~CR4VMXE);
	c->current = nil;
}

/* v's VMCS is active here and goes; interrupts are off. */
static void
clearhere(Vcpu *v)
{
	typeof(vmxcpu[0]) *c;

	c = &vmxcpu[m->machno];
	vmclear(PADDR(v->vmcs));
	if(c->current == v)
		c->current = nil;
	v->machno = -1;
	cpuoff();
}

/* Do what another processor asked of this one; interrupts are off. */
static void
clearasked(void)
{
	typeof(vmxcpu[0]) *c;
	Vcpu *v;

	c = &vmxcpu[m->machno];
	v = c->clear;
	if(v == nil)
		return;
	clearhere(v);
	coherence();
	c->clear = nil;
}

static void
vmxintr(Ureg*, void*)
{
	clearasked();
}

/*
 * Make v's VMCS active nowhere. The caller has v locked, so that no
 * one else moves it, and interrupts off; while it waits for another
 * processor, it does what others ask of this one, which might be
 * waiting on it in turn.
 */
static void
vmcsclear(Vcpu *v)
{
	typeof(vmxcpu[0]) *c;
	int where;

	where = v->machno;
	if(where < 0)
		return;
	if(where == m->machno){
		clearhere(v);
		return;
	}
	c = &vmxcpu[where];
	while(!__sync_bool_compare_and_swap(&c->clear, nil, v))
		clearasked();
	apicipi(machp[where]->apicid, Vvmx);
	while(c->clear == v){
		clearasked();
		pause();
	}
}

/*
 * Make v's VMCS current here, moving it if it is active elsewhere;
 * interrupts are off. A VMCS new here is cleared first: a fresh one
 * must be (24.11.3), and one cleared elsewhere may be.
 */
static void
vmcsload(Vcpu *v)
{
	typeof(vmxcpu[0]) *c;

	c = &vmxcpu[m->machno];
	if(v->machno == m->machno){
		if(c->current != v){
			if(vmptrld(PADDR(v->vmcs)) < 0)
				error("vmx: vmptrld failed");
			c->current = v;
		}
		return;
	}
	if(v->machno >= 0)
		v->nmigrate++;
	vmcsclear(v);
	cpuon();
	if(vmclear(PADDR(v->vmcs)) < 0 || vmptrld(PADDR(v->vmcs)) < 0){
		cpuoff();
		error("vmx: vmptrld failed");
	}
	c->current = v;
	v->machno = m->machno;
	v->launched = 0;
	/*
	 * This processor's TLB may hold translations from v's last stay
	 * here, which its guest or the map have since changed elsewhere.
	 */
	v->flushvpid = 1;
	v->flushept = 1;
	/* before the run loop looks at stopreq: kick must find v here */
	coherence();
	hostmach(v);
}

/* Get an exit out of the processor running v's guest, if another. */
static void
kick(Vcpu *v)
{
	uintptr s;
	int where;

	s = splhi();
	where = v->machno;
	if(v->state == Vrunning && where >= 0 && where != m->machno)
		apicipi(machp[where]->apicid, Vvmx);
	splx(s);
}

static void
msrintercept(Vcpu *v, u32int msr, int on)
{
	u32int bit, *w;

	if(msr < 0x2000)
		bit = msr;
	else if(msr - 0xc0000000 < 0x2000)
		bit = 1024*8 + msr - 0xc0000000;
	else
		return;
	for(w = v->msrbitmap; w < v->msrbitmap + 2048/4 + 1; w += 2048/4){
		if(on)
			w[bit/32] |= 1<<(bit%32);
		else
			w[bit/32] &= ~(1<<(bit%32));
	}
}

typedef struct { u16int limit; u64int base; } __attribute__((packed)) Descptr;

/* Host state that depends on the processor (24.5). */
static void
hostmach(Vcpu *v)
{
	Descptr idt;

	asm volatile("sidt %0" : "=m"(idt));
	vmcswrite(Fhosttrbase, (uintptr)&m->tss);
	vmcswrite(Fhostgdtr, (uintptr)m->gdt);
	vmcswrite(Fhostidtr, idt.base);
	vmcswrite(Fhostgsbase, (uintptr)m);
}

/*
 * The VMCS of a new vCPU: controls from vmx, host state from this
 * processor, and the guest in flat 32-bit protected mode.
 */
static void
vmcsinit(Vcpu *v)
{
	int i;

	vmcswrite(Fpin, vmx.pin);
	vmcswrite(Fproc, v->procctl = vmx.proc);
	vmcswrite(Fproc2, vmx.proc2);
	vmcswrite(Fexit, vmx.exit);
	vmcswrite(Fentry, vmx.entry & ~Entryguest64);
	vmcswrite(Fexcbitmap, Defaultextrap);
	/*
	 * A clock tick's worth of the preemption timer, reloaded at each
	 * entry: a backstop for getting the processor back should an
	 * external interrupt not cause an exit (25.5.1).
	 */
	if(vmx.pin & Pinpreempt)
		vmcswrite(Fpreempttimer, (m->cpuhz/conf.hz) >> (rdmsr(Msrmisc) & 0x1f));
	vmcswrite(Fmsrbitmap, PADDR(v->msrbitmap));
	vmcswrite(Feptp, eptp(v));
	vmcswrite(Fvpid, v->vpid);
	vmcswrite(Ftscoffset, -rdtsc());
	vmcswrite(Flink, ~0ULL);
	vmcswrite(Fentryinfo, 0);

	vmcswrite(Fhostcs, KESEL);
	vmcswrite(Fhostss, KDSEL);
	vmcswrite(Fhostds, KDSEL);
	vmcswrite(Fhostes, KDSEL);
	vmcswrite(Fhostfs, 0);
	vmcswrite(Fhostgs, 0);
	vmcswrite(Fhosttr, TSSSEL);
	vmcswrite(Fhostcr0, getcr0());
	vmcswrite(Fhostcr4, getcr4());
	vmcswrite(Fhostpat, rdmsr(Msrpat));
	vmcswrite(Fhostefer, rdmsr(MSREFER));
	vmcswrite(Fhostsysentercs, 0);
	vmcswrite(Fhostsysenteresp, 0);
	vmcswrite(Fhostsysentereip, 0);
	vmcswrite(Fhostrip, (uintptr)vmxexit);

	for(i = 0; i < 6; i++){
		vmcswrite(Fguestsel+2*i, 0);
		vmcswrite(Fguestbase+2*i, 0);
		vmcswrite(Fguestlimit+2*i, 0xffffffff);
		vmcswrite(Fguestperm+2*i, i == 1 ? 0xc09b : 0xc093);
	}
	vmcswrite(Fguestsel+2*6, 0);
	vmcswrite(Fguestbase+2*6, 0);
	vmcswrite(Fguestlimit+2*6, 0);
	vmcswrite(Fguestperm+2*6, 1<<16);		/* LDTR unusable */
	vmcswrite(Fguestsel+2*7, 0);
	vmcswrite(Fguestbase+2*7, 0);
	vmcswrite(Fguestlimit+2*7, 0xffff);
	vmcswrite(Fguestperm+2*7, 0x8b);		/* busy 32-bit TSS */
	vmcswrite(Fgdtrbase, 0);
	vmcswrite(Fgdtrlimit, 0xffff);
	vmcswrite(Fidtrbase, 0);
	vmcswrite(Fidtrlimit, 0xffff);
	vmcswrite(Fguestcr0, CR0PE | vmx.cr0forced);
	vmcswrite(Fcr0shadow, CR0PE | vmx.cr0forced);
	vmcswrite(Fcr0mask, vmx.cr0kernel);
	vmcswrite(Fguestcr4, vmx.cr4forced);
	vmcswrite(Fcr4shadow, 0);
	vmcswrite(Fcr4mask, vmx.cr4kernel);
	vmcswrite(Fguestcr3, 0);
	vmcswrite(Fdr7, 0x400);
	vmcswrite(Frsp, 0);
	vmcswrite(Frip, 0);
	vmcswrite(Frflags, Rflagsbit1);
	vmcswrite(Fpendingdebug, 0);
	vmcswrite(Finterrupt, 0);
	vmcswrite(Factivity, 0);
	vmcswrite(Fguestpat, 0x0007040600070406ULL);
	vmcswrite(Fguestefer, 0);
	vmcswrite(Fguestsysentercs, 0);
	vmcswrite(Fguestsysenteresp, 0);
	vmcswrite(Fguestsysentereip, 0);
}

static void*
mustalloc(ulong n)
{
	void *p;

	p = pagealloczero(n);
	if(p == nil)
		error(Enomem);
	return p;
}

static void
eptfree(u64int *t, int level)
{
	int i;

	if(level > 1)
		for(i = 0; i < 512; i++)
			if((t[i] & Eptrwx) != 0 && (t[i] & Eptlarge) == 0)
				eptfree(KADDR(t[i] & Eptaddr), level-1);
	pagefree(t, BY2PG);
}

static void
memfree(Vmem *p)
{
	putseg(p->seg);
	free(p);
}

/* Give back everything v holds but the structure itself. */
static void
release(Vcpu *v)
{
	Vmem *p;
	uintptr s;

	if(v->vmcs != nil){
		s = splhi();
		vmcsclear(v);
		splx(s);
		pagefree(v->vmcs, BY2PG);
		v->vmcs = nil;
	}
	if(v->ept != nil){
		eptfree(v->ept, 4);
		v->ept = nil;
	}
	while((p = v->mem) != nil){
		v->mem = p->next;
		memfree(p);
	}
	if(v->msrbitmap != nil){
		pagefree(v->msrbitmap, BY2PG);
		v->msrbitmap = nil;
	}
	if(v->fpu != nil){
		pagefree(v->fpu, PGROUND(vmx.xsavesize));
		pagefree(v->hostfpu, PGROUND(vmx.xsavesize));
		v->fpu = v->hostfpu = nil;
	}
	if(v->vpid > 0){
		vpidfree(v->vpid);
		v->vpid = 0;
	}
}

Vcpu*
vmxnew(int index)
{
	Vcpu *v;
	uintptr s;
	int i;

	if(vmx.lacks != nil)
		error(vmx.lacks);
	v = smalloc(sizeof *v);
	v->ref = 1;
	v->index = index;
	v->state = Vinit;
	v->machno = -1;
	v->ackvec = -1;
	if(waserror()){
		release(v);
		free(v);
		nexterror();
	}
	if((v->vpid = vpidalloc()) < 0)
		exhausted("vpids");
	v->ept = mustalloc(BY2PG);
	v->msrbitmap = mustalloc(BY2PG);
	memset(v->msrbitmap, 0xff, BY2PG);
	for(i = 0; i < nelem(msrpassthrough); i++)
		msrintercept(v, msrpassthrough[i], 0);
	v->fpu = mustalloc(PGROUND(vmx.xsavesize));
	/* FCW and MXCSR at reset: XRSTOR loads MXCSR even for init state (13.8.1) */
	*(u16int*)v->fpu = 0x37f;
	*(u32int*)(v->fpu+Mxcsroff) = 0x1f80;
	v->hostfpu = mustalloc(PGROUND(vmx.xsavesize));
	v->xcr0 = Xcr0x87;
	v->vmcs = mustalloc(BY2PG);
	*(u32int*)v->vmcs = vmx.revision;
	s = splhi();
	if(waserror()){
		splx(s);
		nexterror();
	}
	vmcsload(v);
	vmcsinit(v);
	poperror();
	splx(s);
	v->state = Vready;
	poperror();
	return v;
}

/* ctl quit, or removal of ctl: everything but the structure goes now. */
void
vmxfree(Vcpu *v)
{
	Vtrace *t;

	qlock(v);
	v->state = Vending;
	release(v);
	lock(&v->tracelock);
	for(t = v->traces; t != nil; t = t->next){
		t->hungup = 1;
		wakeup(t);
	}
	unlock(&v->tracelock);
	qunlock(v);
	wakeup(&v->runr);
}

void
vmxput(Vcpu *v)
{
	if(decref(v) > 0)
		return;
	free(v);
}

/*
 * Lock v with its VMCS current and interrupts off; the VMCS must
 * still exist. Returns the interrupt state for vmcsunlock.
 */
static uintptr
vmcslock(Vcpu *v)
{
	uintptr s;

	qlock(v);
	if(v->state == Vending){
		qunlock(v);
		error(Eending);
	}
	s = splhi();
	if(waserror()){
		splx(s);
		qunlock(v);
		nexterror();
	}
	vmcsload(v);
	poperror();
	return s;
}

static void
vmcsunlock(Vcpu *v, uintptr s)
{
	splx(s);
	qunlock(v);
}

/*
 * Registers by name. Most are VMCS fields; the rest are kept in the
 * Vcpu (general registers, CR2, DR0-3, DR6, XCR0) or need care.
 */
enum
{
	Kvmcs,
	Kgpr,		/* field is the index in gpr */
	Kdr,		/* field is the DR number */
	Kxcr0,
	Kcr0real,
	Kcr0fake,
	Kcr0mask,
	Kcr4real,
	Kcr4fake,
	Kcr4mask,
	Kefer,
	Kdr7,
	Kflags,
	Kperm,
	Kcanon,		/* a base: canonical */
	Kreadonly,
};

typedef struct Vreg Vreg;
struct Vreg
{
	char	*name;
	u32int	field;
	int	size;		/* bytes */
	int	kind;
};

#define SEGREGS(n, i)\
	n,		Fguestsel+2*(i),	2,	Kvmcs,\
	n "base",	Fguestbase+2*(i),	8,	Kcanon,\
	n "limit",	Fguestlimit+2*(i),	4,	Kvmcs,\
	n "perm",	Fguestperm+2*(i),	4,	Kperm

static Vreg vregs[] = {
	"pc",		Frip,		8,	Kvmcs,
	"sp",		Frsp,		8,	Kvmcs,
	"flags",	Frflags,	8,	Kflags,
	"ax",		0,		8,	Kgpr,
	"bx",		1,		8,	Kgpr,
	"cx",		2,		8,	Kgpr,
	"dx",		3,		8,	Kgpr,
	"bp",		6,		8,	Kgpr,
	"si",		4,		8,	Kgpr,
	"di",		5,		8,	Kgpr,
	"r8",		7,		8,	Kgpr,
	"r9",		8,		8,	Kgpr,
	"r10",		9,		8,	Kgpr,
	"r11",		10,		8,	Kgpr,
	"r12",		11,		8,	Kgpr,
	"r13",		12,		8,	Kgpr,
	"r14",		13,		8,	Kgpr,
	"r15",		14,		8,	Kgpr,
	"gdtrbase",	Fgdtrbase,	8,	Kcanon,
	"gdtrlimit",	Fgdtrlimit,	4,	Kvmcs,
	"idtrbase",	Fidtrbase,	8,	Kcanon,
	"idtrlimit",	Fidtrlimit,	4,	Kvmcs,
	SEGREGS("cs", 1),
	SEGREGS("ds", 3),
	SEGREGS("es", 0),
	SEGREGS("fs", 4),
	SEGREGS("gs", 5),
	SEGREGS("ss", 2),
	SEGREGS("tr", 7),
	SEGREGS("ldtr", 6),
	"cr0real",	Fguestcr0,	8,	Kcr0real,
	"cr0fake",	Fcr0shadow,	8,	Kcr0fake,
	"cr0mask",	Fcr0mask,	8,	Kcr0mask,
	"cr4real",	Fguestcr4,	8,	Kcr4real,
	"cr4fake",	Fcr4shadow,	8,	Kcr4fake,
	"cr4mask",	Fcr4mask,	8,	Kcr4mask,
	"cr2",		Vcr2,		8,	Kgpr,
	"cr3",		Fguestcr3,	8,	Kvmcs,
	"pat",		Fguestpat,	8,	Kvmcs,
	"efer",		Fguestefer,	8,	Kefer,
	"xcr0",		0,		8,	Kxcr0,
	"dr0",		0,		8,	Kdr,
	"dr1",		1,		8,	Kdr,
	"dr2",		2,		8,	Kdr,
	"dr3",		3,		8,	Kdr,
	"dr6",		6,		8,	Kdr,
	"dr7",		Fdr7,		8,	Kdr7,
	"instructionerror",	Finstrerror,	4,	Kreadonly,
	"exitreason",		Freason,	4,	Kreadonly,
	"exitqualification",	Fqual,		8,	Kreadonly,
	"exitinterruptinfo",	Fexitinfo,	4,	Kreadonly,
	"exitinterruptcode",	Fexitcode,	4,	Kreadonly,
	"exitinstructionlen",	Fexitilen,	4,	Kreadonly,
	"exitinstructioninfo",	Fexitinstr,	4,	Kreadonly,
	"exitva",		Fguestva,	8,	Kreadonly,
	"exitpa",		Fguestpa,	8,	Kreadonly,
	"idtinterruptinfo",	Fidtinfo,	4,	Kreadonly,
	"idtinterruptcode",	Fidtcode,	4,	Kreadonly,
};

static uvlong
getreg(Vcpu *v, Vreg *r)
{
	switch(r->kind){
	case Kgpr:
		return v->gpr[r->field];
	case Kdr:
		return r->field == 6 ? v->dr6 : v->dr[r->field];
	case Kxcr0:
		return v->xcr0;
	case Kcr0fake:
		return (vmcsread(Fguestcr0) & ~vmcsread(Fcr0mask)) | (vmcsread(Fcr0shadow) & vmcsread(Fcr0mask));
	case Kcr4fake:
		return (vmcsread(Fguestcr4) & ~vmcsread(Fcr4mask)) | (vmcsread(Fcr4shadow) & vmcsread(Fcr4mask));
	}
	return vmcsread(r->field);
}

/* EFER.LMA and the IA-32e entry control follow EFER.LME and CR0.PG (26.3.1.1). */
static void
updatelma(void)
{
	uvlong efer, entry;

	efer = vmcsread(Fguestefer) & ~(uvlong)EFERLMA;
	entry = vmcsread(Fentry) & ~Entryguest64;
	if((efer & EFERLME) && (vmcsread(Fguestcr0) & CR0PG)){
		efer |= EFERLMA;
		entry |= Entryguest64;
	}
	vmcswrite(Fguestefer, efer);
	vmcswrite(Fentry, entry);
}

static int
canonical(uvlong a)
{
	return (uvlong)((vlong)(a<<16)>>16) == a;
}

/* The guest FPU image must restore without a fault (13.8). */
static void
checkfpu(uchar *a)
{
	u64int bv;
	int i;

	bv = *(u64int*)(a+Xsaveheader);
	if((bv & ~vmx.xcr0max) != 0)
		error("vmx: fpregs: unknown state components");
	for(i = 8; i < 64; i++)
		if(a[Xsaveheader+i] != 0)
			error("vmx: fpregs: reserved header bytes not zero");
	if((*(u32int*)(a+Mxcsroff) & ~vmx.mxcsrmask) != 0)
		error("vmx: fpregs: reserved mxcsr bits set");
}

static void
setreg(Vcpu *v, Vreg *r, uvlong x)
{
	switch(r->kind){
	case Kreadonly:
		error("vmx: register is read-only");
	case Kgpr:
		v->gpr[r->field] = x;
		return;
	case Kdr:
		if(r->field == 6){
			if((x >> 32) != 0)
				error("vmx: invalid dr6");
			v->dr6 = x;
		}else
			v->dr[r->field] = x;
		return;
	case Kdr7:
		if((x >> 32) != 0)
			error("vmx: invalid dr7");
		break;
	case Kxcr0:
		if((x & Xcr0x87) == 0 || (x & ~vmx.xcr0max) != 0 || ((x & Xcr0avx) && !(x & Xcr0sse))
		|| ((x & Xcr0avx512) != 0 && (x & (Xcr0avx512|Xcr0avx)) != (Xcr0avx512|Xcr0avx)))
			error("vmx: invalid xcr0");
		v->xcr0 = x;
		return;
	case Kcr0real:
		x = (x & ~vmx.cr0kernel) | vmx.cr0forced;
		break;
	case Kcr0mask:
		x |= vmx.cr0kernel;
		break;
	case Kcr4real:
		x = (x & ~vmx.cr4kernel) | vmx.cr4forced;
		break;
	case Kcr4mask:
		x |= vmx.cr4kernel;
		break;
	case Kefer:
		if((x & ~(uvlong)(EFERSCE|EFERLME|EFERLMA|EFERNXE)) != 0)
			error("vmx: invalid efer");
		break;
	case Kflags:
		if((x & ~0x3f7fd7ULL) != 0)
			error("vmx: invalid flags");
		x |= Rflagsbit1;
		break;
	case Kperm:
		if((x & 0xfffe0f00) != 0)
			error("vmx: invalid segment permissions");
		break;
	case Kcanon:
		if(!canonical(x))
			error("vmx: non-canonical address");
		break;
	}
	if(r->size < 8 && (x >> 8*r->size) != 0)
		error("vmx: value too large");
	/*
	 * Moving pc past an instruction (a monitor emulating it) ends the
	 * one-instruction shadow of STI or MOV SS (SDM 24.4.2): otherwise
	 * "sti; hlt" resumed after the HLT could never take an interrupt.
	 */
	if(r->field == Frip && vmcsread(Frip) != x)
		vmcswrite(Finterrupt, vmcsread(Finterrupt) & ~Iblockmask);
	vmcswrite(r->field, x);
	if(r->kind == Kcr0real || r->kind == Kefer)
		updatelma();
}

/* One "name value" line per register; nil-terminated buffer [p, e). */
char*
vmxregsread(Vcpu *v, char *p, char *e)
{
	Vreg *r;
	uintptr s;

	s = vmcslock(v);
	for(r = vregs; r < vregs+nelem(vregs); r++)
		p = seprint(p, e, "%s %#.*llux\n", r->name, 2*r->size, getreg(v, r));
	vmcsunlock(v, s);
	return p;
}

static Vreg*
lookreg(char *name)
{
	Vreg *r;

	for(r = vregs; r < vregs+nelem(vregs); r++)
		if(strcmp(r->name, name) == 0)
			return r;
	error("unknown register");
	return nil;
}

static uvlong
parsenum(char *s)
{
	char *e;
	uvlong x;

	x = strtoull(s, &e, 0);
	if(e == s || *e != 0)
		error("invalid value");
	return x;
}

/* Set one register; the caller holds v with its VMCS current. */
static void
setregnamed(Vcpu *v, char *name, char *val)
{
	setreg(v, lookreg(name), parsenum(val));
}

void
vmxsetreg(Vcpu *v, char *name, char *val)
{
	uintptr s;

	s = vmcslock(v);
	if(waserror()){
		vmcsunlock(v, s);
		nexterror();
	}
	if(v->state == Vrunning)
		error(Erunning);
	setregnamed(v, name, val);
	poperror();
	vmcsunlock(v, s);
}

/*
 * go and step, with optional "name=value;..." settings applied first.
 * The reader of wait does the running.
 */
void
vmxgo(Vcpu *v, int step, char *settings)
{
	char *p, *next, *val;
	uintptr s;
	int waiter;

	if(step && !vmx.mtf)
		error("vmx: cpu lacks monitor trap flag");
	s = vmcslock(v);
	if(waserror()){
		vmcsunlock(v, s);
		nexterror();
	}
	if(v->state == Vrunning)
		error(Erunning);
	if(v->state != Vready)
		error("VM not ready");
	/* name=value;name=value; parsed in place: go comes with every exit */
	for(p = settings; p != nil && *p != 0; p = next){
		val = nil;
		for(next = p; *next != 0 && *next != ';'; next++)
			if(*next == '='){
				if(val != nil)
					error("number of fields wrong");
				val = next;
			}
		if(*next == ';')
			*next++ = 0;
		if(*p == 0)
			continue;
		if(val == nil)
			error("number of fields wrong");
		*val++ = 0;
		setregnamed(v, p, val);
	}
	v->step = step;
	v->stopreq = 0;
	v->exited = 0;
	v->state = Vrunning;
	v->gotsc = rdtsc();
	/* only a reader inside vmxwait can be asleep; others will see Vrunning */
	waiter = v->waiter != nil;
	poperror();
	vmcsunlock(v, s);
	if(waiter)
		wakeup(&v->runr);
}

/*
 * Takes effect at the next exit; needs no lock, so it reaches a
 * spinning guest, on another processor through an interrupt.
 */
void
vmxstop(Vcpu *v)
{
	if(v->state == Vending)
		error(Eending);
	if(v->state == Vrunning){
		v->stopreq = 1;
		coherence();
		kick(v);
	}
}

static char *excnames[32] = {
	[0] "#de", [1] "#db", [3] "#bp", [4] "#of", [5] "#br", [6] "#ud", [7] "#nm",
	[8] "#df", [10] "#ts", [11] "#np", [12] "#ss", [13] "#gp", [14] "#pf",
	[16] "#mf", [17] "#ac", [18] "#mc", [19] "#xm", [20] "#ve",
};

/* Exceptions that push an error code (6.3.1). */
static int
haserrorcode(int vec)
{
	return vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21;
}

/*
 * An event: #name, #N (exception N) or N (external interrupt N),
 * then optionally ",CODE" and ",ILEN".
 */
static Vevent
parseevent(char *s)
{
	Vevent ev;
	char *f[4], buf[64], *e;
	int n, vec, i;

	if(strlen(s) >= sizeof buf)
		error("vmx: invalid event");
	strcpy(buf, s);
	n = getfields(buf, f, nelem(f), 0, ",");
	if(n < 1 || n > 3 || f[0][0] == 0)
		error("vmx: invalid event");
	memset(&ev, 0, sizeof ev);
	for(i = 0; i < nelem(excnames); i++)
		if(excnames[i] != nil && strcmp(excnames[i], f[0]) == 0)
			break;
	if(i < nelem(excnames)){
		vec = i;
		ev.info = Ihard;
	}else{
		s = f[0];
		ev.info = Iextint;
		if(*s == '#'){
			s++;
			ev.info = Ihard;
		}
		vec = strtoul(s, &e, 0);
		if(e == s || *e != 0 || vec > 255)
			error("vmx: invalid vector");
		if(ev.info == Ihard && vec > 31)
			error("vmx: invalid exception vector");
	}
	if(vec == 2 && ev.info == Ihard)
		ev.info = Inmi;
	if(n >= 2 && f[1][0] != 0){
		if(ev.info != Ihard || !haserrorcode(vec))
			error("vmx: event takes no error code");
		ev.code = strtoul(f[1], &e, 0);
		if(*e != 0)
			error("vmx: invalid error code");
		ev.info |= Icode;
	}else if(ev.info == Ihard && haserrorcode(vec))
		ev.info |= Icode;
	if(n == 3){
		ev.ilen = strtoul(f[2], &e, 0);
		if(*e != 0 || ev.ilen < 1 || ev.ilen > 15)
			error("vmx: invalid instruction length");
		if(ev.info == Ihard && (vec == 3 || vec == 4))
			ev.info = Isoftexc;
		else if(ev.info == Iextint)
			ev.info = Isoftint;
	}
	ev.info |= Ivalid | vec;
	return ev;
}

/* ctl exc (irq 0) and ctl irq (irq 1); irq with no event cancels. */
void
vmxevent(Vcpu *v, char *s, int irq)
{
	Vevent ev;

	memset(&ev, 0, sizeof ev);
	if(s != nil)
		ev = parseevent(s);
	if(irq){
		/* like stop, it reaches a running guest */
		if(v->state == Vending)
			error(Eending);
		ilock(&v->irqlock);
		v->irq = ev;
		v->irqpending = s != nil;
		iunlock(&v->irqlock);
		kick(v);
		return;
	}
	qlock(v);
	if(v->state == Vending){
		qunlock(v);
		error(Eending);
	}
	v->exc = ev;
	v->excpending = 1;
	v->redeliverpending = 0;
	qunlock(v);
}

void
vmxextrap(Vcpu *v, u32int bitmap)
{
	uintptr s;

	s = vmcslock(v);
	vmcswrite(Fexcbitmap, bitmap);
	vmcsunlock(v, s);
}

/*
 * EPT. Leaves are 4 KiB, or 2 MiB where an extent covers an aligned
 * 2 MiB run of physically contiguous segment pages.
 */
static u64int*
eptnext(u64int *e)
{
	u64int *t, big;
	int i;

	if((*e & Eptrwx) != 0 && (*e & Eptlarge) == 0)
		return KADDR(*e & Eptaddr);
	t = mustalloc(BY2PG);
	if(*e & Eptlarge){
		/* split a 2 MiB leaf into 512 small ones */
		big = *e & ~(u64int)Eptlarge;
		for(i = 0; i < 512; i++)
			t[i] = big + (u64int)i*BY2PG;
	}
	*e = PADDR(t) | Eptrwx;
	return t;
}

static u64int*
eptpde(Vcpu *v, uvlong gpa)
{
	u64int *t;

	t = eptnext(&v->ept[gpa>>39 & 511]);
	return &t[gpa>>30 & 511];
}

static void
eptset(Vcpu *v, uvlong gpa, u64int leaf, int large)
{
	u64int *pdpte, *pde, *pt;

	pdpte = eptpde(v, gpa);
	pde = &eptnext(pdpte)[gpa>>21 & 511];
	if(large){
		if((*pde & Eptrwx) != 0 && (*pde & Eptlarge) == 0)
			eptfree(KADDR(*pde & Eptaddr), 1);
		*pde = leaf == 0 ? 0 : leaf | Eptlarge;
		return;
	}
	if(leaf == 0 && (*pde & Eptrwx) == 0)
		return;
	pt = eptnext(pde);
	pt[gpa>>12 & 511] = leaf;
}

/* Is [off, off+2M) of s one aligned physical run? */
static int
segrun2m(Segment *s, uvlong off)
{
	uvlong pa;
	int i;

	pa = segpaddr(s, off);
	if(pa & (BY2SE-1))
		return 0;
	for(i = 1; i < 512; i++)
		if(segpaddr(s, off + (uvlong)i*BY2PG) != pa + (uvlong)i*BY2PG)
			return 0;
	return 1;
}

static void
eptmap(Vcpu *v, Vmem *p)
{
	uvlong a, off;
	int large;

	for(a = p->lo; a < p->hi; a += large ? BY2SE : BY2PG){
		off = p->off + (a - p->lo);
		large = (a & (BY2SE-1)) == 0 && p->hi - a >= BY2SE;
		if(p->seg == nil)
			eptset(v, a, 0, large);
		else{
			if(large)
				large = segrun2m(p->seg, off);
			eptset(v, a, segpaddr(p->seg, off) | p->attr, large);
		}
	}
	v->flushept = 1;
}

/* Cut [lo, hi) out of the extent list; the new extent goes in after. */
static void
memcut(Vcpu *v, uvlong lo, uvlong hi)
{
	Vmem **l, *p, *q;

	for(l = &v->mem; (p = *l) != nil;){
		if(p->hi <= lo || p->lo >= hi){
			l = &p->next;
			continue;
		}
		if(p->lo < lo && p->hi > hi){
			q = smalloc(sizeof *q);
			*q = *p;
			incref(q->seg);
			q->off += hi - p->lo;
			q->lo = hi;
			p->hi = lo;
			q->next = p->next;
			p->next = q;
			return;
		}
		if(p->lo < lo){
			p->hi = lo;
			l = &p->next;
		}else if(p->hi > hi){
			p->off += hi - p->lo;
			p->lo = hi;
			l = &p->next;
		}else{
			*l = p->next;
			memfree(p);
		}
	}
}

static char *memtypes[] = { "uc", "wc", nil, nil, "wt", "wp", "wb" };

/*
 * One map line: access, cache type, [lo, hi), and the segment and
 * offset backing it (nil to unmap). Later lines override earlier.
 */
void
vmxmap(Vcpu *v, char *access, char *cache, uvlong lo, uvlong hi, char *segname, uvlong off)
{
	Vmem *p, **l;
	Segment *s;
	int attr, i;
	char *c;

	attr = 0;
	for(c = access; *c != 0; c++){
		switch(*c){
		case 'r': i = Eptr; break;
		case 'w': i = Eptw; break;
		case 'x': i = Eptx; break;
		case '-': continue;
		default: i = 0; break;
		}
		if(i == 0 || (attr & i) != 0)
			error("invalid access field");
		attr |= i;
	}
	if((attr & (Eptr|Eptw)) == Eptw)
		error("invalid access field");
	for(i = 0; i < nelem(memtypes); i++)
		if(memtypes[i] != nil && strcmp(memtypes[i], cache) == 0)
			break;
	if(i == nelem(memtypes))
		error("invalid memory type");
	attr |= i << Epttypeshift;
	if((lo & (BY2PG-1)) != 0 || lo >> 48 != 0)
		error("invalid low guest physical address");
	if((hi & (BY2PG-1)) != 0 || (hi >> 48 != 0 && hi != 1ULL<<48) || hi <= lo)
		error("invalid high guest physical address");
	s = nil;
	if((attr & Eptrwx) != 0){
		if(segname == nil)
			error("number of fields wrong");
		if((off & (BY2PG-1)) != 0)
			error("invalid offset");
		s = globalseg(segname);
		if(s == nil)
			error("no such segment");
		if(!(s->flags & SG_STICKY)){
			putseg(s);
			error("segment is not sticky");
		}
		if(off >= (uvlong)s->npage*BY2PG || hi - lo > (uvlong)s->npage*BY2PG - off){
			putseg(s);
			error("out of bounds");
		}
	}
	p = smalloc(sizeof *p);
	p->lo = lo;
	p->hi = hi;
	p->attr = attr;
	p->seg = s;
	p->off = off;
	qlock(v);
	if(waserror()){
		qunlock(v);
		memfree(p);
		nexterror();
	}
	if(v->state == Vending)
		error(Eending);
	if(v->state == Vrunning)
		error(Erunning);
	eptmap(v, p);
	poperror();
	memcut(v, lo, hi);
	if(s == nil)
		memfree(p);
	else{
		for(l = &v->mem; *l != nil && (*l)->lo < lo; l = &(*l)->next)
			;
		p->next = *l;
		*l = p;
	}
	qunlock(v);
}

/* OTRUNC on map: no memory at all. */
void
vmxunmapall(Vcpu *v)
{
	Vmem *p;
	int i;

	qlock(v);
	if(v->state == Vrunning || v->state == Vending){
		qunlock(v);
		error(v->state == Vending ? Eending : Erunning);
	}
	/* emptied in place: the VMCS's EPT pointer names this PML4 */
	for(i = 0; i < 512; i++)
		if((v->ept[i] & Eptrwx) != 0){
			eptfree(KADDR(v->ept[i] & Eptaddr), 3);
			v->ept[i] = 0;
		}
	while((p = v->mem) != nil){
		v->mem = p->next;
		memfree(p);
	}
	v->flushept = 1;
	qunlock(v);
}

char*
vmxmapread(Vcpu *v, char *p, char *e)
{
	Vmem *x;

	qlock(v);
	for(x = v->mem; x != nil; x = x->next)
		p = seprint(p, e, "%c%c%c %s %#llux %#llux %s %#llux\n",
			x->attr & Eptr ? 'r' : '-', x->attr & Eptw ? 'w' : '-', x->attr & Eptx ? 'x' : '-',
			memtypes[x->attr >> Epttypeshift & 7], x->lo, x->hi, x->seg->name, x->off);
	qunlock(v);
	return p;
}

/* fpregs: the guest's XSAVE image, checked before it is accepted. */
long
vmxfpuio(Vcpu *v, void *a, long n, vlong off, int write)
{
	uchar *tmp;

	if(off < 0)
		error(Enegoff);
	if(off >= vmx.xsavesize)
		return 0;
	if(n > vmx.xsavesize - off)
		n = vmx.xsavesize - off;
	qlock(v);
	if(waserror()){
		qunlock(v);
		nexterror();
	}
	if(v->state == Vending)
		error(Eending);
	if(!write)
		memmove(a, v->fpu+off, n);
	else{
		if(v->state == Vrunning)
			error(Erunning);
		tmp = smalloc(vmx.xsavesize);
		memmove(tmp, v->fpu, vmx.xsavesize);
		memmove(tmp+off, a, n);
		if(waserror()){
			free(tmp);
			nexterror();
		}
		checkfpu(tmp);
		poperror();
		memmove(v->fpu, tmp, vmx.xsavesize);
		free(tmp);
	}
	poperror();
	qunlock(v);
	return n;
}

/*
 * Put the guest's FPU, debug registers and syscall MSRs in the
 * processor, keeping the host's; the VMCS switches everything else.
 */
static void
load(Vcpu *v)
{
	int i;

	/* the host's lazy FPU switching may have left TS set */
	v->hostts = getcr0() & CR0TS;
	if(v->hostts)
		putcr0(getcr0() & ~CR0TS);
	vmcswrite(Fhostcr0, getcr0());
	vmcswrite(Fhostcr3, getcr3());
	vmcswrite(Fhostcr4, getcr4());
	vmcswrite(Fhostfsbase, rdmsr(MSRFSBASE));
	/*
	 * Both images are saved and restored with every component
	 * enabled: XCR0 governs XSAVE and AVX, not the SSE registers
	 * used through CR4.OSFXSR alone (13.3).
	 */
	v->hostxcr0 = xgetbv();
	xsetbv(vmx.xcr0max);
	xsave(v->hostfpu, vmx.xcr0max);
	xrstor(v->fpu, vmx.xcr0max);
	xsetbv(v->xcr0);
	getdr(v->hostdr, &v->hostdr6);
	putdr(v->dr, v->dr6);
	for(i = 0; i < Nmsrswap; i++){
		v->hostmsr[i] = rdmsr(msrswapped[i]);
		wrmsr(msrswapped[i], v->msr[i]);
	}
	v->loaded = 1;
}

static void
unload(Vcpu *v)
{
	int i;

	if(!v->loaded)
		return;
	for(i = 0; i < Nmsrswap; i++){
		v->msr[i] = rdmsr(msrswapped[i]);
		wrmsr(msrswapped[i], v->hostmsr[i]);
	}
	getdr(v->dr, &v->dr6);
	putdr(v->hostdr, v->hostdr6);
	xsetbv(vmx.xcr0max);
	xsave(v->fpu, vmx.xcr0max);
	xrstor(v->hostfpu, vmx.xcr0max);
	xsetbv(v->hostxcr0);
	if(v->hostts)
		putcr0(getcr0() | CR0TS);
	v->loaded = 0;
}

/* Events for this entry: a redelivery first, then exc, then irq if the guest can take it. */
static void
inject(Vcpu *v)
{
	Vevent *ev;
	u32int proc, info;
	int open;		/* the guest can take an interrupt now */
	uvlong cr0;

	ev = nil;
	v->injected = nil;
	if(v->redeliverpending){
		ev = &v->redeliver;
		v->redeliverpending = 0;
	}else if(v->excpending){
		ev = &v->exc;
		v->excpending = 0;
	}
	proc = v->procctl;
	/*
	 * Looked at without the lock first, on every entry: an irq posted
	 * after this look interrupts the processor, so the guest exits at
	 * once and the next entry takes it.
	 */
	if(v->irqpending){
		open = ev == nil && (vmcsread(Frflags) & Rflagsif) && (vmcsread(Finterrupt) & Iblockmask) == 0;
		ilock(&v->irqlock);
		if(v->irqpending && open){
			v->irqtaken = v->irq;
			ev = &v->irqtaken;
			v->irqpending = 0;
			v->ackvec = v->irqtaken.info & 0xff;
		}else if(v->irqpending)
			proc |= Procirqwin;
		iunlock(&v->irqlock);
	}
	if(v->step)
		proc |= Procmtf;
	vmcswrite(Fproc, proc);
	if(ev == nil)
		return;
	v->injected = ev;
	info = ev->info;
	/* no error code in real mode (26.2.1.3) */
	cr0 = vmcsread(Fguestcr0);
	if((cr0 & CR0PE) == 0)
		info &= ~Icode;
	vmcswrite(Fentryinfo, info);
	vmcswrite(Fentrycode, ev->code);
	vmcswrite(Fentryilen, ev->ilen);
}

/* An entry that failed delivered nothing: the event is still pending. */
static void
undoinject(Vcpu *v)
{
	if(v->injected == &v->redeliver)
		v->redeliverpending = 1;
	else if(v->injected == &v->exc)
		v->excpending = 1;
	else if(v->injected == &v->irqtaken){
		/* unless ctl irq gave another meanwhile */
		ilock(&v->irqlock);
		if(!v->irqpending){
			v->irq = v->irqtaken;
			v->irqpending = 1;
		}
		iunlock(&v->irqlock);
		v->ackvec = -1;
	}
	v->injected = nil;
}

/*
 * Guest state that users can get wrong by themselves but that
 * hardware would not mind: STI blocking without IF (26.3.1.5).
 */
static void
fixinterruptibility(void)
{
	uvlong irq;

	irq = vmcsread(Finterrupt);
	if((irq & Iblocksti) && (vmcsread(Frflags) & Rflagsif) == 0)
		vmcswrite(Finterrupt, irq & ~Iblocksti);
}

static char *exitnames[Vnreason] = {
	[0] "exc", [1] "extirq", [2] "triplef", [3] "initsig", [4] "sipi", [5] "smiio",
	[6] "smiother", [7] "irqwin", [8] "nmiwin", [9] "taskswitch", [10] ".cpuid",
	[11] ".getsec", [12] ".hlt", [13] ".invd", [14] ".invlpg", [15] ".rdpmc",
	[16] ".rdtsc", [17] ".rsm", [18] ".vmcall", [19] ".vmclear", [20] ".vmlaunch",
	[21] ".vmptrld", [22] ".vmptrst", [23] ".vmread", [24] ".vmresume", [25] ".vmwrite",
	[26] ".vmxoff", [27] ".vmxon", [28] "movcr", [29] ".movdr", [30] "io",
	[31] ".rdmsr", [32] ".wrmsr", [33] "entrystate", [34] "entrymsr", [36] ".mwait",
	[37] "monitortrap", [39] ".monitor", [40] ".pause", [41] "mcheck", [43] "tpr",
	[44] "apicacc", [45] "eoi", [46] "gdtr_idtr", [47] "ldtr_tr", [48] "eptfault",
	[49] "eptinval", [50] ".invept", [51] ".rdtscp", [52] "preempt", [53] ".invvpid",
	[54] ".wbinvd", [55] ".xsetbv", [56] "apicwrite", [57] ".rdrand", [58] ".invpcid",
	[59] ".vmfunc", [60] ".encls", [61] ".rdseed", [62] "pmlfull", [63] ".xsaves",
	[64] ".xrstors",
};

/*
 * The exit line is made on every exit that reaches user space, so it
 * is appended without print's generality or per-byte bounds: its
 * longest form (eptfault: name, qualification and seven fields of at
 * most 16 digits) is under 200 bytes, inside Vlinemax.
 */
#define PUTLIT(p, s)	(__builtin_memcpy((p), (s), sizeof(s)-1), (p) + sizeof(s)-1)

/* x as %#llux prints it, but 0 as 0x0. */
static char*
puthex(char *p, uvlong x)
{
	int n, i;

	n = x == 0 ? 1 : (67 - __builtin_clzll(x)) / 4;
	p = PUTLIT(p, "0x");
	for(i = n-1; i >= 0; i--, x >>= 4)
		p[i] = "0123456789abcdef"[x & 0xf];
	return p + n;
}

static int
exitline(Vcpu *v, char *buf)
{
	char *p, *s, num[16];
	u32int reason, info;
	int rno, vec;
	uvlong qual;

	p = buf;
	reason = vmcsread(Freason);
	rno = reason & 0xffff;
	qual = vmcsread(Fqual);
	info = vmcsread(Fexitinfo);
	if(reason & Rfailed)
		*p++ = '!';
	vec = info & 0xff;
	if(rno == Rexception && (info & Ivalid)){
		s = vec < nelem(excnames) ? excnames[vec] : nil;
		if(s == nil){
			seprint(num, num+sizeof num, "#%d", vec);
			s = num;
		}
	}else if(rno < Vnreason && exitnames[rno] != nil)
		s = exitnames[rno];
	else{
		seprint(num, num+sizeof num, "?%d", rno);
		s = num;
	}
	while(*s != 0)
		*p++ = *s++;
	p = puthex(PUTLIT(p, " "), qual);
	p = puthex(PUTLIT(p, " pc "), vmcsread(Frip));
	p = puthex(PUTLIT(p, " sp "), vmcsread(Frsp));
	p = puthex(PUTLIT(p, " ilen "), vmcsread(Fexitilen));
	p = puthex(PUTLIT(p, " iinfo "), vmcsread(Fexitinstr));
	if(rno == Rexception && (info & Icode))
		p = puthex(PUTLIT(p, " excode "), vmcsread(Fexitcode));
	if(rno == Reptfault && (qual & 1<<7))
		p = puthex(PUTLIT(p, " va "), vmcsread(Fguestva));
	if(rno == Reptfault || rno == Reptinval)
		p = puthex(PUTLIT(p, " pa "), vmcsread(Fguestpa));
	if(rno == Rio)
		p = puthex(PUTLIT(p, " ax "), v->gpr[0]);
	*p++ = '\n';
	return p - buf;
}

/* Copy a line to every trace reader, never blocking on one. */
static void
trace(Vcpu *v, char *line, int n)
{
	Vtrace *t;
	int i;

	/* unlocked: a reader that links itself meanwhile starts with the next line */
	if(v->traces == nil)
		return;
	lock(&v->tracelock);
	for(t = v->traces; t != nil; t = t->next){
		if(t->wr - t->rd + n > BY2PG){
			t->lost++;
			continue;
		}
		for(i = 0; i < n; i++)
			t->buf[(t->wr + i) % BY2PG] = line[i];
		t->wr += n;
		wakeup(t);
	}
	unlock(&v->tracelock);
}

/*
 * Let pending host interrupts in, without letting the scheduler
 * switch away while the guest's state is loaded; if it wanted to, or
 * another process waits for v, put the host's state back, release v
 * and yield. Returns with v locked, its VMCS current (perhaps moved
 * here from another processor) and interrupts off.
 */
static void
hostinterrupts(Vcpu *v)
{
	up->nlocks++;
	asm volatile("sti; nop; cli" : : : "memory");
	up->nlocks--;
	if(!up->delaysched && !qlockwanted(v))
		return;
	unload(v);
	qunlock(v);
	spllo();
	if(up->delaysched){
		up->delaysched = 0;
		sched();
	}
	qlock(v);
	splhi();
	if(v->state != Vending)
		vmcsload(v);
}

/*
 * Run the guest until an exit that user space must see. Called with
 * v locked and interrupts off; returns the length of the line put in
 * buf, or 0 if v is no longer running. A note for the reader ends
 * the read with "interrupted" between two entries; v stays running,
 * so the next read of wait goes on with it.
 */
static int
run(Vcpu *v, char *buf, int size)
{
	u32int reason, info;
	uvlong t0;
	int r, n;
	char err[ERRMAX];

	for(;;){
		if(v->state != Vrunning)
			return 0;
		/*
		 * stop reports the next exit: one that came before
		 * the guest ran since go would leave the reader with
		 * nothing to report and v ready, asleep for good.
		 */
		if(v->stopreq && v->exited){
			v->stopreq = 0;
			v->state = Vready;
			return exitline(v, buf);
		}
		if(up->notepending){
			up->notepending = 0;
			error(Eintr);
		}
		if(!v->loaded)
			load(v);
		if(v->flushvpid){
			invvpid((vmx.eptcaps & Capinvvpidone) ? 1 : 2, v->vpid);
			v->flushvpid = 0;
		}
		if(v->flushept){
			invept((vmx.eptcaps & Capinveptone) ? 1 : 2, eptp(v));
			v->flushept = 0;
		}
		inject(v);
		fixinterruptibility();
		t0 = rdtsc();
		if(v->gotsc != 0){
			v->go2entry += t0 - v->gotsc;
			v->gotsc = 0;
		}
		r = vmxenter(v->gpr, v->launched);
		v->exittsc = rdtsc();
		v->guestcycles += v->exittsc - t0;
		if(r != 0){
			undoinject(v);
			v->state = Vready;
			snprint(err, sizeof err, "vmx: VM entry failed: %s, instruction error %llud",
				r == 1 ? "no current VMCS" : "invalid controls or host state",
				r == 1 ? 0 : vmcsread(Finstrerror));
			error(err);
		}
		reason = vmcsread(Freason);
		if((reason & Rfailed) == 0)
			v->launched = 1;
		else
			undoinject(v);
		v->injected = nil;
		v->exited = 1;
		if((reason & 0xffff) < Vnreason)
			v->nexit[reason & 0xffff]++;
		info = vmcsread(Fidtinfo);
		if(info & Ivalid){
			v->redeliver.info = info & ~(1<<12);
			v->redeliver.code = vmcsread(Fidtcode);
			v->redeliver.ilen = vmcsread(Fexitilen);
			v->redeliverpending = 1;
		}
		switch(reason){
		case Rextint:
		case Rpreempt:
			hostinterrupts(v);
			break;
		case Rirqwin:
			break;
		case Rexception:
			info = vmcsread(Fexitinfo);
			if((info & Itype) == Inmi){
				/* the host's NMI: nothing here wants it; count it */
				v->nnmi++;
				break;
			}
			/* fall through */
		default:
			v->state = Vready;
			v->step = 0;
			n = exitline(v, buf);
			if(v->ackvec < 0)
				return n;
			memmove(v->held, buf, n);
			v->held[n] = 0;
		}
		if(v->ackvec >= 0){
			n = snprint(buf, size, "*ack %d\n", v->ackvec);
			v->ackvec = -1;
			return n;
		}
	}
}

static int
runnable(void *a)
{
	Vcpu *v;

	v = a;
	return (v->state != Vready && v->state != Vinit) || v->held[0] != 0;
}

/*
 * A read of wait: run the guest (after go) until it has something to
 * say. The line goes to trace readers too.
 */
long
vmxwait(Vcpu *v, char *buf, long size)
{
	int n;
	uintptr s;

	qlock(v);
	if(v->waiter != nil){
		qunlock(v);
		error("vmx: wait is already being read");
	}
	v->waiter = up;
	s = splhi();
	if(waserror()){
		if(v->state != Vending)
			unload(v);
		spllo();
		v->waiter = nil;
		qunlock(v);
		nexterror();
	}
	for(n = 0; n == 0;){
		if(v->held[0] != 0){
			n = strlen(v->held);
			memmove(buf, v->held, n+1);
			v->held[0] = 0;
			break;
		}
		switch(v->state){
		case Vending:
			error(Eending);
		case Vdead:
			error(v->errstr);
		case Vrunning:
			vmcsload(v);
			n = run(v, buf, size);
			break;
		default:
			if(v->loaded)
				unload(v);
			splx(s);
			qunlock(v);
			if(waserror()){
				qlock(v);
				s = splhi();
				nexterror();
			}
			sleep(&v->runr, runnable, v);
			poperror();
			qlock(v);
			s = splhi();
		}
	}
	/*
	 * Back to user space with the host's own MSRs, FPU and debug
	 * registers, even when the guest runs on (an *ack line): the guest's
	 * KERNEL_GS_BASE would otherwise reach the next swapgs.
	 */
	unload(v);
	poperror();
	splx(s);
	v->waiter = nil;
	trace(v, buf, n);
	if(v->exittsc != 0){
		v->exit2user += rdtsc() - v->exittsc;
		v->exittsc = 0;
		v->nuserexit++;
	}
	qunlock(v);
	return n;
}

char*
vmxstatus(Vcpu *v, char *p, char *e)
{
	static char *names[] = {
	[Vinit]		"init",
	[Vready]	"ready",
	[Vrunning]	"running",
	[Vending]	"ending",
	[Vdead]		"dead",
	};

	if(v->state == Vdead)
		return seprint(p, e, "dead %q\n", v->errstr);
	return seprint(p, e, "%s\n", names[v->state]);
}

char*
vmxstatsread(Vcpu *v, char *p, char *e)
{
	uvlong ns;
	int i;

	ns = m->cpuhz ? v->guestcycles * 1000 / (m->cpuhz / 1000000) : 0;
	p = seprint(p, e, "guestns %llud\n", ns);
	p = seprint(p, e, "userexits %llud\nexit2user %llud\ngo2entry %llud\n",
		v->nuserexit, v->exit2user, v->go2entry);
	for(i = 0; i < Vnreason; i++)
		if(v->nexit[i] != 0)
			p = seprint(p, e, "%s %lud\n", exitnames[i] ? exitnames[i] : "?", v->nexit[i]);
	if(v->nnmi != 0)
		p = seprint(p, e, "nmi %lud\n", v->nnmi);
	if(v->nmigrate != 0)
		p = seprint(p, e, "migrations %lud\n", v->nmigrate);
	return p;
}

void
vmxtracelink(Vcpu *v, Vtrace *t)
{
	t->buf = smalloc(BY2PG);
	lock(&v->tracelock);
	t->next = v->traces;
	v->traces = t;
	unlock(&v->tracelock);
}

void
vmxtraceunlink(Vcpu *v, Vtrace *t)
{
	Vtrace **l;

	lock(&v->tracelock);
	for(l = &v->traces; *l != nil; l = &(*l)->next)
		if(*l == t){
			*l = t->next;
			break;
		}
	unlock(&v->tracelock);
	free(t->buf);
}

static int
tracewaiting(void *a)
{
	Vtrace *t;

	t = a;
	return t->rd != t->wr || t->lost != 0 || t->hungup;
}

long
vmxtraceread(Vcpu *v, Vtrace *t, char *buf, long n)
{
	long i;
	char tmp[32];

	sleep(t, tracewaiting, t);
	lock(&v->tracelock);
	if(t->lost != 0){
		i = snprint(tmp, sizeof tmp, "lost %lud\n", t->lost);
		t->lost = 0;
		unlock(&v->tracelock);
		if(i > n)
			i = n;
		memmove(buf, tmp, i);
		return i;
	}
	for(i = 0; i < n && t->rd != t->wr; i++)
		buf[i] = t->buf[t->rd++ % BY2PG];
	unlock(&v->tracelock);
	return i;
}
