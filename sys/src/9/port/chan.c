/*
 * Channels (open or walked-to files) and the translation of names into
 * channels.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum { Maxwalk = 16 };	/* names per device walk call */

static struct {
	Lock;
	Chan	*free;
	int	nused;
} chans;

char*
kstrdup(char *s)
{
	char *t;
	int n;

	n = strlen(s)+1;
	t = smalloc(n);
	memmove(t, s, n);
	return t;
}

/* Copy at most n-1 bytes, never splitting a UTF sequence. */
void
kstrcpy(char *dst, char *src, int n)
{
	int i, r;
	Rune rune;

	if(n <= 0)
		return;
	for(i = 0; i < n-1 && src[i] != 0; i += r){
		r = chartorune(&rune, src+i);
		if(i+r > n-1)
			break;
	}
	memmove(dst, src, i);
	dst[i] = 0;
}

Path*
newpath(char *s)
{
	Path *p;

	p = smalloc(sizeof *p);
	p->ref = 1;
	p->s = kstrdup(s);
	return p;
}

void
pathclose(Path *p)
{
	if(p == nil || decref(p) > 0)
		return;
	free(p->s);
	free(p);
}

/* p with name appended as a new element. */
static Path*
addelem(Path *p, char *name)
{
	char *s;
	Path *np;

	if(strcmp(name, ".") == 0){
		incref(p);
		return p;
	}
	s = smalloc(strlen(p->s)+1+strlen(name)+1);
	sprint(s, "%s/%s", p->s, name);
	cleanname(s);
	np = newpath(s);
	free(s);
	return np;
}

Chan*
newchan(void)
{
	Chan *c;

	lock(&chans);
	c = chans.free;
	if(c != nil)
		chans.free = c->next;
	chans.nused++;
	unlock(&chans);
	if(c == nil)
		c = smalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	c->ref = 1;
	c->dev = 0;
	c->offset = 0;
	c->iounit = 0;
	return c;
}

static void
chanfree(Chan *c)
{
	c->flag = CFREE;
	pathclose(c->path);
	c->path = nil;
	lock(&chans);
	c->next = chans.free;
	chans.free = c;
	chans.nused--;
	unlock(&chans);
}

void
cclose(Chan *c)
{
	if(c == nil)
		return;
	if(c->flag & CFREE)
		panic("cclose of free chan %#p from %#p", c, getcallerpc());
	if(decref(c) > 0)
		return;
	if(!waserror()){
		devtab[c->type]->close(c);
		poperror();
	}
	chanfree(c);
}

int
channelsinuse(void)
{
	return chans.nused;
}

void
isdir(Chan *c)
{
	if(c->qid.type & QTDIR)
		return;
	error(Enotdir);
}

int
openmode(ulong o)
{
	o &= ~(OTRUNC|OCEXEC|ORCLOSE);
	if(o > OEXEC)
		error(Ebadarg);
	if(o == OEXEC)
		return OREAD;
	return o;
}

/*
 * Walk c through the names; on success c becomes the walked-to
 * channel. A name that does not exist fails the whole walk.
 */
static void
walk(Chan **cp, char **names, int nnames)
{
	Chan *c, *nc;
	Walkqid *wq;
	Path *p;
	int n, i;

	c = *cp;
	incref(c);
	while(nnames > 0){
		n = nnames;
		if(n > Maxwalk)
			n = Maxwalk;
		wq = devtab[c->type]->walk(c, nil, names, n);
		if(wq == nil || wq->nqid < n){
			if(wq != nil){
				if(wq->clone != nil)
					cclose(wq->clone);
				free(wq);
			}
			cclose(c);
			error(Enonexist);
		}
		nc = wq->clone;
		free(wq);
		p = c->path;
		incref(p);
		for(i = 0; i < n; i++){
			Path *q = addelem(p, names[i]);
			pathclose(p);
			p = q;
		}
		pathclose(nc->path);
		nc->path = p;
		cclose(c);
		c = nc;
		names += n;
		nnames -= n;
	}
	cclose(*cp);
	*cp = c;
}

/* Split a path into its elements, in place. */
static int
parsename(char *s, char **elem, int max)
{
	int n;

	n = 0;
	while(*s != 0){
		while(*s == '/')
			*s++ = 0;
		if(*s == 0)
			break;
		if(n == max)
			error(Etoolong);
		elem[n++] = s;
		while(*s != 0 && *s != '/')
			s++;
	}
	return n;
}

/*
 * The channel for name. Names starting with # attach a device; others
 * start at the root of the device tree.
 */
Chan*
namec(char *aname, int amode, int omode, ulong perm)
{
	char *name, *elem[64], *spec, *p;
	Chan *c;
	Rune r;
	int n, t;

	USED(perm);
	if(aname[0] == 0)
		error(Enonexist);
	name = kstrdup(aname);
	if(waserror()){
		free(name);
		nexterror();
	}
	p = name;
	if(p[0] == '#'){
		p++;
		p += chartorune(&r, p);
		t = devno(r, 1);
		if(t < 0)
			error(Ebadsharp);
		spec = p;
		while(*p != 0 && *p != '/')
			p++;
		if(*p == '/')
			*p++ = 0;
		c = devtab[t]->attach(spec);
	}else
		c = devtab[devno('/', 0)]->attach("");
	if(waserror()){
		cclose(c);
		nexterror();
	}
	n = parsename(p, elem, nelem(elem));
	walk(&c, elem, n);
	poperror();
	/* again: a handler set before walk may see the old c, not the walked one */
	if(waserror()){
		cclose(c);
		nexterror();
	}
	switch(amode){
	case Aopen:
		c = devtab[c->type]->open(c, omode);
		if(omode & OCEXEC)
			c->flag |= CCEXEC;
		if(omode & ORCLOSE)
			c->flag |= CRCLOSE;
		break;
	case Aaccess:
		break;
	default:
		error(Eperm);
	}
	poperror();
	poperror();
	free(name);
	return c;
}
