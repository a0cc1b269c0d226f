#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/*
 * The environment, /env: a file per variable holding its words,
 * each followed by a NUL, and per function a file fn#name holding
 * its definition as rc source.
 */

static int
exportable(char *name)
{
	return *name != 0 && strchr(name, '/') == nil
		&& strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static void
writeenv(char *file, char *buf, long n)
{
	int fd;

	fd = create(file, OWRITE, 0666);
	if(fd < 0)
		return;
	write(fd, buf, n);
	close(fd);
}

static void
exportvar(char *name, Word *val)
{
	char *file;
	Str s;
	Word *w;

	file = smprint("/env/%s", name);
	if(val == nil)
		remove(file);
	else{
		strinit(&s);
		for(w = val; w != nil; w = w->next)
			straddn(&s, w->s, strlen(w->s)+1);
		writeenv(file, s.s, s.len);
		free(s.s);
	}
	free(file);
}

static void
exportfn(char *name, Func *f)
{
	char *file, *src;

	file = smprint("/env/fn#%s", name);
	if(f == nil)
		remove(file);
	else{
		src = fnsource(name, f);
		writeenv(file, src, strlen(src));
		free(src);
	}
	free(file);
}

/* Write the globals and functions changed since the last time. */
void
flushenv(void)
{
	Var *v;
	int i;

	for(i = 0; i < Nvarhash; i++)
		for(v = gvar[i]; v != nil; v = v->next){
			if(!exportable(v->name))
				continue;
			if(v->changed)
				exportvar(v->name, v->val);
			if(v->fnchanged)
				exportfn(v->name, v->fn);
			v->changed = 0;
			v->fnchanged = 0;
		}
}

static void
exportlocals(Var *v)
{
	if(v == nil)
		return;
	exportlocals(v->next);
	if(exportable(v->name))
		exportvar(v->name, v->val);
}

/* In a child about to exec: write the locals, outermost first so inner ones win. */
void
writelocals(void)
{
	exportlocals(locals);
}

/* The words of an environment file: each ends in a NUL, the last perhaps not. */
static Word*
envwords(char *buf, long n)
{
	Word *list, **tail;
	char *p, *end, *e;

	list = nil;
	tail = &list;
	end = buf+n;
	for(p = buf; p < end; p = e+1){
		e = memchr(p, 0, end-p);
		if(e == nil)
			e = end;
		*tail = newword(emalloc(e-p+1), nil);
		memmove((*tail)->s, p, e-p);
		tail = &(*tail)->next;
	}
	return list;
}

static void
importfile(char *name)
{
	char *file, *buf;
	long n;
	Input in;
	Var *v;

	file = smprint("/env/%s", name);
	buf = readfile(file, &n);
	free(file);
	if(buf == nil)
		return;
	if(strncmp(name, "fn#", 3) == 0){
		stringinput(&in, buf, name);
		runinput(&in, 0);
		unwinding = 0;
		v = lookvar(name+3);
		if(v != nil)
			v->fnchanged = 0;
	}else{
		setvar(name, envwords(buf, n));
		v = lookvar(name);
		v->changed = 0;
	}
	free(buf);
}

/* Take the variables and functions in /env as rc's own. */
void
importenv(void)
{
	Dir *d;
	long i, n;
	int fd;

	fd = open("/env", OREAD);
	if(fd < 0)
		return;
	while((n = dirread(fd, &d)) > 0){
		for(i = 0; i < n; i++)
			if((d[i].mode & DMDIR) == 0)
				importfile(d[i].name);
		free(d);
	}
	close(fd);
}
