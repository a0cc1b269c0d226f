#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/*
 * Pending redirections. rc does not rearrange its own descriptors:
 * a redirected command records here what its descriptors should be,
 * and a child process applies the records just after it is forked.
 * Builtins, which run in rc itself, look their descriptors up with mapfd.
 */

typedef struct Redir Redir;
struct Redir
{
	int	fd;	/* the descriptor changed */
	int	from;	/* the one it becomes a copy of; -1 closes it */
	int	opened;	/* rc opened from for this, and closes it when done */
};

static Redir	*redirs;
static int	nredir;
static int	maxredir;

int
redirdepth(void)
{
	return nredir;
}

void
pushredir(int fd, int from, int opened)
{
	Redir *r;

	if(nredir == maxredir){
		maxredir = 2*maxredir + 8;
		redirs = erealloc(redirs, maxredir*sizeof *redirs);
	}
	r = &redirs[nredir++];
	r->fd = fd;
	r->from = from;
	r->opened = opened;
}

/* Forget the redirections above depth, closing the files opened for them. */
void
popredirs(int depth)
{
	while(nredir > depth){
		nredir--;
		if(redirs[nredir].opened)
			close(redirs[nredir].from);
	}
}

static int
istarget(int fd)
{
	int i;

	for(i = 0; i < nredir; i++)
		if(redirs[i].fd == fd)
			return 1;
	return 0;
}

/* Make the pending redirections real, in order, then forget them. */
void
applyredirs(void)
{
	Redir *r;
	int i;

	for(i = 0; i < nredir; i++){
		r = &redirs[i];
		if(r->from < 0)
			close(r->fd);
		else if(r->from != r->fd)
			dup(r->from, r->fd);
	}
	for(i = 0; i < nredir; i++){
		r = &redirs[i];
		if(r->opened && !istarget(r->from))
			close(r->from);
	}
	nredir = 0;
}

/* The descriptor rc itself should use for fd, or -1 if fd is closed. */
int
mapfd(int fd)
{
	Redir *r;
	int i;

	for(i = nredir-1; i >= 0; i--){
		r = &redirs[i];
		if(r->fd != fd)
			continue;
		if(r->from < 0 || r->opened)
			return r->from;
		fd = r->from;
	}
	return fd;
}
