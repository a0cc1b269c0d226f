#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/*
 * Variables and functions. Globals live in a hash table;
 * locals (assignments prefixed to a command, $* in a function)
 * form a stack, innermost first, that shadows them.
 */

Var	*gvar[Nvarhash];
Var	*locals;

static uint
hash(char *s)
{
	uint h;

	for(h = 0; *s != 0; s++)
		h = h*31 + (uchar)*s;
	return h % Nvarhash;
}

static Var*
lookglobal(char *name)
{
	Var *v;

	for(v = gvar[hash(name)]; v != nil; v = v->next)
		if(strcmp(v->name, name) == 0)
			return v;
	return nil;
}

static Var*
global(char *name)
{
	Var *v;
	uint h;

	v = lookglobal(name);
	if(v != nil)
		return v;
	v = emalloc(sizeof *v);
	v->name = estrdup(name);
	h = hash(name);
	v->next = gvar[h];
	gvar[h] = v;
	return v;
}

/* The innermost variable called name, or nil. */
Var*
lookvar(char *name)
{
	Var *v;

	for(v = locals; v != nil; v = v->next)
		if(strcmp(v->name, name) == 0)
			return v;
	return lookglobal(name);
}

static int
isnumber(char *s)
{
	if(*s == 0)
		return 0;
	for(; *s != 0; s++)
		if(*s < '0' || *s > '9')
			return 0;
	return 1;
}

/*
 * The value of name, still owned by the variable.
 * $1, $2... are the words of $*; a static word holds the one asked for.
 */
Word*
getvar(char *name)
{
	static Word arg;
	Var *v;
	Word *w;
	long n;

	if(isnumber(name) && (n = strtol(name, nil, 10)) > 0){
		for(w = getvar("*"); w != nil && --n > 0; w = w->next)
			;
		if(w == nil)
			return nil;
		arg.s = w->s;
		arg.next = nil;
		return &arg;
	}
	v = lookvar(name);
	if(v == nil)
		return nil;
	return v->val;
}

/* Set the innermost name to val, which the variable now owns. */
void
setvar(char *name, Word *val)
{
	Var *v;

	v = lookvar(name);
	if(v == nil)
		v = global(name);
	freewords(v->val);
	v->val = val;
	v->changed = 1;
}

void
pushlocal(char *name, Word *val)
{
	Var *v;

	v = emalloc(sizeof *v);
	v->name = estrdup(name);
	v->val = val;
	v->next = locals;
	locals = v;
}

/*
 * Drop the innermost local. A child may have written it to the shared
 * /env before an exec, so the variable it hid is written out again
 * (or removed, if it has no value) before the next child starts.
 */
void
poplocal(void)
{
	Var *v, *hid;

	v = locals;
	locals = v->next;
	hid = lookvar(v->name);
	if(hid == nil)
		hid = global(v->name);
	hid->changed = 1;
	free(v->name);
	freewords(v->val);
	free(v);
}

/* Functions are always global. */
Func*
lookfn(char *name)
{
	Var *v;

	v = lookglobal(name);
	if(v == nil)
		return nil;
	return v->fn;
}

/* Give a Func up; it is freed when it is neither defined nor running. */
void
dropfn(Func *f)
{
	if(--f->ref > 0)
		return;
	freetree(f->body);
	free(f);
}

/* Define name with body (a Tbrace, which the function now owns), or delete it if body is nil. */
void
setfn(char *name, Tree *body)
{
	Var *v;

	v = global(name);
	if(v->fn != nil)
		dropfn(v->fn);
	v->fn = nil;
	if(body != nil){
		v->fn = emalloc(sizeof *v->fn);
		v->fn->body = body;
		v->fn->ref = 1;
	}
	v->fnchanged = 1;
}
