/*
 * Intel VMX for #X, the processors' half: detection, VMXON and VMXOFF,
 * where each vCPU's VMCS is active, and a vCPU's making and freeing.
 * Registers and events are in vmxregs.c, EPT in vmxept.c, the run
 * loop in vmxrun.c; vmx.h has what they share.
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
#include "vmx.h"

Vmxcaps vmx;
static Vmxcpu vmxcpu[MAXMACH];

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
 * What a guest could learn of the host or of another guest through
 * the processor's caches and buffers, and what stops it, from
 * CPUID.(EAX=7,ECX=0):EDX and IA32_ARCH_CAPABILITIES:
 *	L1TF: flush the L1 data cache before each VM entry, unless the
 *	CPU is not affected (RDCL_NO) or says VM entry needs no flush
 *	(SKIP_L1DFL_VMENTRY).
 *	MDS: clear the CPU's buffers with VERW before each VM entry,
 *	unless not affected (MDS_NO); an L1D flush clears them too.
 *	Spectre v2 between guests: IBPB when a processor switches to
 *	another vCPU's VMCS.
 */
enum
{
	Cpuidibpb	= 1<<26,	/* CPUID.7.0:EDX */
	Cpuidl1dflush	= 1<<28,
	Cpuidarchcap	= 1<<29,
	Cpuidmdclear	= 1<<10,
	Msrarchcap	= 0x10a,
	Msrpredcmd	= 0x49,
	Msrflushcmd	= 0x10b,
	Caprdclno	= 1<<0,
	Capskipl1dfl	= 1<<3,
	Capmdsno	= 1<<5,
};

static void
sidechannelinit(void)
{
	u32int r[4];
	uvlong caps;

	cpuid(0, 0, r);
	if(r[0] < 7)
		return;
	cpuid(7, 0, r);
	caps = (r[3] & Cpuidarchcap) ? rdmsr(Msrarchcap) : 0;
	vmx.l1dflush = (r[3] & Cpuidl1dflush) && (caps & (Caprdclno|Capskipl1dfl)) == 0;
	vmx.verw = (r[3] & Cpuidmdclear) && (caps & Capmdsno) == 0 && !vmx.l1dflush;
	vmx.ibpb = (r[3] & Cpuidibpb) != 0;
}

/* Just before VM entry, interrupts off. */
void
sidechannels(Vcpu *v)
{
	static u16int sel = KDSEL;
	uvlong t0;

	if(!vmx.l1dflush && !vmx.verw)
		return;
	t0 = rdtsc();
	if(vmx.l1dflush){
		wrmsr(Msrflushcmd, 1);
		v->nl1dflush++;
	}else{
		asm volatile("verw %0" : : "m"(sel) : "cc");
		v->nverw++;
	}
	v->sidecycles += rdtsc() - t0;
}

/* A processor takes up another vCPU: nothing the last one trained may steer it. */
static void
barrier(Vcpu *v)
{
	uvlong t0;

	if(!vmx.ibpb)
		return;
	t0 = rdtsc();
	wrmsr(Msrpredcmd, 1);
	v->nibpb++;
	v->sidecycles += rdtsc() - t0;
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
	/* else a guest could stall the host's processor writing back its caches */
	if((cap2 & Proc2wbinvd) == 0){
		vmx.lacks = "vmx: cpu lacks wbinvd exiting";
		return;
	}
	/*
	 * Without "enable INVPCID" the instruction raises #UD (25.1.3),
	 * as on a processor without it: vmx(1) hides it.
	 */
	vmx.proc2 = (Proc2ept|Proc2unrestricted|Proc2vpid|Proc2wbinvd|Proc2rdtscp) & cap2;
	if((m->cpuidextdx & 1<<27) == 0)
		vmx.proc2 &= ~Proc2rdtscp;
	vmx.rdtscp = (vmx.proc2 & Proc2rdtscp) != 0;
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
	/* ctl apic's: the TPR shadow and what builds on it (Chapter 29) */
	vmx.tprshadow = (rdmsr(truemsr) >> 32 & Proctprshadow) != 0;
	vmx.cr8free = ((u32int)rdmsr(truemsr) & (Proccr8load|Proccr8store)) == 0;
	if(vmx.tprshadow)
		vmx.apic2 = cap2 & (Proc2apicacc|Proc2apicreg|Proc2vid);
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
	sidechannelinit();
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
/* Turn VMX on here for a VMCS to become active; interrupts are off. */
static void
cpuon(void)
{
	Vmxcpu *c;
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
	Vmxcpu *c;

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
	Vmxcpu *c;

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
	Vmxcpu *c;
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
	Vmxcpu *c;
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
static void __attribute__((noinline))
vmcstake(Vcpu *v)
{
	Vmxcpu *c;

	c = &vmxcpu[m->machno];
	if(v->machno == m->machno){
		if(vmptrld(PADDR(v->vmcs)) < 0)
			error("vmx: vmptrld failed");
		c->current = v;
		barrier(v);
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
	barrier(v);
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

/* Every exit's path asks, and the VMCS is nearly always current already. */
void
vmcsload(Vcpu *v)
{
	if(v->machno != m->machno || vmxcpu[m->machno].current != v)
		vmcstake(v);
}

/* Get an exit out of the processor running v's guest, if another. */
void
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
	/* the kernel never writes it */
	vmcswrite(Fhostfsbase, rdmsr(MSRFSBASE));
}

/*
 * The VMCS of a new vCPU: controls from vmx, host state from this
 * processor, and the guest in flat 32-bit protected mode. Every field
 * our controls use is written: a zeroed region is not a VMCS with
 * known contents (24.11.4).
 */
static void
vmcsinit(Vcpu *v)
{
	int i;

	vmcswrite(Fpin, vmx.pin);
	vmcswrite(Fproc, v->procctl = vmx.proc);
	vmcswrite(Fproc2, v->proc2 = vmx.proc2);
	vmcswrite(Fexit, vmx.exit);
	vmcswrite(Fentry, vmx.entry & ~Entryguest64);
	vmcswrite(Fexcbitmap, Defaultextrap);
	vmcswrite(Fpfecmask, 0);
	vmcswrite(Fpfecmatch, 0);
	vmcswrite(Fcr3targets, 0);
	vmcswrite(Fexitmsrstores, 0);
	vmcswrite(Fexitmsrloads, 0);
	vmcswrite(Fentrymsrloads, 0);
	/*
	 * A clock tick's worth of the preemption timer, reloaded at each
	 * entry: a backstop for getting the processor back should an
	 * external interrupt not cause an exit (25.5.1).
	 */
	if(vmx.pin & Pinpreempt){
		v->preempt = (m->cpuhz/conf.hz) >> (rdmsr(Msrmisc) & 0x1f);
		vmcswrite(Fpreempttimer, v->preempt);
	}
	vmcswrite(Fmsrbitmap, PADDR(v->msrbitmap));
	vmcswrite(Feptp, eptp(v));
	vmcswrite(Fvpid, v->vpid);
	vmcswrite(Ftscoffset, -rdtsc());
	vmcswrite(Flink, ~0ULL);
	vmcswrite(Fentryinfo, 0);
	vmcswrite(Fentrycode, 0);
	vmcswrite(Fentryilen, 0);

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
	vmcswrite(Fguestdebugctl, 0);
	for(i = 0; i < 4; i++)
		vmcswrite(Fguestpdpte+2*i, 0);
	vmcswrite(Fguestsysentercs, 0);
	vmcswrite(Fguestsysenteresp, 0);
	vmcswrite(Fguestsysentereip, 0);
}

/*
 * The page at off of the sticky global segment segname, for ctl state
 * and apic: *sp holds the segment, for the caller to put.
 */
uchar*
stickypage(char *segname, uvlong off, Segment **sp)
{
	Segment *seg;

	if((off & (BY2PG-1)) != 0)
		error("invalid offset");
	if((seg = globalseg(segname)) == nil)
		error("no such segment");
	if(waserror()){
		putseg(seg);
		nexterror();
	}
	if(!(seg->flags & SG_STICKY))
		error("segment is not sticky");
	if(off >= (uvlong)seg->npage*BY2PG)
		error("out of bounds");
	poperror();
	*sp = seg;
	return segpage(seg, off);
}

void*
mustalloc(ulong n)
{
	void *p;

	p = pagealloczero(n);
	if(p == nil)
		error(Enomem);
	return p;
}

/* Give back everything v holds but the structure itself. */
static void
release(Vcpu *v)
{
	uintptr s;

	if(v->vmcs != nil){
		s = splhi();
		vmcsclear(v);
		splx(s);
		pagefree(v->vmcs, BY2PG);
		v->vmcs = nil;
	}
	eptrelease(v);
	statefree(v);
	apicfree(v);
	free(v->cpuid);
	free(v->msrpol);
	v->cpuid = nil;
	v->msrpol = nil;
	v->ncpuid = v->nmsrpol = 0;
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

/* A new vCPU, once the processor's quirks are known (vidprobe). */
Vcpu*
vmxnew(int index)
{
	if(vmx.lacks != nil)
		error(vmx.lacks);
	vidprobe();
	return vcpunew(index);
}

Vcpu*
vcpunew(int index)
{
	Vcpu *v;
	uintptr s;
	int i;

	v = smalloc(sizeof *v);
	v->ref = 1;
	v->index = index;
	v->state = Vinit;
	v->machno = -1;
	v->hostcpu = -1;
	v->ackvec = -1;
	v->vidquirk = vmx.vidquirk;
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
	qlock(v);
	v->state = Vending;
	release(v);
	tracehangup(v);
	qunlock(v);
	wakeup(&v->runr);
	wakeup(&v->hltr);
}

/* Another reference to v: an open file, or the table's. */
void
vmxget(Vcpu *v)
{
	incref(v);
}

void
vmxput(Vcpu *v)
{
	if(decref(v) > 0)
		return;
	free(v);
}

int
vmxindex(Vcpu *v)
{
	return v->index;
}

/*
 * Refuse what v's state forbids: refuse is a set of 1<<state. Each
 * state has one error, so every file says the same thing.
 */
void
vmxrefuse(Vcpu *v, int refuse)
{
	int state;

	state = v->state;
	if((refuse & 1<<state) == 0)
		return;
	switch(state){
	case Vending:
		error("vmx: vCPU is being removed");
	case Vrunning:
		error("vmx: vCPU is running");
	case Vdead:
		error(v->errstr);
	}
	error("VM not ready");
}

/* Lock v unless its state is in refuse (1<<state); ending is always refused. */
void
vmxlock(Vcpu *v, int refuse)
{
	qlock(v);
	if(waserror()){
		qunlock(v);
		nexterror();
	}
	vmxrefuse(v, refuse | 1<<Vending);
	poperror();
}

/*
 * vmxlock, then make v's VMCS current with interrupts off. Returns
 * the interrupt state for vmcsunlock.
 */
uintptr
vmcslock(Vcpu *v, int refuse)
{
	uintptr s;

	vmxlock(v, refuse);
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

void
vmcsunlock(Vcpu *v, uintptr s)
{
	splx(s);
	qunlock(v);
}
