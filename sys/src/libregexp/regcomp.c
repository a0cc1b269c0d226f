#include <u.h>
#include <libc.h>
#include <regexp.h>
#include "regpriv.h"

/*
 * Recursive descent into a syntax tree, then code for the NFA.
 * Concatenations and alternations are chains through right,
 * so that long expressions cost iteration, not stack depth.
 */

enum
{
	Nleaf,		/* one instruction, op */
	Nempty,
	Ncat,		/* left, then right */
	Nalt,		/* left, or right */
	Nstar,
	Nplus,
	Nquest,
	Ngroup,
};

enum
{
	Tend,
	Tlit,
	Tany,
	Tbol,
	Teol,
	Tclass,
	Tlpar,
	Trpar,
	Tor,
	Tstar,
	Tplus,
	Tquest,
};

typedef struct Node Node;
struct Node
{
	int	type;
	int	op;	/* Nleaf */
	Rune	c;	/* Nleaf Ichar */
	int	cls;	/* Nleaf classes: index of the first range rune */
	int	ncls;	/* ranges */
	int	sub;	/* Ngroup */
	Node	*left;
	Node	*right;
};

typedef struct Parse Parse;
struct Parse
{
	char	*s;		/* unread expression */
	int	literal;	/* no metacharacters */
	int	anyop;		/* what . compiles to */
	int	tok;
	Rune	c;		/* the rune of tok */
	char	*err;		/* the first error */
	int	nsub;

	Node	*node;
	int	nnode;
	int	maxnode;
	Rune	*rune;		/* class ranges */
	int	nrune;
	Reinst	*inst;
	int	ninst;
};

static Node*	parsealt(Parse*);

static void
fail(Parse *p, char *err)
{
	if(p->err == nil)
		p->err = err;
}

static Node*
newnode(Parse *p, int type)
{
	Node *n;

	if(p->nnode == p->maxnode){
		fail(p, "expression too complex");
		p->nnode = 0;
	}
	n = &p->node[p->nnode++];
	memset(n, 0, sizeof *n);
	n->type = type;
	return n;
}

/* the next rune of the expression; 1 if it was quoted by a backslash */
static int
nextrune(Parse *p, Rune *r)
{
	p->s += chartorune(r, p->s);
	if(*r != '\\' || *p->s == 0)
		return 0;
	p->s += chartorune(r, p->s);
	if(*r == 'n')
		*r = '\n';
	return 1;
}

static void
advance(Parse *p)
{
	static char meta[] = {
		['.'] = Tany, ['^'] = Tbol, ['$'] = Teol, ['['] = Tclass,
		['('] = Tlpar, [')'] = Trpar, ['|'] = Tor,
		['*'] = Tstar, ['+'] = Tplus, ['?'] = Tquest,
	};

	if(*p->s == 0){
		p->tok = Tend;
		return;
	}
	p->tok = Tlit;
	if(p->literal){
		p->s += chartorune(&p->c, p->s);
		return;
	}
	if(nextrune(p, &p->c))
		return;
	if(p->c < nelem(meta) && meta[p->c] != 0)
		p->tok = meta[p->c];
}

static void
addrange(Parse *p, Rune lo, Rune hi)
{
	p->rune[p->nrune++] = lo;
	p->rune[p->nrune++] = hi;
}

/* after [ */
static Node*
parseclass(Parse *p)
{
	Node *n;
	Rune lo, hi;

	n = newnode(p, Nleaf);
	n->op = Iclass;
	n->cls = p->nrune;
	if(*p->s == '^'){
		p->s++;
		n->op = Inclass;
		addrange(p, '\n', '\n');	/* negated classes never match newline */
	}
	for(;;){
		if(*p->s == 0){
			fail(p, "malformed '[]'");
			break;
		}
		if(!nextrune(p, &lo) && lo == ']')
			break;
		hi = lo;
		if(p->s[0] == '-' && p->s[1] != ']' && p->s[1] != 0){
			p->s++;
			nextrune(p, &hi);
			if(hi < lo)
				fail(p, "malformed '[]'");
		}
		addrange(p, lo, hi);
	}
	n->ncls = (p->nrune - n->cls) / 2;
	advance(p);
	return n;
}

static Node*
leaf(Parse *p, int op)
{
	Node *n;

	n = newnode(p, Nleaf);
	n->op = op;
	n->c = p->c;
	advance(p);
	return n;
}

static Node*
parseatom(Parse *p)
{
	Node *n;

	switch(p->tok){
	case Tlit:
		return leaf(p, Ichar);
	case Tany:
		return leaf(p, p->anyop);
	case Tbol:
		return leaf(p, Ibol);
	case Teol:
		return leaf(p, Ieol);
	case Tclass:
		return parseclass(p);
	case Tlpar:
		if(++p->nsub >= NSUBEXP)
			fail(p, "too many subexpressions");
		n = newnode(p, Ngroup);
		n->sub = p->nsub;
		advance(p);
		n->left = parsealt(p);
		if(p->tok != Trpar)
			fail(p, "unmatched left paren");
		else
			advance(p);
		return n;
	case Tstar:
		fail(p, "missing operand for *");
		break;
	case Tplus:
		fail(p, "missing operand for +");
		break;
	case Tquest:
		fail(p, "missing operand for ?");
		break;
	}
	return newnode(p, Nempty);
}

static Node*
parserep(Parse *p)
{
	Node *n, *op;
	int type;

	n = parseatom(p);
	for(;;){
		switch(p->tok){
		case Tstar:
			type = Nstar;
			break;
		case Tplus:
			type = Nplus;
			break;
		case Tquest:
			type = Nquest;
			break;
		default:
			return n;
		}
		op = newnode(p, type);
		op->left = n;
		n = op;
		advance(p);
	}
}

static Node*
parsecat(Parse *p)
{
	Node *first, **tail;

	tail = &first;
	while(p->tok != Tend && p->tok != Tor && p->tok != Trpar){
		*tail = newnode(p, Ncat);
		(*tail)->left = parserep(p);
		tail = &(*tail)->right;
	}
	*tail = newnode(p, Nempty);
	return first;
}

static Node*
parsealt(Parse *p)
{
	Node *first, **tail, *n, *alt;

	tail = &first;
	for(;;){
		n = parsecat(p);
		if(p->tok != Tor){
			*tail = n;
			return first;
		}
		advance(p);
		alt = newnode(p, Nalt);
		alt->left = n;
		*tail = alt;
		tail = &alt->right;
	}
}

static int
emit(Parse *p, int op)
{
	Reinst *i;

	i = &p->inst[p->ninst];
	memset(i, 0, sizeof *i);
	i->op = op;
	return p->ninst++;
}

static void
gen(Parse *p, Node *n)
{
	Reinst *i;
	int pc, split, jmps, next;

	for(;;){
		switch(n->type){
		case Nempty:
			return;
		case Nleaf:
			i = &p->inst[emit(p, n->op)];
			i->r = n->c;
			i->x = n->cls;
			i->n = n->ncls;
			return;
		case Ncat:
			gen(p, n->left);
			n = n->right;
			continue;
		case Nalt:
			/* each branch but the last jumps to the end; the jumps are chained through x */
			jmps = -1;
			for(; n->type == Nalt; n = n->right){
				split = emit(p, Isplit);
				p->inst[split].x = split+1;
				gen(p, n->left);
				pc = emit(p, Ijmp);
				p->inst[pc].x = jmps;
				jmps = pc;
				p->inst[split].y = p->ninst;
			}
			gen(p, n);
			for(; jmps >= 0; jmps = next){
				next = p->inst[jmps].x;
				p->inst[jmps].x = p->ninst;
			}
			return;
		case Nstar:
			split = emit(p, Isplit);
			p->inst[split].x = split+1;
			gen(p, n->left);
			pc = emit(p, Ijmp);
			p->inst[pc].x = split;
			p->inst[split].y = p->ninst;
			return;
		case Nplus:
			pc = p->ninst;
			gen(p, n->left);
			split = emit(p, Isplit);
			p->inst[split].x = pc;
			p->inst[split].y = split+1;
			return;
		case Nquest:
			split = emit(p, Isplit);
			p->inst[split].x = split+1;
			gen(p, n->left);
			p->inst[split].y = p->ninst;
			return;
		case Ngroup:
			p->inst[emit(p, Isave)].x = 2*n->sub;
			gen(p, n->left);
			p->inst[emit(p, Isave)].x = 2*n->sub+1;
			return;
		}
	}
}

/* one allocation holding the program and its class ranges */
static Reprog*
assemble(Parse *p)
{
	Reprog *prog;
	Rune *cls;
	int k;

	prog = malloc(sizeof(Reprog) + p->ninst*sizeof(Reinst) + p->nrune*sizeof(Rune));
	if(prog == nil){
		fail(p, "out of memory");
		return nil;
	}
	prog->startinst = (Reinst*)(prog+1);
	prog->ninst = p->ninst;
	prog->nsub = p->nsub+1;
	memmove(prog->startinst, p->inst, p->ninst*sizeof(Reinst));
	cls = (Rune*)(prog->startinst + p->ninst);
	memmove(cls, p->rune, p->nrune*sizeof(Rune));
	for(k = 0; k < prog->ninst; k++)
		if(prog->startinst[k].op == Iclass || prog->startinst[k].op == Inclass)
			prog->startinst[k].cls = cls + prog->startinst[k].x;
	return prog;
}

static Reprog*
compile(char *s, int literal, int anyop)
{
	Parse p;
	Reprog *prog;
	Node *tree;
	long len;

	memset(&p, 0, sizeof p);
	p.s = s;
	p.literal = literal;
	p.anyop = anyop;
	/* each byte of the expression yields at most three nodes, two range runes, two instructions */
	len = strlen(s);
	p.maxnode = 3*len + 4;
	p.node = malloc(p.maxnode*sizeof(Node));
	p.rune = malloc((2*len + 2)*sizeof(Rune));
	p.inst = malloc((2*len + 2)*sizeof(Reinst));
	prog = nil;
	if(p.node == nil || p.rune == nil || p.inst == nil)
		fail(&p, "out of memory");
	else{
		advance(&p);
		tree = parsealt(&p);
		if(p.tok != Tend)
			fail(&p, "unmatched right paren");
		if(p.err == nil){
			gen(&p, tree);
			emit(&p, Imatch);
			prog = assemble(&p);
		}
	}
	free(p.node);
	free(p.rune);
	free(p.inst);
	if(p.err != nil){
		regerror(p.err);
		return nil;
	}
	return prog;
}

Reprog*
regcomp(char *re)
{
	return compile(re, 0, Iany);
}

Reprog*
regcomplit(char *re)
{
	return compile(re, 1, Iany);
}

Reprog*
regcompnl(char *re)
{
	return compile(re, 0, Ianynl);
}
