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

/*
 * A map change walks EPT twice with the same code: first to count the
 * tables it will need, then, with all of them in hand, to make the
 * change, which can then no longer fail half way. Unmapping skips
 * whatever is absent, so the work is bounded by what is mapped, and
 * needs tables only to split a 2 MiB leaf it cuts in part.
 */
typedef struct Eptwalk Eptwalk;
struct Eptwalk
{
	Vmem	*p;		/* the extent to map, or nil to unmap */
	int	counting;
	int	ntable;		/* tables needed */
	u64int	*tables;	/* then those tables, linked through their first word */
};

static u64int
eptleaf(Vmem *p, uvlong gpa)
{
	return segpaddr(p->seg, p->off + (gpa - p->lo)) | p->attr;
}

/* A table from those allocated; a 2 MiB leaf e, if not 0, split into its 512 pages. */
static u64int*
epttable(Eptwalk *w, u64int e)
{
	u64int *t;
	int i;

	t = w->tables;
	w->tables = (u64int*)t[0];
	t[0] = 0;
	if(e != 0){
		e &= ~(u64int)Eptlarge;
		for(i = 0; i < 512; i++)
			t[i] = e + (uvlong)i*BY2PG;
	}
	return t;
}

/*
 * [lo, hi) within table t of the given level (4 is the top), whose
 * first entry maps base. While counting, t is nil for a table that
 * does not exist yet.
 */
static void
eptwalk(Eptwalk *w, u64int *t, int level, uvlong base, uvlong lo, uvlong hi)
{
	uvlong span, start, end, a, b;
	u64int e, *sub;
	int i, present, large;

	span = (uvlong)BY2PG << 9*(level-1);
	for(a = lo; a < hi; a = b){
		i = (a - base) / span;
		start = base + i*span;
		end = start + span;
		b = end < hi ? end : hi;
		if(level == 1){
			if(!w->counting)
				t[i] = w->p != nil ? eptleaf(w->p, a) : 0;
			continue;
		}
		e = t != nil ? t[i] : 0;
		present = (e & Eptrwx) != 0;
		large = (e & Eptlarge) != 0;
		if(w->p == nil && !present)
			continue;
		if(a == start && b == end){
			if(w->p == nil){
				if(!w->counting){
					if(!large)
						eptfree(KADDR(e & Eptaddr), level-1);
					t[i] = 0;
				}
				continue;
			}
			if(level == 2 && segrun2m(w->p->seg, w->p->off + (a - w->p->lo))){
				if(!w->counting){
					if(present && !large)
						eptfree(KADDR(e & Eptaddr), 1);
					t[i] = eptleaf(w->p, a) | Eptlarge;
				}
				continue;
			}
		}
		if(present && !large)
			sub = KADDR(e & Eptaddr);
		else if(w->counting){
			w->ntable++;
			sub = nil;
		}else{
			sub = epttable(w, large ? e : 0);
			t[i] = PADDR(sub) | Eptrwx;
		}
		eptwalk(w, sub, level-1, start, a, b);
	}
}

/*
 * Make EPT say what p says about [p->lo, p->hi): all of it, or,
 * out of memory, nothing.
 */
static void
eptchange(Vcpu *v, Vmem *p)
{
	Eptwalk w;
	u64int *t;
	int i;

	memset(&w, 0, sizeof w);
	w.p = p->seg != nil ? p : nil;
	w.counting = 1;
	eptwalk(&w, v->ept, 4, 0, p->lo, p->hi);
	for(i = 0; i < w.ntable; i++){
		t = pagealloczero(BY2PG);
		if(t == nil){
			while((t = w.tables) != nil){
				w.tables = (u64int*)t[0];
				pagefree(t, BY2PG);
			}
			error(Enomem);
		}
		t[0] = (u64int)w.tables;
		w.tables = t;
	}
	w.counting = 0;
	eptwalk(&w, v->ept, 4, 0, p->lo, p->hi);
	v->flushept = 1;
}

/*
 * Cut [lo, hi) out of the extent list; the new extent goes in after.
 * An extent cut in two needs spare, which is used up then.
 */
static void
memcut(Vcpu *v, uvlong lo, uvlong hi, Vmem **spare)
{
	Vmem **l, *p, *q;

	for(l = &v->mem; (p = *l) != nil;){
		if(p->hi <= lo || p->lo >= hi){
			l = &p->next;
			continue;
		}
		if(p->lo < lo && p->hi > hi){
			q = *spare;
			*spare = nil;
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
	Vmem *p, **l, *spare;
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
	/* without the capability, an execute-only entry is an EPT misconfiguration (28.2.3.1) */
	if((attr & (Eptr|Eptw|Eptx)) == Eptx && (vmx.eptcaps & Capxonly) == 0)
		error("vmx: cpu lacks execute-only ept");
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
	p = malloc(sizeof *p);
	spare = malloc(sizeof *spare);
	if(p == nil || spare == nil){
		free(p);
		free(spare);
		putseg(s);
		error(Enomem);
	}
	memset(p, 0, sizeof *p);
	p->lo = lo;
	p->hi = hi;
	p->attr = attr;
	p->seg = s;
	p->off = off;
	if(waserror()){
		memfree(p);
		free(spare);
		nexterror();
	}
	vmxlock(v, 1<<Vrunning);
	if(waserror()){
		qunlock(v);
		nexterror();
	}
	eptchange(v, p);
	poperror();
	poperror();
	/* the segments of what was mapped here are let go only now that EPT no longer points at them */
	memcut(v, lo, hi, &spare);
	free(spare);
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
