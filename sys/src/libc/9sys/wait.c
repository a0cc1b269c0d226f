#include <u.h>
#include <libc.h>

enum
{
	Waitlen	= 4*20 + ERRMAX + 8,	/* pid, three times, quoted message */
	Nfield	= 5,
};

/* The next await message, split into its fields; its count, or -1. */
static int
awaitfields(char *buf, int nbuf, char **f)
{
	int n;

	n = await(buf, nbuf-1);
	if(n < 0)
		return -1;
	buf[n] = 0;
	if(tokenize(buf, f, Nfield) != Nfield){
		werrstr("bad wait message");
		return -1;
	}
	return Nfield;
}

Waitmsg*
wait(void)
{
	char buf[Waitlen], *f[Nfield];
	Waitmsg *w;
	int i;

	if(awaitfields(buf, sizeof buf, f) < 0)
		return nil;
	w = malloc(sizeof(Waitmsg) + strlen(f[4]) + 1);
	if(w == nil)
		return nil;
	w->pid = atoi(f[0]);
	for(i = 0; i < 3; i++)
		w->time[i] = strtoul(f[1+i], nil, 10);
	w->msg = strcpy((char*)&w[1], f[4]);
	return w;
}

/* Wait for a child, discarding its status: its pid, or -1. */
int
waitpid(void)
{
	char buf[Waitlen], *f[Nfield];

	if(awaitfields(buf, sizeof buf, f) < 0)
		return -1;
	return atoi(f[0]);
}
