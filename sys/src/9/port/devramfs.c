/*
 * #R: a writable tree of files in memory, for /tmp. Every attach with
 * the same spec sees the same tree. A file lives while it is in the
 * tree or a channel refers to it, so an open file outlives its removal.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

enum { Maxlength = 1<<30 };	/* bytes in a file */

typedef struct Ramfile Ramfile;
struct Ramfile
{
	int	ref;		/* channels, and the link from its directory */
	char	*name;
	char	*uid;
	char	*gid;
	char	*muid;
	ulong	perm;		/* with DMDIR, DMAPPEND, DMEXCL */
	Qid	qid;
	ulong	atime;
	ulong	mtime;
	uchar	*data;
	vlong	length;
	vlong	size;		/* allocated for data */
	Ramfile	*parent;	/* nil for the root and removed files */
	Ramfile	*child;		/* a directory's first entry */
	Ramfile	*sibling;
	int	removed;
};

typedef struct Ramtree Ramtree;
struct Ramtree
{
	char	*spec;
	Ramfile	*root;
	Ramtree	*next;
};

/* One lock for every tree: operations are short copies. */
static struct {
	QLock;
	Ramtree	*trees;
	uvlong	path;
} ram;

static Ramfile*
newfile(Ramfile *dir, char *name, char *uid, ulong perm)
{
	Ramfile *f;

	f = smalloc(sizeof *f);
	f->ref = 1;
	f->name = kstrdup(name);
	f->uid = kstrdup(uid);
	f->gid = kstrdup(dir != nil ? dir->gid : eve);
	f->muid = kstrdup(uid);
	f->perm = perm;
	mkqid(&f->qid, ++ram.path, 0, (perm & DMDIR) ? QTDIR : (perm>>24) & (QTAPPEND|QTEXCL));
	f->atime = f->mtime = seconds();
	if(dir != nil){
		f->parent = dir;
		f->sibling = dir->child;
		dir->child = f;
		dir->qid.vers++;
		dir->mtime = f->mtime;
	}
	return f;
}

/* Drop a reference; ram is held. */
static void
putfile(Ramfile *f)
{
	if(--f->ref > 0)
		return;
	free(f->name);
	free(f->uid);
	free(f->gid);
	free(f->muid);
	free(f->data);
	free(f);
}

/* The channel lets go of its file; after remove, close finds nothing. */
static void
release(Chan *c)
{
	if(c->aux != nil){
		putfile(c->aux);
		c->aux = nil;
	}
}

static Ramfile*
fileof(Chan *c)
{
	if(c->aux == nil)
		error(Enonexist);
	return c->aux;
}

static Ramfile*
lookup(Ramfile *dir, char *name)
{
	Ramfile *f;

	for(f = dir->child; f != nil; f = f->sibling)
		if(strcmp(f->name, name) == 0)
			return f;
	return nil;
}

static void
setmuid(Ramfile *f)
{
	if(strcmp(f->muid, up->user) != 0){
		free(f->muid);
		f->muid = kstrdup(up->user);
	}
}

/* Make the file n bytes long, zero filled; ram is held. */
static void
setlength(Ramfile *f, vlong n)
{
	vlong size;
	uchar *d;

	if(n < 0 || n > Maxlength)
		error(Etoobig);
	if(n > f->size){
		size = f->size*2 > n ? f->size*2 : n;
		if(size > Maxlength)
			size = Maxlength;
		if((d = realloc(f->data, size)) == nil)
			error(Enomem);
		f->data = d;
		f->size = size;
	}
	if(n > f->length)
		memset(f->data+f->length, 0, n-f->length);
	f->length = n;
	f->qid.vers++;
	f->mtime = seconds();
	setmuid(f);
}

static void
ramdir(Chan *c, Ramfile *f, Dir *d)
{
	d->type = devtab[c->type]->dc;
	d->dev = c->dev;
	d->qid = f->qid;
	d->mode = f->perm;
	d->atime = f->atime;
	d->mtime = f->mtime;
	d->length = (f->perm & DMDIR) ? 0 : f->length;
	d->name = f->name;
	d->uid = f->uid;
	d->gid = f->gid;
	d->muid = f->muid;
}

/* Directory listings; ram is held. */
static int
ramgen(Chan *c, char*, Dirtab*, int, int i, Dir *dp)
{
	Ramfile *f;

	for(f = ((Ramfile*)c->aux)->child; f != nil && i > 0; f = f->sibling)
		i--;
	if(f == nil)
		return -1;
	ramdir(c, f, dp);
	return 1;
}

static Chan*
ramattach(char *spec)
{
	Ramtree *t;
	Chan *c;

	c = devattach('R', spec);
	qlock(&ram);
	for(t = ram.trees; t != nil; t = t->next)
		if(strcmp(t->spec, spec) == 0)
			break;
	if(t == nil){
		t = smalloc(sizeof *t);
		t->spec = kstrdup(spec);
		t->root = newfile(nil, "/", eve, DMDIR|0777);
		t->next = ram.trees;
		ram.trees = t;
	}
	t->root->ref++;
	c->aux = t->root;
	c->qid = t->root->qid;
	qunlock(&ram);
	return c;
}

static Walkqid*
ramwalk(Chan *c, Chan *nc, char **name, int nname)
{
	Walkqid *wq;
	Ramfile *f, *g;
	char *err;
	int j;

	wq = smalloc(sizeof(Walkqid)+nname*sizeof(Qid));
	err = nil;
	qlock(&ram);
	f = c->aux;
	for(j = 0; j < nname && f != nil; j++){
		if(!(f->perm & DMDIR)){
			err = Enotdir;
			break;
		}
		if(!devallowed(f->uid, f->perm, OEXEC)){
			err = Eperm;
			break;
		}
		if(strcmp(name[j], "..") == 0)
			g = f->parent != nil ? f->parent : f;
		else if(strcmp(name[j], ".") == 0)
			g = f;
		else
			g = lookup(f, name[j]);
		if(g == nil){
			err = Enonexist;
			break;
		}
		f = g;
		wq->qid[wq->nqid++] = f->qid;
	}
	if(f != nil && wq->nqid == nname){
		if(nc == nil)
			nc = devclone(c);
		nc->qid = f->qid;
		nc->aux = f;
		f->ref++;
		wq->clone = nc;
	}
	qunlock(&ram);
	if(nname > 0 && wq->nqid == 0){
		free(wq);
		error(err != nil ? err : Enonexist);
	}
	return wq;
}

static int
ramstat(Chan *c, uchar *db, int n)
{
	Dir d;

	qlock(&ram);
	if(waserror()){
		qunlock(&ram);
		nexterror();
	}
	ramdir(c, fileof(c), &d);
	/* a short buffer gets the size needed (BIT16SZ bytes), as devstat gives */
	if((n = convD2M(&d, db, n)) == 0)
		error(Eshortstat);
	poperror();
	qunlock(&ram);
	return n;
}

static Chan*
ramopen(Chan *c, int omode)
{
	Ramfile *f;
	int mode;

	mode = openmode(omode);
	qlock(&ram);
	if(waserror()){
		qunlock(&ram);
		nexterror();
	}
	f = fileof(c);
	if((f->perm & DMDIR) && (mode != OREAD || (omode & OTRUNC)))
		error(Eisdir);
	if(!devallowed(f->uid, f->perm, omode))
		error(Eperm);
	if(omode & ORCLOSE)
		if(f->parent == nil || !devallowed(f->parent->uid, f->parent->perm, OWRITE))
			error(Eperm);
	if(omode & OTRUNC){
		if(!devallowed(f->uid, f->perm, OWRITE))
			error(Eperm);
		setlength(f, 0);
	}
	poperror();
	qunlock(&ram);
	c->mode = mode;
	c->flag |= COPEN;
	c->offset = 0;
	return c;
}

static void
ramcreate(Chan *c, char *name, int omode, ulong perm)
{
	Ramfile *dir, *f;
	int mode;

	devcheckname(name);
	mode = openmode(omode);
	if((perm & DMDIR) && (mode != OREAD || (omode & OTRUNC)))
		error(Eisdir);
	qlock(&ram);
	if(waserror()){
		qunlock(&ram);
		nexterror();
	}
	dir = fileof(c);
	if(!(dir->perm & DMDIR))
		error(Enotdir);
	if(dir->removed)
		error(Enonexist);
	if(!devallowed(dir->uid, dir->perm, OWRITE))
		error(Eperm);
	if(lookup(dir, name) != nil)
		error(Eexist);
	/* the directory's permissions limit the new file's */
	if(perm & DMDIR)
		perm = DMDIR | (perm & dir->perm & 0777);
	else
		perm = (perm & (DMAPPEND|DMEXCL)) | (perm & dir->perm & 0666) | (perm & 0111);
	f = newfile(dir, name, up->user, perm);
	f->ref++;
	c->aux = f;
	putfile(dir);
	c->qid = f->qid;
	poperror();
	qunlock(&ram);
	c->mode = mode;
	c->flag |= COPEN;
	c->offset = 0;
}

/* Like Plan 9's, remove lets go of the channel even when it fails. */
static void
ramremove(Chan *c)
{
	Ramfile *f, *dir, **l;

	qlock(&ram);
	if(waserror()){
		release(c);
		qunlock(&ram);
		nexterror();
	}
	f = fileof(c);
	if(f->removed)
		error(Enonexist);
	if((dir = f->parent) == nil)
		error(Eperm);
	if(f->child != nil)
		error("directory not empty");
	if(!devallowed(dir->uid, dir->perm, OWRITE))
		error(Eperm);
	for(l = &dir->child; *l != f; l = &(*l)->sibling)
		;
	*l = f->sibling;
	f->parent = nil;
	f->sibling = nil;
	f->removed = 1;
	dir->qid.vers++;
	dir->mtime = seconds();
	putfile(f);
	poperror();
	release(c);
	qunlock(&ram);
}

static void
ramclose(Chan *c)
{
	if((c->flag & (COPEN|CRCLOSE)) == (COPEN|CRCLOSE) && c->aux != nil){
		c->flag &= ~CRCLOSE;
		if(!waserror()){
			ramremove(c);
			poperror();
		}
	}
	qlock(&ram);
	release(c);
	qunlock(&ram);
}

static long
ramread(Chan *c, void *buf, long n, vlong off)
{
	Ramfile *f;

	if(off < 0)
		error(Enegoff);
	qlock(&ram);
	if(waserror()){
		qunlock(&ram);
		nexterror();
	}
	f = fileof(c);
	if(f->perm & DMDIR)
		n = devdirread(c, buf, n, nil, 0, ramgen);
	else{
		if(off >= f->length)
			n = 0;
		else if(n > f->length - off)
			n = f->length - off;
		memmove(buf, f->data+off, n);
		f->atime = seconds();
	}
	poperror();
	qunlock(&ram);
	return n;
}

static long
ramwrite(Chan *c, void *buf, long n, vlong off)
{
	Ramfile *f;

	qlock(&ram);
	if(waserror()){
		qunlock(&ram);
		nexterror();
	}
	f = fileof(c);
	if(f->perm & DMDIR)
		error(Eisdir);
	if(f->perm & DMAPPEND)
		off = f->length;
	if(off < 0)
		error(Enegoff);
	if(off > Maxlength || n > Maxlength - off)
		error(Etoobig);
	if(off+n > f->length)
		setlength(f, off+n);
	memmove(f->data+off, buf, n);
	f->qid.vers++;
	f->mtime = seconds();
	setmuid(f);
	poperror();
	qunlock(&ram);
	return n;
}

/* A wstat field is left alone when its 32 bits are all ones. */
static int
changes(ulong v)
{
	return (u32int)v != (u32int)~0;
}

/*
 * Rename within the directory, change length, mode, group or
 * modification time: everything is checked before anything changes.
 */
static int
ramwstat(Chan *c, uchar *dp, int n)
{
	Ramfile *f;
	char *strs;
	int owner;
	Dir d;

	strs = smalloc(n);
	qlock(&ram);
	if(waserror()){
		qunlock(&ram);
		free(strs);
		nexterror();
	}
	if(statcheck(dp, n) < 0 || convM2D(dp, n, &d, strs) == 0)
		error(Ebadstat);
	f = fileof(c);
	owner = strcmp(up->user, f->uid) == 0 || strcmp(up->user, eve) == 0;
	if(d.name[0] != 0 && strcmp(d.name, f->name) != 0){
		devcheckname(d.name);
		if(f->parent == nil)
			error(Eperm);
		if(!devallowed(f->parent->uid, f->parent->perm, OWRITE))
			error(Eperm);
		if(lookup(f->parent, d.name) != nil)
			error(Eexist);
	}else
		d.name = nil;
	if(d.length != ~0LL && d.length != f->length){
		if(f->perm & DMDIR)
			error(Eisdir);
		if(!devallowed(f->uid, f->perm, OWRITE))
			error(Eperm);
		if(d.length < 0 || d.length > Maxlength)
			error(Etoobig);
	}else
		d.length = -1;
	if(changes(d.mode)){
		if(!owner)
			error(Eperm);
		if((d.mode ^ f->perm) & DMDIR)
			error("cannot change a directory into a file");
	}
	if(d.gid[0] != 0 && strcmp(d.gid, f->gid) != 0){
		if(!owner)
			error(Eperm);
	}else
		d.gid = nil;
	if(changes(d.mtime) && !owner)
		error(Eperm);

	if(d.name != nil){
		free(f->name);
		f->name = kstrdup(d.name);
		f->parent->qid.vers++;
	}
	if(d.length >= 0)
		setlength(f, d.length);
	if(changes(d.mode)){
		f->perm = (f->perm & DMDIR) | (d.mode & (DMAPPEND|DMEXCL|0777));
		f->qid.type = (f->perm & DMDIR) ? QTDIR : (f->perm>>24) & (QTAPPEND|QTEXCL);
		c->qid.type = f->qid.type;
	}
	if(d.gid != nil){
		free(f->gid);
		f->gid = kstrdup(d.gid);
	}
	if(changes(d.mtime))
		f->mtime = d.mtime;
	poperror();
	qunlock(&ram);
	free(strs);
	return n;
}

Dev ramfsdevtab = {
	'R',
	"ramfs",
	devreset,
	devinit,
	devshutdown,
	ramattach,
	ramwalk,
	ramstat,
	ramopen,
	ramcreate,
	ramclose,
	ramread,
	ramwrite,
	ramremove,
	ramwstat,
};
