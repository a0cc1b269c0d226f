#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/*
 * Evaluating word trees into word lists. Unquoted metacharacters
 * come out marked with Globmark; the callers below either glob
 * the result, keep the marks for matching, or remove them.
 */

static Word	*evalword(Tree*);

/* the words of all the trees in the list t */
static Word*
evallist(Tree *t)
{
	Word *list;

	list = nil;
	for(; t != nil && !stopping(); t = t->next)
		list = appendwords(list, evalword(t));
	return list;
}

/* a^b where the lengths agree or one is 1 */
static Word*
pairwords(Word *a, int na, Word *b, int nb)
{
	Word *list, **tail, *x, *y;
	Str s;

	list = nil;
	tail = &list;
	x = a;
	y = b;
	while(x != nil && y != nil){
		strinit(&s);
		stradd(&s, x->s);
		stradd(&s, y->s);
		*tail = newword(strfinish(&s), nil);
		tail = &(*tail)->next;
		if(na != 1)
			x = x->next;
		if(nb != 1)
			y = y->next;
		if(na == 1 && nb == 1)
			break;
	}
	return list;
}

/* a^b, consuming both */
static Word*
concat(Word *a, Word *b)
{
	Word *list;
	int na, nb;

	na = countwords(a);
	nb = countwords(b);
	list = nil;
	if(na == 0 || nb == 0)
		rcerror("null list in concatenation");
	else if(na != 1 && nb != 1 && na != nb)
		rcerror("mismatched list lengths in concatenation");
	else
		list = pairwords(a, na, b, nb);
	freewords(a);
	freewords(b);
	return list;
}

/* $name(subscripts): n, n-m or n- select words, counting from 1 */
static Word*
subscript(Word *val, Word *subs)
{
	Word *list, **tail, *w;
	long lo, hi, i, n;
	char *p;

	n = countwords(val);
	list = nil;
	tail = &list;
	for(; subs != nil; subs = subs->next){
		lo = strtol(subs->s, &p, 10);
		hi = lo;
		if(*p == '-'){
			p++;
			hi = *p == 0 ? n : strtol(p, &p, 10);
		}
		if(p == subs->s || *p != 0 || lo < 1)
			continue;
		for(i = 1, w = val; w != nil && i <= hi; i++, w = w->next)
			if(i >= lo){
				*tail = newword(estrdup(w->s), nil);
				tail = &(*tail)->next;
			}
	}
	return list;
}

/* Split s[0..n) at runes in $ifs; runs of separators count as one. */
static Word*
splitifs(char *s, long n)
{
	Word *list, **tail;
	char *ifs, *end, *start;
	Rune r;
	int len;
	Str w;

	ifs = getvar("ifs") != nil ? joinwords(getvar("ifs"), "") : estrdup("");
	list = nil;
	tail = &list;
	end = s+n;
	start = nil;
	strinit(&w);
	while(s < end){
		len = chartorune(&r, s);
		if(r != 0 && utfrune(ifs, r) != nil){
			if(start != nil){
				straddn(&w, start, s-start);
				*tail = newword(strfinish(&w), nil);
				tail = &(*tail)->next;
				start = nil;
			}
		}else if(start == nil)
			start = s;
		s += len;
	}
	if(start != nil){
		straddn(&w, start, end-start);
		*tail = newword(strfinish(&w), nil);
	}
	free(ifs);
	return list;
}

/* `{cmd}: the output of cmd, split into words. */
static Word*
backquote(Tree *body)
{
	int pfd[2], pid;
	char *out, *status;
	long n;
	Word *words;

	if(pipe(pfd) < 0){
		rcerror("can't make pipe: %r");
		return nil;
	}
	pid = forkchild(0);
	if(pid < 0){
		close(pfd[0]);
		close(pfd[1]);
		return nil;
	}
	if(pid == 0){
		close(pfd[0]);
		applyredirs();
		dup(pfd[1], 1);
		close(pfd[1]);
		execseq(body, 1);
		exits(getstatus());
	}
	close(pfd[1]);
	out = readall(pfd[0], &n);
	close(pfd[0]);
	status = waitfor(pid, 0);
	free(status);
	words = splitifs(out, n);
	free(out);
	return words;
}

static Word*
evalword(Tree *t)
{
	Word *w, *subs;
	char *name;

	switch(t->type){
	case Tword:
		if(t->quoted)
			return newword(estrdup(t->str), nil);
		return newword(markglob(t->str), nil);
	case Tvar:
	case Tsub:
	case Tcount:
	case Tflat:
		name = evalname(t->kid[0]);
		if(name == nil)
			return nil;
		if(t->type == Tvar)
			w = copywords(getvar(name));
		else if(t->type == Tsub){
			subs = evalsubject(t->kid[1]);
			w = subscript(getvar(name), subs);
			freewords(subs);
		}else if(t->type == Tcount)
			w = newword(smprint("%d", countwords(getvar(name))), nil);
		else
			w = newword(joinwords(getvar(name), " "), nil);
		free(name);
		return w;
	case Tconcat:
		w = evalword(t->kid[0]);
		if(stopping()){
			freewords(w);
			return nil;
		}
		return concat(w, evalword(t->kid[1]));
	case Tlist:
		return evallist(t->kid[0]);
	case Tbackq:
		return backquote(t->kid[0]);
	}
	return nil;
}

/* Command arguments, assigned values, for lists, redirection targets: globbed. */
Word*
evalargs(Tree *t)
{
	return glob(evallist(t));
}

/* Patterns for ~ and case: the marks stay for match. */
Word*
evalpatterns(Tree *t)
{
	return evallist(t);
}

/* Words taken literally: subjects of ~ and switch, subscripts, fn names. */
Word*
evalsubject(Tree *t)
{
	Word *w, *list;

	list = evallist(t);
	for(w = list; w != nil; w = w->next)
		unmark(w->s);
	return list;
}

/* A variable name: exactly one word. */
char*
evalname(Tree *t)
{
	Word *w;
	char *name;

	w = evalword(t);
	if(stopping()){
		freewords(w);
		return nil;
	}
	if(w == nil || w->next != nil){
		freewords(w);
		rcerror("variable name not singleton!");
		return nil;
	}
	name = unmark(w->s);
	free(w);
	return name;
}
