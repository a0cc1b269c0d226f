#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/* Input from a file descriptor, prompting first if it is interactive. */

enum
{
	Inbuf	= 8192,
};

/* $prompt(1) before a command, $prompt(2) before the rest of one, on fd 2. */
static void
prompt(Input *in)
{
	Word *w;

	w = getvar("prompt");
	if(w != nil && in->continuing)
		w = w->next;
	if(w != nil)
		write(2, w->s, strlen(w->s));
}

static int
fillfd(Input *in)
{
	long n;

	if(in->interactive)
		prompt(in);
	n = read(in->fd, in->buf, Inbuf);
	if(n <= 0)
		return 0;
	in->n = n;
	in->pos = 0;
	return n;
}

void
fdinput(Input *in, int fd, char *name, int interactive)
{
	memset(in, 0, sizeof *in);
	in->buf = emalloc(Inbuf);
	in->fill = fillfd;
	in->fd = fd;
	in->name = interactive ? nil : name;
	in->line = 1;
	in->lastc = '\n';
	in->interactive = interactive;
}
