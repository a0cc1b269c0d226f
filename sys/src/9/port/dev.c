/*
 * Helpers that let a device describe itself with a Dirtab and a
 * generator and get walk, stat, directory reads and open for free.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

void
mkqid(Qid *q, vlong path, ulong vers, int type)
{
	q->type = type;
	q->vers = vers;
	q->path = path;
}

void
devdir(Chan *c, Qid qid, char *n, vlong length, char *user, long perm, Dir *db)
{
	db->name = n;
	if(c->flag & CMSG)
		qid.type |= QTMOUNT;
	db->qid = qid;
	db->type = devtab[c->type]->dc;
	db->dev = c->dev;
	db->mode = perm;
	db->mode |= qid.type << 24;
	db->atime = seconds();
	db->mtime = kerndate;
	db->length = length;
	db->uid = user;
	db->gid = eve;
	db->muid = user;
}

/*
 * The generic generator over a Dirtab: entry 0 is the directory
 * itself, so listings start at 1.
 */
int
devgen(Chan *c, char *name, Dirtab *tab, int ntab, int i, Dir *dp)
{
	if(tab == nil)
		return -1;
	if(i == DEVDOTDOT){
		devdir(c, tab[0].qid, tab[0].name, tab[0].length, eve, tab[0].perm, dp);
		return 1;
	}
	if(name != nil){
		for(i = 1; i < ntab; i++)
			if(strcmp(tab[i].name, name) == 0)
				break;
		if(i == ntab)
			return -1;
	}else
		i++;
	if(i >= ntab)
		return -1;
	tab += i;
	devdir(c, tab->qid, tab->name, tab->length, eve, tab->perm, dp);
	return 1;
}

void
devreset(void)
{
}

void
devinit(void)
{
}

void
devshutdown(void)
{
}

int
devno(int c, int user)
{
	int i;

	for(i = 0; devtab[i] != nil; i++)
		if(devtab[i]->dc == c)
			return i;
	if(!user)
		panic("devno %C", c);
	return -1;
}

Chan*
devattach(int dc, char *spec)
{
	Chan *c;
	char *buf;

	c = newchan();
	mkqid(&c->qid, 0, 0, QTDIR);
	c->type = devno(dc, 0);
	if(spec == nil)
		spec = "";
	buf = smalloc(1+UTFmax+strlen(spec)+1);
	sprint(buf, "#%C%s", dc, spec);
	c->path = newpath(buf);
	free(buf);
	return c;
}

Chan*
devclone(Chan *c)
{
	Chan *nc;

	if(c->flag & COPEN)
		panic("devclone: file of type %C already open", devtab[c->type]->dc);
	nc = newchan();
	nc->type = c->type;
	nc->dev = c->dev;
	nc->mode = c->mode;
	nc->qid = c->qid;
	nc->offset = c->offset;
	nc->umh = nil;
	nc->aux = c->aux;
	nc->mqid = c->mqid;
	return nc;
}

Walkqid*
devwalk(Chan *c, Chan *nc, char **name, int nname, Dirtab *tab, int ntab, Devgen *gen)
{
	int i, j, alloc;
	Walkqid *wq;
	char *n;
	Dir dir;

	if(nname > 0)
		isdir(c);
	wq = smalloc(sizeof(Walkqid)+nname*sizeof(Qid));
	/* set before waserror: an error returning there may undo later changes */
	alloc = nc == nil;
	if(alloc){
		nc = devclone(c);
		nc->type = 0;	/* not a real channel until the walk succeeds */
	}
	wq->clone = nc;
	if(waserror()){
		if(alloc)
			cclose(wq->clone);
		free(wq);
		return nil;
	}

	for(j = 0; j < nname; j++){
		if(!(nc->qid.type & QTDIR)){
			if(j == 0)
				error(Enotdir);
			goto Done;
		}
		n = name[j];
		if(strcmp(n, ".") == 0){
			wq->qid[wq->nqid++] = nc->qid;
			continue;
		}
		if(strcmp(n, "..") == 0){
			if((*gen)(nc, nil, tab, ntab, DEVDOTDOT, &dir) != 1){
				print("devgen walk .. in dev%s %llux broken\n",
					devtab[nc->type]->name, nc->qid.path);
				error("broken devgen");
			}
			nc->qid = dir.qid;
			wq->qid[wq->nqid++] = nc->qid;
			continue;
		}
		/*
		 * Ask the generator for the name directly first; one that
		 * cannot look names up returns 0 and is then searched.
		 */
		switch((*gen)(nc, n, tab, ntab, 0, &dir)){
		case -1:
		Notfound:
			if(j == 0)
				error(Enonexist);
			kstrcpy(up->errstr, Enonexist, ERRMAX);
			goto Done;
		case 0:
			for(i = 0;; i++){
				switch((*gen)(nc, nil, tab, ntab, i, &dir)){
				case -1:
					goto Notfound;
				case 0:
					continue;
				case 1:
					if(strcmp(n, dir.name) == 0){
						nc->qid = dir.qid;
						goto Accept;
					}
					continue;
				}
			}
		case 1:
			nc->qid = dir.qid;
			break;
		}
	Accept:
		wq->qid[wq->nqid++] = nc->qid;
	}
Done:
	poperror();
	if(wq->nqid < nname){
		if(alloc)
			cclose(wq->clone);
		wq->clone = nil;
	}else if(wq->clone != nil){
		wq->clone->type = c->type;
	}
	return wq;
}

int
devstat(Chan *c, uchar *db, int n, Dirtab *tab, int ntab, Devgen *gen)
{
	int i;
	Dir dir;
	char *p, *elem;

	for(i = 0;; i++){
		switch((*gen)(c, nil, tab, ntab, i, &dir)){
		case -1:
			if(c->qid.type & QTDIR){
				if(c->path == nil)
					elem = "???";
				else if(strcmp(c->path->s, "/") == 0)
					elem = "/";
				else
					for(elem = p = c->path->s; *p; p++)
						if(*p == '/')
							elem = p+1;
				devdir(c, c->qid, elem, 0, eve, DMDIR|0555, &dir);
				n = convD2M(&dir, db, n);
				if(n == 0)
					error(Ebadarg);
				return n;
			}
			error(Enonexist);
		case 0:
			break;
		case 1:
			if(c->qid.path == dir.qid.path){
				if(c->flag & CMSG)
					dir.mode |= DMMOUNT;
				n = convD2M(&dir, db, n);
				if(n == 0)
					error(Ebadarg);
				return n;
			}
			break;
		}
	}
}

long
devdirread(Chan *c, char *d, long n, Dirtab *tab, int ntab, Devgen *gen)
{
	long nr, dsz;
	Dir dir;

	for(nr = 0; nr < n; c->dri++){
		switch((*gen)(c, nil, tab, ntab, c->dri, &dir)){
		case -1:
			return nr;
		case 0:
			break;
		case 1:
			dsz = convD2M(&dir, (uchar*)d, n-nr);
			if(dsz <= BIT16SZ){
				/* the entry does not fit: return what we have */
				if(nr == 0)
					error(Eshort);
				return nr;
			}
			nr += dsz;
			d += dsz;
			break;
		}
	}
	return nr;
}

/*
 * Whether up may open a file owned by fileuid with permission perm in
 * mode omode; the host owner has the group's rights.
 */
int
devallowed(char *fileuid, ulong perm, int omode)
{
	ulong t;
	static int access[] = { 0400, 0200, 0600, 0100 };

	if(strcmp(up->user, fileuid) == 0)
		perm <<= 0;
	else if(strcmp(up->user, eve) == 0)
		perm <<= 3;
	else
		perm <<= 6;
	t = access[omode&3];
	return ((int)perm & t) == t;
}

void
devpermcheck(char *fileuid, ulong perm, int omode)
{
	if(!devallowed(fileuid, perm, omode))
		error(Eperm);
}

Chan*
devopen(Chan *c, int omode, Dirtab *tab, int ntab, Devgen *gen)
{
	int i;
	Dir dir;

	for(i = 0;; i++){
		switch((*gen)(c, nil, tab, ntab, i, &dir)){
		case -1:
			goto Return;
		case 0:
			break;
		case 1:
			if(c->qid.path == dir.qid.path){
				devpermcheck(dir.uid, dir.mode, omode);
				goto Return;
			}
			break;
		}
	}
Return:
	c->offset = 0;
	if((c->qid.type & QTDIR) && omode != OREAD)
		error(Eperm);
	c->mode = openmode(omode);
	c->flag |= COPEN;
	return c;
}

/* Refuse names no file may be created with. */
void
devcheckname(char *name)
{
	enum { Maxname = 256 };
	char *p;

	if(name[0] == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		error(Efilename);
	if(strlen(name) >= Maxname)
		error(Etoolong);
	for(p = name; *p != 0; p++)
		if(*p == '/' || (uchar)*p < ' ')
			error(Ebadchar);
}

/* For a device's close: an ORCLOSE channel's last close removes its file. */
void
devrclose(Chan *c, void (*remove)(Chan*))
{
	if((c->flag & (COPEN|CRCLOSE)) != (COPEN|CRCLOSE))
		return;
	c->flag &= ~CRCLOSE;
	if(!waserror()){
		remove(c);
		poperror();
	}
}

void
devcreate(Chan*, char*, int, ulong)
{
	error(Eperm);
}

void
devremove(Chan*)
{
	error(Eperm);
}

int
devwstat(Chan*, uchar*, int)
{
	error(Eperm);
	return 0;
}

/* Copy the part of str at offset off into buf. */
long
readstr(vlong off, char *buf, long n, char *str)
{
	long size;

	size = strlen(str);
	if(off < 0 || off >= size)
		return 0;
	if(off+n > size)
		n = size-off;
	memmove(buf, str+off, n);
	return n;
}

long
readnum(vlong off, char *buf, long n, vlong val, int size)
{
	char tmp[64];

	snprint(tmp, sizeof tmp, "%*lld", size-1, val);
	tmp[size-1] = ' ';
	tmp[size] = 0;
	return readstr(off, buf, n, tmp);
}
