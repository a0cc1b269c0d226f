#include <u.h>
#include <libc.h>
#include <regexp.h>
#include "regpriv.h"

/*
 * Pike's simulation of the NFA: every live thread advances in step,
 * one rune at a time, so time is linear in the subject.
 * Lists keep threads in order of their start, so when two reach
 * the same instruction the earlier start wins; of the matches,
 * the leftmost and then the longest is kept.
 */

typedef struct Thread Thread;
typedef struct List List;
typedef struct Machine Machine;

struct Thread
{
	int	pc;
	Resub	*cap;
};

struct List
{
	Thread	*t;
	int	n;
	uint	gen;	/* marks instructions already on this list */
};

struct Machine
{
	Reinst	*inst;
	uint	*mark;
	int	ncap;
	Resub	*work;	/* submatches along the path being followed */
	char	*pos;	/* where threads being added stand */
	int	bol;	/* pos begins a line */
	int	eol;	/* pos ends one */
};

enum
{
	Stackbuf = 8192,
};

static void
addthread(Machine *m, List *l, int pc)
{
	Reinst *i;
	Thread *t;
	char **slot, *old;

	for(;;){
		if(m->mark[pc] == l->gen)
			return;
		m->mark[pc] = l->gen;
		i = &m->inst[pc];
		switch(i->op){
		case Ijmp:
			pc = i->x;
			break;
		case Isplit:
			addthread(m, l, i->x);
			pc = i->y;
			break;
		case Ibol:
			if(!m->bol)
				return;
			pc++;
			break;
		case Ieol:
			if(!m->eol)
				return;
			pc++;
			break;
		case Isave:
			if(i->x/2 >= m->ncap){
				pc++;
				break;
			}
			slot = i->x&1 ? &m->work[i->x/2].ep : &m->work[i->x/2].sp;
			old = *slot;
			*slot = m->pos;
			addthread(m, l, pc+1);
			*slot = old;
			return;
		default:
			t = &l->t[l->n++];
			t->pc = pc;
			memmove(t->cap, m->work, m->ncap*sizeof(Resub));
			return;
		}
	}
}

/* the rune at p and its width; 0 at the end of the subject */
static Rune
runeat(char *p, char *end, int *w)
{
	Rune r;

	if(p == end){
		*w = 0;
		return 0;
	}
	if((uchar)*p < Runeself){
		*w = 1;
		return (uchar)*p;
	}
	*w = chartorune(&r, p);
	return r;
}

static int
inclass(Reinst *i, Rune r)
{
	int k;

	for(k = 0; k < i->n; k++)
		if(i->cls[2*k] <= r && r <= i->cls[2*k+1])
			return 1;
	return 0;
}

static int
step(Reinst *i, Rune r)
{
	switch(i->op){
	case Ichar:
		return r == i->r;
	case Iany:
		return r != 0 && r != '\n';
	case Ianynl:
		return r != 0;
	case Iclass:
		return r != 0 && inclass(i, r);
	case Inclass:
		return r != 0 && !inclass(i, r);
	}
	return 0;
}

static int
run(Machine *m, List *clist, List *nlist, Resub *best, char *pos, char *end)
{
	List *tl;
	Thread *t;
	Rune r, nr, first;
	char *next;
	int w, nw, k, matched;
	uint gen;

	first = m->inst[0].op == Ichar ? m->inst[0].r : 0;
	gen = 0;
	clist->n = 0;
	clist->gen = ++gen;
	matched = 0;
	r = runeat(pos, end, &w);
	for(;;){
		if(clist->n == 0 && !matched && first != 0 && r != first){
			/* nothing can start before the next occurrence of the first rune */
			next = utfrune(pos, first);
			if(next == nil || (end != nil && next >= end))
				return 0;
			pos = next;
			m->bol = pos[-1] == '\n';
			r = runeat(pos, end, &w);
		}
		m->pos = pos;
		m->eol = r == 0 || r == '\n';
		if(!matched){
			memset(m->work, 0, m->ncap*sizeof(Resub));
			m->work[0].sp = pos;
			addthread(m, clist, 0);
		}
		if(clist->n == 0 && (matched || r == 0))
			return matched;

		next = pos + w;
		nr = 0;
		nw = 0;
		if(r != 0)
			nr = runeat(next, end, &nw);
		nlist->n = 0;
		nlist->gen = ++gen;
		m->pos = next;
		m->bol = r == '\n';
		m->eol = nr == 0 || nr == '\n';
		for(k = 0; k < clist->n; k++){
			t = &clist->t[k];
			if(matched && t->cap[0].sp > best[0].sp)
				break;
			if(m->inst[t->pc].op == Imatch){
				if(!matched || t->cap[0].sp < best[0].sp || pos > best[0].ep){
					memmove(best, t->cap, m->ncap*sizeof(Resub));
					best[0].ep = pos;
					matched = 1;
				}
			}else if(step(&m->inst[t->pc], r)){
				memmove(m->work, t->cap, m->ncap*sizeof(Resub));
				addthread(m, nlist, t->pc+1);
			}
		}
		if(r == 0)
			return matched;
		tl = clist;
		clist = nlist;
		nlist = tl;
		pos = next;
		r = nr;
		w = nw;
	}
}

/*
 * Match prog in s.  A non-nil match[0].sp starts the search there
 * (s still marks the beginning of the line); a non-nil match[0].ep ends it.
 */
int
regexec(Reprog *prog, char *s, Resub *match, int msize)
{
	Machine m;
	List l[2];
	Resub *best;
	vlong stackbuf[Stackbuf/sizeof(vlong)];
	char *pos, *end, *mem;
	ulong need;
	int k, ok;

	pos = s;
	end = nil;
	m.ncap = 1;
	if(match != nil && msize > 0){
		if(match[0].sp != nil)
			pos = match[0].sp;
		if(match[0].ep != nil)
			end = match[0].ep;
		m.ncap = msize < prog->nsub ? msize : prog->nsub;
	}
	m.inst = prog->startinst;

	/* submatches for both lists, the work path and the best match; threads; marks */
	need = (2*prog->ninst + 2)*m.ncap*sizeof(Resub)
		+ 2*prog->ninst*sizeof(Thread) + prog->ninst*sizeof(uint);
	mem = (char*)stackbuf;
	if(need > sizeof stackbuf && (mem = malloc(need)) == nil)
		return 0;
	best = (Resub*)mem;
	m.work = best + m.ncap;
	for(k = 0; k < 2; k++){
		l[k].t = (Thread*)(m.work + m.ncap + 2*prog->ninst*m.ncap) + k*prog->ninst;
		l[k].n = 0;
	}
	for(k = 0; k < 2*prog->ninst; k++)
		l[0].t[k].cap = m.work + m.ncap + k*m.ncap;
	m.mark = (uint*)(l[0].t + 2*prog->ninst);
	memset(m.mark, 0, prog->ninst*sizeof(uint));
	m.bol = pos == s || pos[-1] == '\n';

	ok = run(&m, &l[0], &l[1], best, pos, end);
	if(ok && match != nil)
		for(k = 0; k < msize; k++){
			if(k < m.ncap)
				match[k] = best[k];
			else
				match[k].sp = match[k].ep = nil;
		}
	if(mem != (char*)stackbuf)
		free(mem);
	return ok;
}
