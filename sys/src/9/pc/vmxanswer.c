/*
 * Exits the kernel answers itself, as the monitor set through files:
 * CPUID from the vCPU's table (the cpuid file), RDMSR and WRMSR of the
 * MSRs its policy names (the msr file), HLT (ctl hlt kernel),
 * which sleeps here until an irq, a stop or the page's deadline, and
 * the tpr exits that only lift the TPR's hold on an irq and the EOIs
 * the monitor did not ask for (vmxapic.c).
 * Everything else, and whatever the tables do not name, goes to user
 * space as before. The run loop calls vmxanswer with v locked, its
 * VMCS current and interrupts off.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"
#include "vmx.h"

enum
{
	Ncpuid		= 256,		/* entries of a CPUID table */
	Nmsrpol		= 64,		/* MSRs a policy names */
	Anysub		= ~0U,		/* a CPUID entry for every subleaf */

	Cpuidosxsave	= 1<<27,	/* leaf 1 ECX: CR4.OSXSAVE as the guest set it */
	Cr4osxsave	= 1<<18,
};

/* A table being written: a copy, committed only whole. */
struct Vpolicy
{
	int	msr;		/* which table */
	int	n;
	Vcpuid	cpuid[Ncpuid];
	Vmsrpol	msrs[Nmsrpol];
};

static char *msrkinds[] = { [Mconst] "const", [Mstore] "store", [Muser] "user" };

/* What the kernel switches or keeps in the VMCS itself: not for a policy. */
static u32int kernelmsrs[] = {
	MSREFER, Msrpat, Msrdebugctl, MSRFSBASE, MSRGSBASE, MSRKGSBASE, MSRSTAR, MSRLSTAR,
	MSRCSTAR, MSRFMASK, Msrsysentercs, Msrsysenteresp, Msrsysentereip,
};

static int
cpuidcmp(u32int leaf, u32int sub, Vcpuid *e)
{
	if(leaf != e->leaf)
		return leaf < e->leaf ? -1 : 1;
	if(sub != e->sub)
		return sub < e->sub ? -1 : 1;
	return 0;
}

/* The entry for (leaf, sub) in t[0..n), sorted; or where it would go, negated less one. */
static int
cpuidfind(Vcpuid *t, int n, u32int leaf, u32int sub)
{
	int lo, hi, mid, c;

	lo = 0;
	hi = n;
	while(lo < hi){
		mid = (lo + hi) / 2;
		c = cpuidcmp(leaf, sub, &t[mid]);
		if(c == 0)
			return mid;
		if(c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1 - lo;
}

static Vmsrpol*
msrfind(Vmsrpol *t, int n, u32int msr)
{
	int i;

	for(i = 0; i < n; i++)
		if(t[i].msr == msr)
			return &t[i];
	return nil;
}

static u32int
num32(char *s, char *err)
{
	uvlong x;

	x = parsenum(s, err);
	if(x > 0xffffffffULL)
		error(err);
	return x;
}

/*
 * One line of cpuid: leaf, subleaf (or *), EAX EBX ECX EDX, and
 * optionally four masks of the bits that come from the host's answer.
 */
static void
cpuidline(Vpolicy *p, char **f, int nf)
{
	Vcpuid e;
	int i;

	if(nf != 6 && nf != 10)
		error("vmx: cpuid: number of fields wrong");
	memset(&e, 0, sizeof e);
	e.leaf = num32(f[0], "vmx: cpuid: invalid leaf");
	e.sub = strcmp(f[1], "*") == 0 ? Anysub : num32(f[1], "vmx: cpuid: invalid subleaf");
	if(e.sub == Anysub && strcmp(f[1], "*") != 0)
		error("vmx: cpuid: invalid subleaf");
	for(i = 0; i < 4; i++)
		e.r[i] = num32(f[2+i], "vmx: cpuid: invalid register value");
	if(nf == 10)
		for(i = 0; i < 4; i++)
			e.host[i] = num32(f[6+i], "vmx: cpuid: invalid host mask");
	i = cpuidfind(p->cpuid, p->n, e.leaf, e.sub);
	if(i >= 0){
		p->cpuid[i] = e;
		return;
	}
	if(p->n == Ncpuid)
		error("vmx: cpuid: table full");
	i = -1 - i;
	memmove(&p->cpuid[i+1], &p->cpuid[i], (p->n - i)*sizeof e);
	p->cpuid[i] = e;
	p->n++;
}

/* One line of msr: the MSR, then const VALUE, store VALUE or user. */
static void
msrline(Vpolicy *p, char **f, int nf)
{
	Vmsrpol e, *old;
	int i;

	if(nf < 2)
		error("vmx: msr: number of fields wrong");
	e.msr = num32(f[0], "vmx: msr: invalid msr");
	for(i = 0; i < nelem(kernelmsrs); i++)
		if(kernelmsrs[i] == e.msr)
			error("vmx: msr: the kernel's own msr");
	for(e.kind = 0; e.kind < nelem(msrkinds); e.kind++)
		if(strcmp(msrkinds[e.kind], f[1]) == 0)
			break;
	if(e.kind == nelem(msrkinds))
		error("vmx: msr: unknown kind");
	if(nf != (e.kind == Muser ? 2 : 3))
		error("vmx: msr: number of fields wrong");
	e.val = e.kind == Muser ? 0 : parsenum(f[2], "vmx: msr: invalid value");
	old = msrfind(p->msrs, p->n, e.msr);
	if(e.kind == Muser){
		if(old != nil)
			*old = p->msrs[--p->n];
		return;
	}
	if(old == nil){
		if(p->n == Nmsrpol)
			error("vmx: msr: table full");
		old = &p->msrs[p->n++];
	}
	*old = e;
}

/* A write of cpuid or msr begins with a copy of the table. */
Vpolicy*
vmxpolicybegin(Vcpu *v, int msr)
{
	Vpolicy *p;

	p = smalloc(sizeof *p);
	p->msr = msr;
	qlock(v);
	if(msr){
		p->n = v->nmsrpol;
		memmove(p->msrs, v->msrpol, p->n*sizeof p->msrs[0]);
	}else{
		p->n = v->ncpuid;
		memmove(p->cpuid, v->cpuid, p->n*sizeof p->cpuid[0]);
	}
	qunlock(v);
	return p;
}

void
vmxpolicyline(void *a, char **f, int nf)
{
	Vpolicy *p;

	p = a;
	if(p->msr)
		msrline(p, f, nf);
	else
		cpuidline(p, f, nf);
}

/*
 * Every line was good: the copy becomes the table. Lines written
 * meanwhile by another writer are lost, as they would be had the
 * writes come one after the other.
 */
void
vmxpolicycommit(Vcpu *v, Vpolicy *p)
{
	vmxlock(v, 1<<Vrunning);
	if(p->msr){
		if(v->msrpol == nil)
			v->msrpol = smalloc(Nmsrpol*sizeof v->msrpol[0]);
		memmove(v->msrpol, p->msrs, p->n*sizeof p->msrs[0]);
		v->nmsrpol = p->n;
	}else{
		if(v->cpuid == nil)
			v->cpuid = smalloc(Ncpuid*sizeof v->cpuid[0]);
		memmove(v->cpuid, p->cpuid, p->n*sizeof p->cpuid[0]);
		v->ncpuid = p->n;
	}
	qunlock(v);
}

/* OTRUNC: an empty table. */
void
vmxpolicyclear(Vcpu *v, int msr)
{
	vmxlock(v, 1<<Vrunning);
	if(msr)
		v->nmsrpol = 0;
	else
		v->ncpuid = 0;
	qunlock(v);
}

char*
vmxpolicyread(Vcpu *v, int msr, char *p, char *e)
{
	Vcpuid *c;
	Vmsrpol *pol;

	qlock(v);
	if(msr)
		for(pol = v->msrpol; pol < v->msrpol + v->nmsrpol; pol++)
			p = seprint(p, e, "%#ux %s %#llux\n", pol->msr, msrkinds[pol->kind], pol->val);
	else
		for(c = v->cpuid; c < v->cpuid + v->ncpuid; c++){
			if(c->sub == Anysub)
				p = seprint(p, e, "%#ux *", c->leaf);
			else
				p = seprint(p, e, "%#ux %#ux", c->leaf, c->sub);
			p = seprint(p, e, " %#ux %#ux %#ux %#ux %#ux %#ux %#ux %#ux\n",
				c->r[0], c->r[1], c->r[2], c->r[3], c->host[0], c->host[1], c->host[2], c->host[3]);
		}
	qunlock(v);
	return p;
}

/* Past the instruction that exited. */
static void
skip(Vcpu *v)
{
	setpc(v, vmcsread(Frip) + vmcsread(Fexitilen));
}

static int
answercpuid(Vcpu *v)
{
	Vcpuid *e;
	u32int leaf, sub, h[4], r[4];
	int i;

	leaf = v->gpr[0];
	sub = v->gpr[2];
	i = cpuidfind(v->cpuid, v->ncpuid, leaf, sub);
	if(i < 0)
		i = cpuidfind(v->cpuid, v->ncpuid, leaf, Anysub);
	if(i < 0)
		return 0;
	e = &v->cpuid[i];
	for(i = 0; i < 4; i++)
		r[i] = e->r[i];
	if((e->host[0] | e->host[1] | e->host[2] | e->host[3]) != 0){
		cpuid(leaf, sub, h);
		for(i = 0; i < 4; i++)
			r[i] = (r[i] & ~e->host[i]) | (h[i] & e->host[i]);
	}
	if(leaf == 1){
		r[2] &= ~Cpuidosxsave;
		if(vmcsread(Fguestcr4) & Cr4osxsave)
			r[2] |= Cpuidosxsave;
	}
	/* Vcpu.gpr order: ax bx cx dx; 32-bit results clear the upper halves */
	v->gpr[0] = r[0];
	v->gpr[1] = r[1];
	v->gpr[2] = r[2];
	v->gpr[3] = r[3];
	skip(v);
	return 1;
}

static int
answermsr(Vcpu *v, int write)
{
	Vmsrpol *pol;

	pol = msrfind(v->msrpol, v->nmsrpol, v->gpr[2]);
	if(pol == nil)
		return 0;
	if(!write){
		v->gpr[0] = (u32int)pol->val;
		v->gpr[3] = pol->val >> 32;
	}else if(pol->kind == Mstore)
		pol->val = (u64int)(u32int)v->gpr[3] << 32 | (u32int)v->gpr[0];
	else{
		/* a const: #GP(0), the instruction not done */
		v->exc.info = Ivalid | Ihard | Icode | 13;
		v->exc.code = 0;
		v->exc.ilen = 0;
		v->excpending = 1;
		return 1;
	}
	skip(v);
	return 1;
}

/* An irq the guest would take now: posted, and not held back by the TPR. */
static int
irqready(Vcpu *v)
{
	return v->irqpending && !apicholds(v, &v->irq);
}

static int
woken(void *a)
{
	Vcpu *v;

	v = a;
	return irqready(v) || v->anyposted || v->stopreq || v->state != Vrunning;
}

/*
 * HLT with interrupts open, under ctl hlt kernel: sleep until irq posts one the TPR lets
 * through (or the virtual APIC has one the guest would take), stop asks for the exit, or the
 * page's deadline passes; only an interrupt answers it here, skipping
 * the HLT so that the interrupt is taken at once.
 */
static int
answerhlt(Vcpu *v)
{
	uvlong now, deadline;
	ulong ms;
	int irq;

	if((vmcsread(Frflags) & Rflagsif) == 0)
		return 0;
	if(!irqready(v) && !apicpending(v)){
		deadline = v->page != nil ? v->page->hltdeadline : 0;
		now = bootnsec + nsec();
		if(deadline != 0 && deadline <= now)
			return 0;
		ms = deadline == 0 ? 0 : (deadline - now + 999999) / 1000000;
		vmxrelease(v);
		if(waserror()){
			vmxretake(v);
			nexterror();
		}
		if(ms == 0)
			sleep(&v->hltr, woken, v);
		else
			tsleep(&v->hltr, woken, v, ms);
		poperror();
		vmxretake(v);
	}
	if(v->state != Vrunning)
		return 1;
	ilock(&v->irqlock);
	irq = irqready(v);
	iunlock(&v->irqlock);
	if(!irq && !apicpending(v))
		return 0;
	skip(v);
	return 1;
}

/* Returns 1 if the kernel answered the exit, 0 if user space must. */
int
vmxanswer(Vcpu *v, u32int reason)
{
	int done;

	switch(reason){
	case Vmxcpuid:
		done = answercpuid(v);
		break;
	case Vmxrdmsr:
	case Vmxwrmsr:
		done = answermsr(v, reason == Vmxwrmsr);
		break;
	case Vmxhlt:
		done = v->hltkernel && answerhlt(v);
		break;
	case Vmxtpr:
		done = apictpr(v);
		break;
	case Vmxeoi:
		done = apiceoiexit(v, vmcsread(Fqual) & 0xff);
		break;
	default:
		return 0;
	}
	if(done)
		v->nkernel[reason]++;
	return done;
}

/* ctl hlt kernel (on) or hlt user */
void
vmxhlt(Vcpu *v, int on)
{
	vmxlock(v, 0);
	v->hltkernel = on;
	qunlock(v);
}
