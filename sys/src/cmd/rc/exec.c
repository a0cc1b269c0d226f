#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/*
 * The interpreter: walks command trees.
 * An error (rcerror) or an interrupt note makes stopping() true;
 * everything then returns without doing more, back to the prompt
 * or out of rc. tail is set when nothing runs after the command
 * in this process, so an external program may replace it.
 */

int	interrupted;	/* set by the note handler */
int	unwinding;	/* set by rcerror */
int	incondition;	/* inside if(...), while(...), left of && ||, under ! */
static int	iffailed;	/* the last if's condition was false, for if not */

int
stopping(void)
{
	return interrupted || unwinding;
}

/* Report an error in rc itself and abandon the current command. */
void
rcerror(char *fmt, ...)
{
	va_list arg;
	char *msg;

	va_start(arg, fmt);
	msg = vsmprint(fmt, arg);
	va_end(arg);
	fprint(2, "rc: %s\n", msg);
	setstatus(msg);
	free(msg);
	unwinding = 1;
}

void
setstatus(char *s)
{
	setvar("status", newword(estrdup(s != nil ? s : ""), nil));
}

char*
getstatus(void)
{
	Word *w;

	w = getvar("status");
	return w != nil ? w->s : "";
}

/* Success is an empty status, or only zeros between the |s of a pipeline. */
int
truestatus(void)
{
	char *s;

	for(s = getstatus(); *s != 0; s++)
		if(*s != '|' && *s != '0')
			return 0;
	return 1;
}

/* With -e, a failing command outside a condition ends rc. */
static void
checkexit(void)
{
	if(flags['e'] && incondition == 0 && !truestatus() && !stopping())
		exits(getstatus());
}

static void
condition(Tree *t, int seq)
{
	incondition++;
	if(seq)
		execseq(t, 0);
	else
		execcmd(t, 0);
	incondition--;
}

static void
trace(Word *args)
{
	Str s;
	char *line;

	strinit(&s);
	for(; args != nil; args = args->next){
		addword(&s, args->s);
		straddc(&s, args->next != nil ? ' ' : '\n');
	}
	line = strfinish(&s);
	write(2, line, strlen(line));
	free(line);
}

static void
callfn(Func *f, Word *args, int tail)
{
	f->ref++;
	pushlocal("*", copywords(args->next));
	execcmd(f->body, tail);
	poplocal();
	dropfn(f);
}

static void
runexternal(Word *args, int tail)
{
	char *status;
	int pid;

	if(tail)
		doexec(args);
	pid = forkchild(0);
	if(pid < 0)
		return;
	if(pid == 0)
		doexec(args);
	status = waitfor(pid, 0);
	setstatus(status);
	free(status);
}

static void
execsimple(Tree *t, int tail)
{
	Word *args;
	Func *f;
	Builtinfn *b;

	args = evalargs(t->kid[0]);
	if(args == nil || stopping()){
		freewords(args);
		return;
	}
	if(flags['x'])
		trace(args);
	if((f = lookfn(args->s)) != nil)
		callfn(f, args, tail);
	else if((b = lookbuiltin(args->s)) != nil)
		b(args);
	else
		runexternal(args, tail);
	freewords(args);
	checkexit();
}

static int
openredir(Tree *r, char *file)
{
	int fd;

	switch(r->rtype){
	case Rread:
		return open(file, OREAD);
	case Rrdwr:
		return open(file, ORDWR);
	case Rappend:
		fd = open(file, OWRITE);
		if(fd >= 0){
			seek(fd, 0, 2);
			return fd;
		}
		/* fall through */
	default:
		return create(file, OWRITE, 0666);
	}
}

/* Record one redirection; 0 if it failed. */
static int
redirect(Tree *r)
{
	Word *file;
	int fd;

	switch(r->type){
	case Tdup:
		pushredir(r->fd[0], r->fd[1], 0);
		return 1;
	case Tclose:
		pushredir(r->fd[0], -1, 0);
		return 1;
	}
	file = evalargs(r->kid[0]);
	if(stopping()){
		freewords(file);
		return 0;
	}
	if(file == nil || file->next != nil){
		rcerror("%s: redirection needs exactly one file", redirop(r->rtype));
		freewords(file);
		return 0;
	}
	fd = openredir(r, file->s);
	if(fd < 0){
		rcerror("can't open %s: %r", file->s);
		freewords(file);
		return 0;
	}
	freewords(file);
	pushredir(r->fd[0], fd, 1);
	return 1;
}

static void
execredirect(Tree *t, int tail)
{
	Tree *r;
	int depth;

	depth = redirdepth();
	for(r = t->kid[1]; r != nil; r = r->next)
		if(!redirect(r)){
			popredirs(depth);
			return;
		}
	execcmd(t->kid[0], tail);
	popredirs(depth);
}

static void
execassign(Tree *t, int tail)
{
	char *name;
	Word *val;

	name = evalname(t->kid[0]);
	if(name == nil)
		return;
	val = evalargs(t->kid[1]);
	if(stopping()){
		freewords(val);
		free(name);
		return;
	}
	if(t->kid[2] == nil)
		setvar(name, val);
	else{
		pushlocal(name, val);
		execcmd(t->kid[2], tail);
		poplocal();
	}
	free(name);
}

static void
execif(Tree *t, int tail)
{
	condition(t->kid[0], 1);
	if(stopping())
		return;
	iffailed = !truestatus();
	if(!iffailed)
		execcmd(t->kid[1], tail);
}

static void
execfor(Tree *t)
{
	Word *list, *w;
	char *name;

	name = evalname(t->kid[0]);
	if(name == nil)
		return;
	if(t->kid[1] != nil)
		list = evalargs(t->kid[1]->kid[0]);
	else
		list = copywords(getvar("*"));
	for(w = list; w != nil && !stopping(); w = w->next){
		setvar(name, newword(estrdup(w->s), nil));
		execcmd(t->kid[2], 0);
	}
	freewords(list);
	free(name);
}

/* A while loop's status is its body's last, or success if the body never ran. */
static void
execwhile(Tree *t)
{
	char *status;

	status = estrdup("");
	for(;;){
		condition(t->kid[0], 1);
		if(stopping() || !truestatus())
			break;
		execcmd(t->kid[1], 0);
		if(stopping())
			break;
		free(status);
		status = estrdup(getstatus());
	}
	if(!stopping())
		setstatus(status);
	free(status);
}

static void
execswitch(Tree *t, int tail)
{
	Word *subject, *pats;
	Tree *c;
	int found;

	subject = evalsubject(t->kid[0]);
	for(c = t->kid[1]; c != nil && !stopping(); c = c->next){
		pats = evalpatterns(c->kid[0]);
		found = matchany(subject, pats);
		freewords(pats);
		if(found && !stopping()){
			execseq(c->kid[1], tail);
			break;
		}
	}
	freewords(subject);
}

static void
execmatch(Tree *t)
{
	Word *subject, *pats;
	int found;

	subject = evalsubject(t->kid[0]);
	pats = evalpatterns(t->kid[1]);
	found = matchany(subject, pats);
	freewords(subject);
	freewords(pats);
	if(!stopping())
		setstatus(found ? "" : "no match");
}

static void
execnot(Tree *t)
{
	condition(t->kid[0], 0);
	if(!stopping())
		setstatus(truestatus() ? "false" : "");
}

/* Run t in a child rc: at the end of a pipeline, in the background, in @. */
static void
runchild(Tree *t)
{
	execcmd(t, 1);
	exits(getstatus());
}

static void
execsubshell(Tree *t)
{
	char *status;
	int pid;

	pid = forkchild(0);
	if(pid < 0)
		return;
	if(pid == 0){
		applyredirs();
		runchild(t->kid[0]);
	}
	status = waitfor(pid, 0);
	setstatus(status);
	free(status);
	checkexit();
}

/* Background commands read /dev/null and are immune to the shell's interrupts. */
static void
execbg(Tree *t)
{
	char buf[16];
	int pid, fd;

	pid = forkchild(RFNOTEG);
	if(pid < 0)
		return;
	if(pid == 0){
		fd = open("/dev/null", OREAD);
		if(fd >= 0 && fd != 0){
			dup(fd, 0);
			close(fd);
		}
		applyredirs();
		runchild(t);
	}
	addbgpid(pid);
	snprint(buf, sizeof buf, "%d", pid);
	setvar("apid", newword(estrdup(buf), nil));
	setstatus("");
}

/*
 * a |[l=r] b | ...: every element runs in a child, element i's fd l
 * the write end of a pipe whose read end is element i+1's fd r.
 * The status is the elements' statuses joined with |.
 */
static void
execpipe(Tree *t)
{
	Tree **elem, *p;
	int *pids, *wfd, *rfd, n, i, pfd[2], readfd;
	char *status;
	Str s;

	n = 1;
	for(p = t; p->type == Tpipe; p = p->kid[0])
		n++;
	elem = emalloc(n*sizeof elem[0]);
	pids = emalloc(n*sizeof pids[0]);
	wfd = emalloc(n*sizeof wfd[0]);
	rfd = emalloc(n*sizeof rfd[0]);
	i = n-1;
	for(p = t; p->type == Tpipe; p = p->kid[0]){
		elem[i] = p->kid[1];
		wfd[i-1] = p->fd[0];
		rfd[i] = p->fd[1];
		i--;
	}
	elem[0] = p;

	readfd = -1;
	for(i = 0; i < n; i++){
		pfd[0] = pfd[1] = -1;
		if(i < n-1 && pipe(pfd) < 0){
			rcerror("can't make pipe: %r");
			break;
		}
		pids[i] = forkchild(0);
		if(pids[i] == 0){
			applyredirs();
			if(readfd >= 0 && readfd != rfd[i]){
				dup(readfd, rfd[i]);
				close(readfd);
			}
			if(pfd[1] >= 0){
				close(pfd[0]);
				if(pfd[1] != wfd[i]){
					dup(pfd[1], wfd[i]);
					close(pfd[1]);
				}
			}
			runchild(elem[i]);
		}
		if(readfd >= 0)
			close(readfd);
		if(pfd[1] >= 0)
			close(pfd[1]);
		readfd = pfd[0];
		if(pids[i] < 0)
			break;
	}
	if(readfd >= 0)
		close(readfd);

	strinit(&s);
	for(n = i, i = 0; i < n; i++){
		status = waitfor(pids[i], 0);
		if(i > 0)
			straddc(&s, '|');
		stradd(&s, status);
		free(status);
	}
	status = strfinish(&s);
	if(!stopping())
		setstatus(status);
	free(status);
	free(elem);
	free(pids);
	free(wfd);
	free(rfd);
	checkexit();
}

static void
execfn(Tree *t)
{
	Word *names, *w;

	names = evalsubject(t->kid[0]);
	for(w = names; w != nil && !stopping(); w = w->next)
		setfn(w->s, t->kid[1] != nil ? copytree(t->kid[1]) : nil);
	freewords(names);
}

void
execcmd(Tree *t, int tail)
{
	if(t == nil || stopping())
		return;
	switch(t->type){
	case Tsimple:
		execsimple(t, tail);
		break;
	case Tredirect:
		execredirect(t, tail);
		break;
	case Tassign:
		execassign(t, tail);
		break;
	case Tbrace:
		execseq(t->kid[0], tail);
		break;
	case Tbg:
		execbg(t->kid[0]);
		break;
	case Tif:
		execif(t, tail);
		break;
	case Tifnot:
		if(iffailed)
			execcmd(t->kid[0], tail);
		break;
	case Tfor:
		execfor(t);
		break;
	case Twhile:
		execwhile(t);
		break;
	case Tswitch:
		execswitch(t, tail);
		break;
	case Tmatch:
		execmatch(t);
		break;
	case Tnot:
		execnot(t);
		break;
	case Tsubshell:
		execsubshell(t);
		break;
	case Tand:
		condition(t->kid[0], 0);
		if(truestatus())
			execcmd(t->kid[1], tail);
		break;
	case Tor:
		condition(t->kid[0], 0);
		if(!truestatus())
			execcmd(t->kid[1], tail);
		break;
	case Tpipe:
		execpipe(t);
		break;
	case Tfn:
		execfn(t);
		break;
	}
}

/* The commands of a list in turn. */
void
execseq(Tree *t, int tail)
{
	for(; t != nil && !stopping(); t = t->next)
		execcmd(t, tail && t->next == nil);
}
