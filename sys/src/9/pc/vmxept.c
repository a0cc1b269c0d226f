/*
 * EPT for #X: the guest-physical map, kept as a sorted list of
 * extents (Vcpu.mem) backed by global segments, and the EPT tables
 * built from it (SDM Vol. 3, 28.2). Leaves are 4 KiB, or 2 MiB where
 * an extent covers an aligned 2 MiB run of physically contiguous
 * segment pages.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"
#include "vmx.h"

/* The EPT pointer: 4-level walk, write-back tables if the CPU allows (24.6.11). */
uvlong
eptp(Vcpu *v)
{
	return PADDR(v->ept) | 3<<3 | ((vmx.eptcaps & Capwb) ? 6 : 0);
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

/* No memory at all; the top table stays, since the VMCS's EPT pointer names it. */
static void
eptempty(Vcpu *v)
{
	Vmem *p;
	int i;

	for(i = 0; i < 512; i++)
		if((v->ept[i] & Eptrwx) != 0){
			eptfree(KADDR(v->ept[i] & Eptaddr), 3);
			v->ept[i] = 0;
		}
	while((p = v->mem) != nil){
		v->mem = p->next;
		memfree(p);
	}
}

/* For vmxfree: the tables and the extents go. */
void
eptrelease(Vcpu *v)
{
	if(v->ept == nil)
		return;
	eptempty(v);
	pagefree(v->ept, BY2PG);
	v->ept = nil;
}
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
	if(waserror()){
		memfree(p);
		nexterror();
	}
	vmxlock(v, 1<<Vrunning);
	poperror();
	if(waserror()){
		qunlock(v);
		memfree(p);
		nexterror();
	}
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
	vmxlock(v, 1<<Vrunning);
	eptempty(v);
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
