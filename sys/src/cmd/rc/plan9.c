#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/* Processes, programs, files and notes: rc's dealings with the system. */

static int	*bgpids;	/* background children not yet waited for */
static int	nbg;
static int	maxbg;

/*
 * Foreground children reaped while rc waited for another, as happens
 * when a pipeline's later commands end first: their statuses, kept
 * for the waitfor to come.
 */
typedef struct Reaped Reaped;
struct Reaped
{
	int	pid;
	char	*status;
	Reaped	*next;
};
static Reaped	*reaped;

/*
 * Fork a child rc. As on Plan 9 the child shares the environment
 * group, so that what any program writes in /env is seen by all;
 * rc writes its changed variables out first, and a child about to
 * exec writes its own changes and local assignments (doexec).
 */
int
forkchild(int flag)
{
	int pid;

	flushenv();
	pid = rfork(RFPROC|RFFDG|flag);
	if(pid < 0){
		rcerror("can't fork: %r");
		return -1;
	}
	if(pid == 0){
		interactive = 0;
		nbg = 0;
		reaped = nil;
	}
	return pid;
}

void
addbgpid(int pid)
{
	if(nbg == maxbg){
		maxbg = 2*maxbg + 8;
		bgpids = erealloc(bgpids, maxbg*sizeof bgpids[0]);
	}
	bgpids[nbg++] = pid;
}

/* Forget pid as a background child; 0 if it was not one. */
static int
delbgpid(int pid)
{
	int i;

	for(i = 0; i < nbg; i++)
		if(bgpids[i] == pid){
			bgpids[i] = bgpids[--nbg];
			return 1;
		}
	return 0;
}

static int
waitinterrupted(void)
{
	char err[ERRMAX];

	rerrstr(err, sizeof err);
	return strstr(err, "interrupt") != nil;
}

/*
 * The exit status of child pid, as a malloc'd string.
 * Foreground children get the same interrupt as rc and die of it,
 * so rc waits on through interrupts; with interruptible set
 * (the wait builtin, whose children may be immune) it gives up.
 */
char*
waitfor(int pid, int interruptible)
{
	Waitmsg *w;
	Reaped *r, **l;
	char *status;

	for(l = &reaped; (r = *l) != nil; l = &r->next)
		if(r->pid == pid){
			*l = r->next;
			status = r->status;
			free(r);
			return status;
		}
	for(;;){
		w = wait();
		if(w == nil){
			if(waitinterrupted() && !(interruptible && interrupted))
				continue;
			return estrdup("");
		}
		if(w->pid == pid){
			delbgpid(pid);
			status = estrdup(w->msg);
			free(w);
			return status;
		}
		if(!delbgpid(w->pid)){
			r = emalloc(sizeof *r);
			r->pid = w->pid;
			r->status = estrdup(w->msg);
			r->next = reaped;
			reaped = r;
		}
		free(w);
	}
}

/* Wait for every background child, until interrupted. */
void
waitall(void)
{
	Waitmsg *w;

	while(nbg > 0 && !interrupted){
		w = wait();
		if(w == nil){
			if(waitinterrupted())
				continue;
			nbg = 0;
			break;
		}
		delbgpid(w->pid);
		free(w);
	}
}

/* Does this rc have background child pid? */
int
isbgpid(int pid)
{
	int i;

	for(i = 0; i < nbg; i++)
		if(bgpids[i] == pid)
			return 1;
	return 0;
}

/* Is name looked for in $path (or $cdpath), rather than taken as it is? */
int
searchable(char *name)
{
	return name[0] != '/' && name[0] != '#'
		&& strncmp(name, "./", 2) != 0 && strncmp(name, "../", 3) != 0;
}

/* dir/name, or name alone for an empty dir */
char*
inpath(char *dir, char *name)
{
	if(*dir == 0)
		return estrdup(name);
	return smprint("%s/%s", dir, name);
}

/*
 * Become the program args names, searching $path, with the
 * pending redirections and local variables in force. Never returns.
 */
void
doexec(Word *args)
{
	char **argv, *file, err[ERRMAX];
	Word *w, *dir;
	int i;

	applyredirs();
	flushenv();
	writelocals();
	argv = emalloc((countwords(args)+1)*sizeof argv[0]);
	for(i = 0, w = args; w != nil; w = w->next)
		argv[i++] = w->s;
	argv[i] = nil;
	if(!searchable(args->s))
		exec(args->s, argv);
	else
		for(dir = getvar("path"); dir != nil; dir = dir->next){
			file = inpath(dir->s, args->s);
			exec(file, argv);
			free(file);
		}
	rerrstr(err, sizeof err);
	if(getvar("path") == nil && searchable(args->s))
		snprint(err, sizeof err, "not found");
	fprint(2, "rc: %s: %s\n", args->s, err);
	exits(err);
}

/* Everything that can be read from fd, NUL-terminated; *n is its length. */
char*
readall(int fd, long *n)
{
	char *buf;
	long max, r;

	max = 1024;
	buf = emalloc(max);
	*n = 0;
	for(;;){
		if(*n+1 >= max){
			max *= 2;
			buf = erealloc(buf, max);
		}
		r = read(fd, buf+*n, max-*n-1);
		if(r < 0 && interrupted == 0 && waitinterrupted())
			continue;
		if(r <= 0)
			break;
		*n += r;
	}
	buf[*n] = 0;
	return buf;
}

/* The contents of a file, or nil. */
char*
readfile(char *name, long *n)
{
	char *buf;
	int fd;

	fd = open(name, OREAD);
	if(fd < 0)
		return nil;
	buf = readall(fd, n);
	close(fd);
	return buf;
}

/* Is fd the console, so that rc should prompt? */
int
isconsole(int fd)
{
	char buf[128];
	int n;

	if(fd2path(fd, buf, sizeof buf) < 0)
		return 0;
	n = strlen(buf);
	return n >= 4 && strcmp(buf+n-4, "cons") == 0;
}

/*
 * An interrupt stops the command in progress (see stopping);
 * other notes, hangup among them, end rc as they would any program.
 */
static void
note(void *ureg, char *msg)
{
	USED(ureg);
	if(strcmp(msg, "interrupt") == 0){
		interrupted = 1;
		noted(NCONT);
	}
	noted(NDFLT);
}

void
catchnotes(void)
{
	notify(note);
}
