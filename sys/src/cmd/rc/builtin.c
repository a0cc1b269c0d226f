#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/* Commands rc runs itself. Their descriptors are looked up through mapfd. */

typedef struct Builtin Builtin;
struct Builtin
{
	char		*name;
	Builtinfn	*fn;
};

/* Report a builtin's failure on its fd 2, and make it the status. */
static void
fail(char *fmt, ...)
{
	va_list arg;
	char *msg;

	va_start(arg, fmt);
	msg = vsmprint(fmt, arg);
	va_end(arg);
	fprint(mapfd(2), "rc: %s\n", msg);
	setstatus(msg);
	free(msg);
}

static void
bcd(Word *args)
{
	Word *home, *cdpath;
	char *dir, *path;

	switch(countwords(args)){
	case 1:
		home = getvar("home");
		if(home == nil){
			fail("cd: no $home");
			return;
		}
		dir = home->s;
		break;
	case 2:
		dir = args->next->s;
		break;
	default:
		fail("usage: cd [directory]");
		return;
	}
	cdpath = getvar("cdpath");
	if(!searchable(dir) || cdpath == nil){
		if(chdir(dir) < 0)
			fail("can't cd %s: %r", dir);
		else
			setstatus("");
		return;
	}
	for(; cdpath != nil; cdpath = cdpath->next){
		path = inpath(cdpath->s, dir);
		if(chdir(path) >= 0){
			free(path);
			setstatus("");
			return;
		}
		free(path);
	}
	fail("can't cd %s: %r", dir);
}

/* . file [arg ...]: run the commands in file, found through $path, with $* set to the args. */
static void
bdot(Word *args)
{
	Word *w, *dir;
	Input in;
	char *file;
	int fd;

	w = args->next;
	if(w == nil){
		fail("usage: . file [arg ...]");
		return;
	}
	fd = -1;
	if(!searchable(w->s))
		fd = open(w->s, OREAD|OCEXEC);
	else
		for(dir = getvar("path"); dir != nil && fd < 0; dir = dir->next){
			file = inpath(dir->s, w->s);
			fd = open(file, OREAD|OCEXEC);
			free(file);
		}
	if(fd < 0){
		fail("can't open %s: %r", w->s);
		return;
	}
	fdinput(&in, fd, w->s, 0);
	pushlocal("*", copywords(w->next));
	runinput(&in, 0);
	poplocal();
	free(in.buf);
	close(fd);
}

static void
beval(Word *args)
{
	Input in;
	char *s;

	s = joinwords(args->next, " ");
	stringinput(&in, s, "eval");
	runinput(&in, 0);
	free(s);
}

/* exec cmd replaces rc; exec alone makes the redirections permanent. */
static void
bexec(Word *args)
{
	if(args->next == nil){
		applyredirs();
		setstatus("");
		return;
	}
	doexec(args->next);
}

static void
bexit(Word *args)
{
	exits(args->next != nil ? args->next->s : getstatus());
}

static void
bshift(Word *args)
{
	Word *star, *w;
	long n;
	char *p;

	n = 1;
	if(args->next != nil){
		n = strtol(args->next->s, &p, 10);
		if(*p != 0 || p == args->next->s || n < 0 || args->next->next != nil){
			fail("usage: shift [n]");
			return;
		}
	}
	star = copywords(getvar("*"));
	for(; n > 0 && star != nil; n--){
		w = star;
		star = star->next;
		w->next = nil;
		freewords(w);
	}
	setvar("*", star);
	if(n > 0)
		fail("shift: not enough arguments");
	else
		setstatus("");
}

/* wait [pid]: for one background child, or all of them. */
static void
bwait(Word *args)
{
	char *status, *p;
	long pid;

	if(args->next == nil){
		waitall();
		return;
	}
	pid = strtol(args->next->s, &p, 10);
	if(*p != 0 || p == args->next->s){
		fail("usage: wait [pid]");
		return;
	}
	if(!isbgpid(pid))
		return;
	status = waitfor(pid, 1);
	setstatus(status);
	free(status);
}

/* The program name would run, found through $path, or nil. */
static char*
findprogram(char *name)
{
	Word *dir;
	char *file;

	if(!searchable(name))
		return access(name, AEXEC) == 0 ? estrdup(name) : nil;
	for(dir = getvar("path"); dir != nil; dir = dir->next){
		file = inpath(dir->s, name);
		if(access(file, AEXEC) == 0)
			return file;
		free(file);
	}
	return nil;
}

static void
whatis(Str *s, char *name)
{
	Var *v;
	Func *f;
	Word *w;
	char *p;
	int found;

	found = 0;
	v = lookvar(name);
	if(v != nil && v->val != nil){
		addword(s, name);
		straddc(s, '=');
		if(v->val->next == nil)
			addword(s, v->val->s);
		else{
			straddc(s, '(');
			for(w = v->val; w != nil; w = w->next){
				addword(s, w->s);
				if(w->next != nil)
					straddc(s, ' ');
			}
			straddc(s, ')');
		}
		straddc(s, '\n');
		found = 1;
	}
	if((f = lookfn(name)) != nil){
		p = fnsource(name, f);
		stradd(s, p);
		straddc(s, '\n');
		free(p);
	}else if(lookbuiltin(name) != nil){
		stradd(s, "builtin ");
		stradd(s, name);
		straddc(s, '\n');
	}else if((p = findprogram(name)) != nil){
		stradd(s, p);
		straddc(s, '\n');
		free(p);
	}else if(!found)
		fail("%s: not found", name);
}

static void
bwhatis(Word *args)
{
	Str s;
	Word *w;

	setstatus("");
	strinit(&s);
	for(w = args->next; w != nil; w = w->next)
		whatis(&s, w->s);
	if(s.len > 0)
		write(mapfd(1), s.s, s.len);
	free(s.s);
}

/* flag f tests flag f; flag f + and flag f - set and clear it. */
static void
bflag(Word *args)
{
	Word *f, *op;
	int c;

	f = args->next;
	if(f == nil || strlen(f->s) != 1 || (uchar)f->s[0] >= nelem(flags)){
		fail("usage: flag f [+-]");
		return;
	}
	c = f->s[0];
	op = f->next;
	if(op == nil){
		setstatus(flags[c] ? "" : "flag not set");
		return;
	}
	if(strcmp(op->s, "+") == 0)
		flags[c] = 1;
	else if(strcmp(op->s, "-") == 0)
		flags[c] = 0;
	else{
		fail("usage: flag f [+-]");
		return;
	}
	setstatus("");
}

/* rfork [nNeEsfFm]: give rc new or cleared groups, as rfork(2). */
static void
brfork(Word *args)
{
	char *p;
	int flag;

	flag = 0;
	for(p = args->next != nil ? args->next->s : "ens"; *p != 0; p++)
		switch(*p){
		case 'n':
			flag |= RFNAMEG;
			break;
		case 'N':
			flag |= RFCNAMEG;
			break;
		case 'e':
			flag |= RFENVG;
			break;
		case 'E':
			flag |= RFCENVG;
			break;
		case 's':
			flag |= RFNOTEG;
			break;
		case 'f':
			flag |= RFFDG;
			break;
		case 'F':
			flag |= RFCFDG;
			break;
		case 'm':
			flag |= RFNOMNT;
			break;
		default:
			fail("usage: rfork [nNeEsfFm]");
			return;
		}
	if(rfork(flag) < 0)
		fail("rfork: %r");
	else
		setstatus("");
}

/* builtin cmd [arg ...]: run the builtin even if a function has its name. */
static void
bbuiltin(Word *args)
{
	Builtinfn *b;

	if(args->next == nil){
		fail("usage: builtin command [arg ...]");
		return;
	}
	b = lookbuiltin(args->next->s);
	if(b == nil){
		fail("builtin: %s: not a builtin", args->next->s);
		return;
	}
	b(args->next);
}

static Builtin builtins[] = {
	{".",		bdot},
	{"builtin",	bbuiltin},
	{"cd",		bcd},
	{"eval",	beval},
	{"exec",	bexec},
	{"exit",	bexit},
	{"flag",	bflag},
	{"rfork",	brfork},
	{"shift",	bshift},
	{"wait",	bwait},
	{"whatis",	bwhatis},
};

Builtinfn*
lookbuiltin(char *name)
{
	int i;

	for(i = 0; i < nelem(builtins); i++)
		if(strcmp(builtins[i].name, name) == 0)
			return builtins[i].fn;
	return nil;
}
