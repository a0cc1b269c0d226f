/*
 * The virtual APIC of a #X vCPU (ctl apic; SDM Vol. 3, Chapter 29).
 * The monitor names a page of a sticky segment, which it maps too, as
 * the virtual-APIC page: the guest's local APIC registers live there.
 * With the TPR shadow a 64-bit guest's MOV to and from CR8 costs no
 * exit. Where the CPU has the controls, and the monitor names the
 * guest-physical page of the xAPIC, accesses to it are virtualized:
 * the TPR, and with APIC-register virtualization the reads of most
 * registers, cost no exit. With virtual-interrupt delivery, if the
 * monitor asks for it, the CPU takes vectors from the page's vIRR
 * (which ctl post fills) in priority order and virtualizes EOI,
 * exiting only for the vectors of the EOI-exit bitmap. The rest (the
 * timer, the ICR, writes of other registers) still reaches user space
 * as apicacc, apicwrite and eoi exits, and ctl irq still injects.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"
#include "vmx.h"
#include <xapic.h>

#define VREG(v, off)	(*(volatile u32int*)((v)->vapic + (off)))

/* The highest vector set in vISR or vIRR, or 0 for none, as SVI and RVI hold it (29.1.1). */
static int
highest(Vcpu *v, int reg)
{
	int vec;

	vec = apichighest((u32int*)v->vapic, reg);
	return vec < 0 ? 0 : vec;
}

/*
 * The vectors ctl post gave go into the vIRR. Only here, with the
 * guest stopped: the CPU updates the vIRR without atomic operations
 * while the guest runs.
 */
static void
merge(Vcpu *v)
{
	u32int x;
	int i;

	if(!v->anyposted)
		return;
	v->anyposted = 0;
	coherence();
	for(i = 0; i < 8; i++)
		if((x = __atomic_exchange_n(&v->posted[i], 0, __ATOMIC_SEQ_CST)) != 0)
			VREG(v, apicword(Apicirr, 32*i)) |= x;
	v->vapicdirty = 1;
}

/*
 * Whether the page's spurious-interrupt register has the APIC enabled:
 * a software-disabled one delivers nothing, its IRR held (10.4.7.2).
 */
static int
enabled(Vcpu *v)
{
	return (VREG(v, Apicsvr) & Svrenable) != 0;
}

/*
 * Before each entry: virtual-interrupt delivery is suspended while the
 * page's APIC is software-disabled, which delivers nothing and takes
 * no self-IPI (the processor would virtualize one, 29.1.5): its EOIs
 * and ICR writes exit instead. Otherwise RVI is the vIRR's highest
 * vector, as the monitor or ctl post left it, and VM entry evaluates
 * it (26.3.2.5); SVI the vISR's, which the monitor may have changed
 * too (an INIT's reset), for the EOIs to come (29.1.4). Only the
 * monitor, while the vCPU was ready, and merge change the page behind
 * the processor's back (vapicdirty): other entries find RVI, SVI and
 * the SVR as they were. Without virtual-interrupt delivery, the TPR
 * threshold is the monitor's or, if higher, the class of the irq the
 * TPR holds back, so that the guest's lowering of its TPR below
 * either exits (29.1.2); without APIC accesses too, it must not
 * exceed VTPR's class (26.2.1.1): the monitor may have lowered VTPR
 * in the page since it set the threshold.
 */
void
apicentry(Vcpu *v)
{
	u32int thr, tpr;

	if(v->vid){
		merge(v);
		if(v->vapicdirty){
			v->vapicdirty = 0;
			if(v->vidoff == enabled(v)){
				v->vidoff = !v->vidoff;
				vmcswrite(Fproc2, v->vidoff ? v->proc2 & ~Proc2vid : v->proc2);
			}
			if(!v->vidoff)
				vmcswrite(Fintstatus, highest(v, Apicisr)<<8 | highest(v, Apicirr));
		}
		if(!v->vidoff)
			return;
	}
	thr = v->tprthreshold;
	if(thr < v->irqheld)
		thr = v->irqheld;
	tpr = VREG(v, Apictpr) >> 4 & 0xf;
	if((v->proc2 & Proc2apicacc) == 0 && thr > tpr)
		thr = tpr;
	vmcswrite(Ftprthreshold, thr);
}

/*
 * Without virtual-interrupt delivery the kernel injects irq, which
 * comes from the local APIC whose TPR the guest now writes without
 * exits: it must wait while its priority class is not above the
 * TPR's (SDM Vol. 3, 10.8.3.1). inject holds it then, and the TPR
 * threshold brings the guest's lowering of the TPR back here.
 */
int
apicholds(Vcpu *v, Vevent *e)
{
	if(v->vapic == nil || v->vid || (e->info & Itype) != Iextint)
		return 0;
	return (e->info & 0xff) >> 4 <= (VREG(v, Apictpr) >> 4 & 0xf);
}

/*
 * A tpr exit: the kernel's own, answered by going back in to inject
 * the irq held, unless the TPR fell below the monitor's threshold too.
 */
int
apictpr(Vcpu *v)
{
	return v->vapic != nil && (VREG(v, Apictpr) >> 4 & 0xf) >= v->tprthreshold;
}

/*
 * For a HLT and the workaround: would the guest take a virtual
 * interrupt now (29.2.1)? RVI is the vIRR's highest unless the page
 * changed behind the processor's back.
 */
int
apicpending(Vcpu *v)
{
	int rvi;

	if(!v->vid || !enabled(v))
		return 0;
	merge(v);
	rvi = v->vapicdirty ? highest(v, Apicirr) : vmcsread(Fintstatus) & 0xff;
	return rvi >> 4 > (VREG(v, Apicppr) >> 4 & 0xf);
}

/*
 * ctl post: vec for the vIRR at the next entry, which it brings
 * about; vectors 0 to 15 are not interrupts there (10.5.2).
 */
void
vmxpost(Vcpu *v, int vec)
{
	vmxrefuse(v, 1<<Vending);
	if(!v->vid)
		error("vmx: no virtual-interrupt delivery");
	if(vec < 16)
		error("vmx: invalid vector for the virtual apic");
	__atomic_fetch_or(&v->posted[vec/32], 1U<<(vec%32), __ATOMIC_SEQ_CST);
	v->anyposted = 1;
	kick(v);
	wakeup(&v->hltr);
}

/* The page's Dirtyapic fields, read once and checked. */
void
apiccheck(Vcpu *v, volatile Vmxstate *s, Vapicset *a)
{
	int i;

	if(v->vapic == nil)
		error("vmx: state page: no virtual apic");
	a->tprthreshold = s->tprthreshold;
	for(i = 0; i < 8; i++)
		a->eoiexit[i] = s->eoiexit[i];
	if(a->tprthreshold > 15)
		error("vmx: state page: invalid tpr threshold");
}

/*
 * The EOI-exit bitmap: the monitor's vectors, or under the quirk's
 * workaround every vector, the kernel answering the EOIs of those
 * the monitor did not ask for (apiceoiexit).
 */
static void
eoiexits(Vcpu *v)
{
	int i;

	for(i = 0; i < 4; i++)
		vmcswrite(Feoiexit+2*i, v->vidquirk ? ~0ULL : (uvlong)v->eoiexit[2*i+1]<<32 | v->eoiexit[2*i]);
}

void
apicapply(Vcpu *v, Vapicset *a)
{
	int i;

	v->tprthreshold = a->tprthreshold;
	for(i = 0; i < 8; i++)
		v->eoiexit[i] = a->eoiexit[i];
	if(v->vid)
		eoiexits(v);
}

/* An eoi exit of a vector the monitor did not ask for, made by the workaround: the kernel's to answer. */
int
apiceoiexit(Vcpu *v, int vec)
{
	return v->vid && (v->eoiexit[vec/32] >> vec%32 & 1) == 0;
}

/*
 * Bochs 2.7 delivers a virtual interrupt the processor has recognized
 * when a host interrupt comes while the guest runs, whatever the
 * guest's IF (vmx(3), BUGS): an EOI in a handler, the guest's
 * interrupts off, has the processor recognize the next vector, which
 * then comes inside the handler. Where the processor does this
 * (vmx.vidquirk, the default of ctl vidquirk), every EOI exits,
 * trap-like, and the next entry waits for the interrupt window
 * instead (inject). vidprobe finds out once, before the first vCPU,
 * by making it happen: a guest with a vector in its vIRR and a host
 * interrupt pending at entry runs CLI, then spins. A processor that
 * keeps the rule exits for the host interrupt before the guest's
 * first instruction (25.2); one with the quirk delivers the vector,
 * setting it in the vISR, and exits on the guest's IDT, which EPT
 * leaves unmapped. Bochs masks the host interrupt until the guest
 * touches IF, hence the CLI. EPT maps only the code's page, at 0;
 * should no exit come, the preemption timer ends the spin.
 */
enum
{
	Probevec	= 0x40,
	Probeidt	= BY2PG,	/* guest-physical, unmapped */
};

enum { Pvapic, Pcode, Ppdpt, Ppd, Ppt, Npages };	/* vidprobe's pages */

void
vidprobe(void)
{
	static QLock probelock;
	static uchar code[] = { 0xfa, 0xeb, 0xfe };	/* cli; jmp . */
	Vcpu *v;
	uchar *p;
	u64int *t;
	uintptr s;
	int i, quirk;

	if(vmx.vidprobed)
		return;
	qlock(&probelock);
	v = nil;
	p = nil;
	if(waserror()){
		if(v != nil){
			v->ept[0] = 0;
			vmxfree(v);
			vmxput(v);
		}
		if(p != nil)
			pagefree(p, Npages*BY2PG);
		qunlock(&probelock);
		nexterror();
	}
	quirk = 0;
	if(!vmx.vidprobed && (vmx.apic2 & Proc2vid) != 0){
		p = mustalloc(Npages*BY2PG);
		v = vcpunew(-1);
		*(u32int*)(p + Pvapic*BY2PG + apicword(Apicirr, Probevec)) = 1<<(Probevec%32);
		memmove(p + Pcode*BY2PG, code, sizeof code);
		t = v->ept;
		for(i = Ppdpt; i <= Ppt; i++){
			t[0] = PADDR(p + i*BY2PG) | Eptrwx;
			t = (u64int*)(p + i*BY2PG);
		}
		t[0] = PADDR(p + Pcode*BY2PG) | Eptrwx | 6<<Epttypeshift;	/* write-back */
		s = splhi();
		if(waserror()){
			splx(s);
			nexterror();
		}
		vmcsload(v);
		vmcswrite(Fproc, vmx.proc | Proctprshadow);
		vmcswrite(Fproc2, vmx.proc2 | Proc2vid);
		vmcswrite(Fvapic, PADDR(p + Pvapic*BY2PG));
		vmcswrite(Ftprthreshold, 0);
		for(i = 0; i < 4; i++)
			vmcswrite(Feoiexit+2*i, 0);
		vmcswrite(Fintstatus, Probevec);
		vmcswrite(Fidtrbase, Probeidt);
		vmcswrite(Fhostcr0, getcr0());
		vmcswrite(Fhostcr3, getcr3());
		vmcswrite(Fhostcr4, getcr4());
		vmcswrite(Fhostfsbase, rdmsr(MSRFSBASE));
		/* the host's interrupt: vmxintr's, which finds nothing asked of it */
		apicipi(m->apicid, Vvmx);
		if(vmxenter(v->gpr, 0) == 0){
			gdtload();
			idtload();
			quirk = (*(u32int*)(p + Pvapic*BY2PG + apicword(Apicisr, Probevec)) & 1<<(Probevec%32)) != 0;
		}
		poperror();
		splx(s);
		v->ept[0] = 0;
		vmxfree(v);
		vmxput(v);
		pagefree(p, Npages*BY2PG);
	}
	poperror();
	vmx.vidquirk = quirk;
	coherence();
	vmx.vidprobed = 1;
	qunlock(&probelock);
}

/* ctl vidquirk: whether v works around vmx.vidquirk. */
void
vmxvidquirk(Vcpu *v, int on)
{
	uintptr s;

	s = vmcslock(v, 1<<Vrunning);
	v->vidquirk = on;
	if(v->vid)
		eoiexits(v);
	vmcsunlock(v, s);
}

/* The guest-physical page base as v's map backs it: its segment and host address. */
static Segment*
mapped(Vcpu *v, uvlong base, uvlong *pa)
{
	Vmem *p;

	for(p = v->mem; p != nil; p = p->next)
		if(p->lo <= base && base < p->hi){
			*pa = segpaddr(p->seg, p->off + (base - p->lo));
			incref(p->seg);
			return p->seg;
		}
	error("vmx: apic: base not mapped");
	return nil;
}

static void
apicoff(Vcpu *v)
{
	v->procctl = vmx.proc;
	v->proc2 = vmx.proc2;
	v->vid = 0;
	v->vidoff = 0;
	v->vapic = nil;
	vmcswrite(Fproc, v->procctl);
	vmcswrite(Fproc2, v->proc2);
}

/*
 * ctl apic: the page at offset off of the sticky segment segname is
 * v's virtual-APIC page; with base, guest-physical page base (mapped
 * already, to a page of its own) is the xAPIC's; vid asks for
 * virtual-interrupt delivery. No segment turns it off. How far it
 * goes without vid is the CPU's choice: vmx(3).
 */
void
vmxapic(Vcpu *v, char *segname, uvlong off, int hasbase, uvlong base, int vid)
{
	Segment *seg, *acc, *old, *oldacc;
	uchar *page;
	uvlong accpa;
	uintptr s;

	if(!vmx.tprshadow)
		error("vmx: cpu lacks tpr shadow");
	if(hasbase && (vmx.apic2 & Proc2apicacc) == 0)
		error("vmx: cpu lacks apic access virtualization");
	if(vid && (vmx.apic2 & Proc2vid) == 0)
		error("vmx: cpu lacks virtual-interrupt delivery");
	if(hasbase && ((base & (BY2PG-1)) != 0 || base >> 48 != 0))
		error("vmx: apic: invalid base");
	seg = acc = nil;
	page = nil;
	if(segname != nil)
		page = stickypage(segname, off, &seg);
	if(waserror()){
		putseg(seg);
		putseg(acc);
		nexterror();
	}
	s = vmcslock(v, 1<<Vrunning);
	if(waserror()){
		vmcsunlock(v, s);
		nexterror();
	}
	if(hasbase){
		acc = mapped(v, base, &accpa);
		if(accpa == PADDR(page))
			error("vmx: apic: base maps the virtual-APIC page");
	}
	poperror();
	poperror();
	old = v->vapicseg;
	oldacc = v->accessseg;
	v->vapicseg = seg;
	v->accessseg = acc;
	apicoff(v);
	if(page != nil){
		v->vapic = page;
		v->procctl |= Proctprshadow;
		if(vmx.cr8free)
			v->procctl &= ~(Proccr8load|Proccr8store);
		if(vid)
			v->proc2 |= Proc2vid;
		if(hasbase){
			v->proc2 |= vmx.apic2 & (Proc2apicacc|Proc2apicreg);
			vmcswrite(Fapicaccess, accpa);
		}
		v->vid = (v->proc2 & Proc2vid) != 0;
		v->tprthreshold = 0;
		vmcswrite(Fvapic, PADDR(page));
		vmcswrite(Ftprthreshold, 0);
		memset(v->eoiexit, 0, sizeof v->eoiexit);
		if(v->vid)
			eoiexits(v);
		/* a page the monitor filled: the CPU's SVI and RVI from it at entry (29.1.1) */
		v->vapicdirty = 1;
		vmcswrite(Fproc, v->procctl);
		vmcswrite(Fproc2, v->proc2);
	}
	vmcsunlock(v, s);
	putseg(old);
	putseg(oldacc);
}

/* The pages go with the vCPU. */
void
apicfree(Vcpu *v)
{
	putseg(v->vapicseg);
	putseg(v->accessseg);
	v->vapicseg = v->accessseg = nil;
	v->vapic = nil;
	v->vid = 0;
	v->vidoff = 0;
}
