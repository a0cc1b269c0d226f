/*
 * #/: the read-only root tree, unpacked at boot from the tar archive
 * the boot loader loaded as the module named "root".
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

typedef struct Rootfile Rootfile;
struct Rootfile
{
	char	*name;
	ulong	perm;
	uchar	*data;
	vlong	length;
	int	parent;
	int	child;		/* first entry, for a directory */
	int	sibling;
};

static struct {
	Rootfile *f;
	int	n;
	int	max;
} root;

static int
newfile(int parent, char *name, ulong perm)
{
	Rootfile *f;

	if(root.n == root.max){
		root.max = root.max ? 2*root.max : 64;
		root.f = realloc(root.f, root.max*sizeof(Rootfile));
		if(root.f == nil)
			panic("root: out of memory");
	}
	f = &root.f[root.n];
	memset(f, 0, sizeof *f);
	f->name = kstrdup(name);
	f->perm = perm;
	f->parent = parent;
	f->child = -1;
	f->sibling = -1;
	if(parent >= 0 && root.n != parent){
		f->sibling = root.f[parent].child;
		root.f[parent].child = root.n;
	}
	return root.n++;
}

static int
lookup(int dir, char *name)
{
	int i;

	for(i = root.f[dir].child; i >= 0; i = root.f[i].sibling)
		if(strcmp(root.f[i].name, name) == 0)
			return i;
	return -1;
}

/*
 * The entry for path under directory dir, creating missing
 * directories on the way.
 */
static int
mkpath(int dir, char *path, ulong perm, int isdir)
{
	char *elem[32];
	int n, i, f;

	n = getfields(path, elem, nelem(elem), 1, "/");
	for(i = 0; i < n; i++){
		if(elem[i][0] == 0 || strcmp(elem[i], ".") == 0)
			continue;
		f = lookup(dir, elem[i]);
		if(f < 0){
			if(i < n-1 || isdir)
				f = newfile(dir, elem[i], DMDIR|0555);
			else
				f = newfile(dir, elem[i], perm);
		}
		dir = f;
	}
	return dir;
}

static vlong
octal(char *p, int n)
{
	vlong v;

	v = 0;
	for(; n > 0 && (*p == ' ' || *p == 0); p++, n--)
		;
	for(; n > 0 && *p >= '0' && *p <= '7'; p++, n--)
		v = v*8 + *p-'0';
	return v;
}

enum
{
	Tblock	= 512,
	Tname	= 0,
	Tmode	= 100,
	Tsize	= 124,
	Ttype	= 156,
	Tmagic	= 257,
	Tprefix	= 345,
};

static void
unpack(int dir, uchar *a, uvlong len)
{
	char path[256+1+100+1];
	uchar *h;
	vlong size;
	int f;

	for(h = a; h+Tblock <= a+len && h[0] != 0; h += Tblock + ROUND(size, Tblock)){
		size = octal((char*)h+Tsize, 12);
		if(size < 0 || h+Tblock+size > a+len){
			print("root: archive truncated\n");
			return;
		}
		path[0] = 0;
		if(memcmp(h+Tmagic, "ustar", 5) == 0 && h[Tprefix] != 0)
			snprint(path, sizeof path, "%.155s/", (char*)h+Tprefix);
		snprint(path+strlen(path), sizeof path-strlen(path), "%.100s", (char*)h+Tname);
		switch(h[Ttype]){
		case '5':
			mkpath(dir, path, 0, 1);
			break;
		case '0':
		case 0:
			f = mkpath(dir, path, octal((char*)h+Tmode, 8) & 0777, 0);
			root.f[f].data = h+Tblock;
			root.f[f].length = size;
			break;
		}
	}
}

/*
 * The module named root is the tree; any other module, itself a tar
 * archive, appears under /n/ with its name (test files, for one).
 */
static void
rootreset(void)
{
	char name[80];
	int i;

	newfile(-1, "/", DMDIR|0555);
	for(i = 0; i < conf.nmodule; i++)
		if(strcmp(conf.module[i].cmdline, "root") == 0)
			unpack(0, KADDR(conf.module[i].base), conf.module[i].size);
	for(i = 0; i < conf.nmodule; i++)
		if(strcmp(conf.module[i].cmdline, "root") != 0){
			snprint(name, sizeof name, "n/%s", conf.module[i].cmdline);
			unpack(mkpath(0, name, 0, 1), KADDR(conf.module[i].base), conf.module[i].size);
		}
}

static int
rootgen(Chan *c, char *name, Dirtab*, int, int i, Dir *dp)
{
	Rootfile *f;
	Qid q;
	int n;

	n = c->qid.path;
	if(i == -1)
		n = root.f[n].parent >= 0 ? root.f[n].parent : 0;
	else if(name != nil){
		if((n = lookup(n, name)) < 0)
			return -1;
	}else{
		for(n = root.f[n].child; n >= 0 && i > 0; i--)
			n = root.f[n].sibling;
		if(n < 0)
			return -1;
	}
	f = &root.f[n];
	mkqid(&q, n, 0, (f->perm & DMDIR) ? QTDIR : QTFILE);
	devdir(c, q, f->name, f->length, eve, f->perm, dp);
	return 1;
}

static Chan*
rootattach(char *spec)
{
	return devattach('/', spec);
}

static Walkqid*
rootwalk(Chan *c, Chan *nc, char **name, int nname)
{
	return devwalk(c, nc, name, nname, nil, 0, rootgen);
}

static int
rootstat(Chan *c, uchar *dp, int n)
{
	Rootfile *f;
	Dir d;

	f = &root.f[c->qid.path];
	devdir(c, c->qid, f->name, f->length, eve, f->perm, &d);
	n = convD2M(&d, dp, n);
	if(n == 0)
		error(Ebadarg);
	return n;
}

static Chan*
rootopen(Chan *c, int omode)
{
	return devopen(c, omode, nil, 0, rootgen);
}

static long
rootread(Chan *c, void *buf, long n, vlong off)
{
	Rootfile *f;

	f = &root.f[c->qid.path];
	if(c->qid.type & QTDIR)
		return devdirread(c, buf, n, nil, 0, rootgen);
	if(off < 0 || off >= f->length)
		return 0;
	if(off+n > f->length)
		n = f->length - off;
	memmove(buf, f->data+off, n);
	return n;
}

static long
rootwrite(Chan*, void*, long, vlong)
{
	error(Eperm);
	return 0;
}

static void
rootclose(Chan*)
{
}

Dev rootdevtab = {
	'/',
	"root",
	rootreset,
	devinit,
	devshutdown,
	rootattach,
	rootwalk,
	rootstat,
	rootopen,
	devcreate,
	rootclose,
	rootread,
	rootwrite,
	devremove,
	devwstat,
};
