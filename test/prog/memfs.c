#include <u.h>
#include <libc.h>
#include <fcall.h>

/*
 * memfs [-s name] [-m mtpt [-abc]]: a 9P2000 file server keeping a
 * tree in memory, for the mount tests. It serves one end of a pipe
 * from a child process and either posts the other end as /srv/name
 * or mounts it on mtpt itself. The tree starts with
 *	hello	"hello, world\n"
 *	d/f	"f\n"
 *	error	every read and write fails with "memfs: error file"
 *	ctl	writing "exit" makes the server exit, hanging up
 *	wait	reads are answered only by flushing them
 *	flushed	how many flushes have answered a read of wait
 */

typedef struct File File;
struct File
{
	Dir;
	char	*data;
	File	*parent;
	File	*child;
	File	*sibling;
};

typedef struct Fid Fid;
struct Fid
{
	u32int	fid;
	File	*f;
	int	open;		/* -1 if not open, else the mode */
	long	diri;		/* directory reads: entries sent */
	vlong	diroff;		/* and the offset after them */
	Fid	*next;
};

static File	*root;
static Fid	*fids;
static uvlong	qidpath;
static char	*user;
static uint	maxmsg = 8192+IOHDRSZ;

static int	waiting;	/* a read of wait is outstanding */
static ushort	waittag;
static File	*flushed;
static int	nflushed;

static char Enoreply[] = "";
static char Enotfound[] = "file does not exist";
static char Ebadfid[] = "unknown fid";
static char Eperm[] = "permission denied";

static File*
newfile(File *dir, char *name, ulong mode, char *data)
{
	File *f;

	f = mallocz(sizeof *f, 1);
	f->name = strdup(name);
	f->uid = f->gid = f->muid = user;
	f->mode = mode;
	f->qid.path = qidpath++;
	f->qid.type = mode>>24;
	f->mtime = f->atime = time(nil);
	if(data != nil){
		f->data = strdup(data);
		f->length = strlen(data);
	}
	if(dir != nil){
		f->parent = dir;
		f->sibling = dir->child;
		dir->child = f;
	}else
		f->parent = f;
	return f;
}

static File*
lookup(File *dir, char *name)
{
	File *f;

	if(strcmp(name, "..") == 0)
		return dir->parent;
	for(f = dir->child; f != nil; f = f->sibling)
		if(strcmp(f->name, name) == 0)
			return f;
	return nil;
}

static void
unlink(File *f)
{
	File **l;

	for(l = &f->parent->child; *l != nil; l = &(*l)->sibling)
		if(*l == f){
			*l = f->sibling;
			break;
		}
}

static Fid*
findfid(u32int fid)
{
	Fid *p;

	for(p = fids; p != nil; p = p->next)
		if(p->fid == fid)
			return p;
	return nil;
}

static Fid*
newfid(u32int fid, File *f)
{
	Fid *p;

	if(findfid(fid) != nil)
		return nil;
	p = mallocz(sizeof *p, 1);
	p->fid = fid;
	p->f = f;
	p->open = -1;
	p->next = fids;
	fids = p;
	return p;
}

static void
delfid(Fid *p)
{
	Fid **l;

	for(l = &fids; *l != nil; l = &(*l)->next)
		if(*l == p){
			*l = p->next;
			free(p);
			return;
		}
}

static char*
readdir(Fid *p, Fcall *r, uchar *buf)
{
	File *f;
	long i, n, m;

	if(r->offset == 0){
		p->diri = 0;
		p->diroff = 0;
	}else if(r->offset != p->diroff)
		return "bad directory offset";
	i = 0;
	for(f = p->f->child; f != nil && i < p->diri; f = f->sibling)
		i++;
	for(n = 0; f != nil; f = f->sibling){
		m = convD2M(f, buf+n, r->count-n);
		if(m <= BIT16SZ)
			break;
		n += m;
		p->diri++;
	}
	p->diroff += n;
	r->data = (char*)buf;
	r->count = n;
	return nil;
}

static char*
fileread(File *f, Fcall *r)
{
	if(f->data == nil)
		f->data = strdup("");
	if(r->offset >= f->length)
		r->count = 0;
	else if(r->offset+r->count > f->length)
		r->count = f->length-r->offset;
	r->data = f->data+r->offset;
	return nil;
}

static char*
filewrite(File *f, Fcall *t)
{
	vlong end;

	if(strcmp(f->name, "ctl") == 0 && f->parent == root){
		if(t->count >= 4 && memcmp(t->data, "exit", 4) == 0)
			exits(nil);
		return "unknown control message";
	}
	end = t->offset+t->count;
	if(end > f->length){
		f->data = realloc(f->data, end);
		memset(f->data+f->length, 0, end-f->length);
		f->length = end;
	}
	memmove(f->data+t->offset, t->data, t->count);
	f->mtime = time(nil);
	f->qid.vers++;
	return nil;
}

/* Apply the fields of a wstat that are not "don't touch". */
static char*
filewstat(File *f, Fcall *t)
{
	Dir d;
	char *strs;

	strs = malloc(t->nstat);
	if(convM2D(t->stat, t->nstat, &d, strs) == 0){
		free(strs);
		return "bad stat";
	}
	if(d.name[0] != 0 && strcmp(d.name, f->name) != 0){
		if(f == root || lookup(f->parent, d.name) != nil){
			free(strs);
			return "file already exists";
		}
		f->name = strdup(d.name);
	}
	if(d.mode != ~0UL)
		f->mode = (f->mode & DMDIR) | (d.mode & ~DMDIR);
	if(d.length != ~0LL && !(f->mode & DMDIR) && d.length < f->length)
		f->length = d.length;
	if(d.mtime != ~0UL)
		f->mtime = d.mtime;
	free(strs);
	return nil;
}

/* Carry out t, filling in r; the error, nil, or Enoreply to send nothing. */
static char*
serve(Fcall *t, Fcall *r, uchar *buf)
{
	Fid *p;
	File *f, *nf;
	int i;

	p = nil;
	if(t->type != Tversion && t->type != Tattach && t->type != Tflush
	&& (p = findfid(t->fid)) == nil)
		return Ebadfid;
	switch(t->type){
	case Tversion:
		if(t->msize < maxmsg)
			maxmsg = t->msize;
		r->msize = maxmsg;
		r->version = strncmp(t->version, "9P2000", 6) == 0 ? "9P2000" : "unknown";
		return nil;
	case Tattach:
		if(t->aname[0] != 0)
			return "memfs: no tree called that";
		if(newfid(t->fid, root) == nil)
			return "fid in use";
		r->qid = root->qid;
		return nil;
	case Tflush:
		if(waiting && t->oldtag == waittag){
			waiting = 0;
			free(flushed->data);
			flushed->data = smprint("%d\n", ++nflushed);
			flushed->length = strlen(flushed->data);
		}
		return nil;
	case Twalk:
		if(p->open >= 0)
			return "walk from an open fid";
		f = p->f;
		for(i = 0; i < t->nwname; i++){
			if(!(f->mode & DMDIR) || (nf = lookup(f, t->wname[i])) == nil)
				break;
			f = nf;
			r->wqid[i] = f->qid;
		}
		if(i == 0 && t->nwname > 0)
			return Enotfound;
		r->nwqid = i;
		if(i == t->nwname){
			if(t->newfid == t->fid)
				p->f = f;
			else if(newfid(t->newfid, f) == nil)
				return "fid in use";
		}
		return nil;
	case Topen:
		f = p->f;
		if((f->mode & DMDIR) && (t->mode&3) != OREAD)
			return "is a directory";
		if((t->mode & OTRUNC) && !(f->mode & DMDIR))
			f->length = 0;
		p->open = t->mode&3;
		r->qid = f->qid;
		return nil;
	case Tcreate:
		f = p->f;
		if(!(f->mode & DMDIR))
			return "not a directory";
		if(lookup(f, t->name) != nil)
			return "file already exists";
		if(!(f->mode & DMWRITE))
			return Eperm;
		p->f = newfile(f, t->name, t->perm, nil);
		p->open = t->mode&3;
		r->qid = p->f->qid;
		return nil;
	case Tread:
		if(p->open < 0 || p->open == OWRITE)
			return "fid not open for reading";
		if(strcmp(p->f->name, "error") == 0)
			return "memfs: error file";
		if(strcmp(p->f->name, "wait") == 0){
			waiting = 1;
			waittag = t->tag;
			return Enoreply;
		}
		if(p->f->mode & DMDIR)
			return readdir(p, r, buf);
		return fileread(p->f, r);
	case Twrite:
		if(p->open != OWRITE && p->open != ORDWR)
			return "fid not open for writing";
		if(strcmp(p->f->name, "error") == 0)
			return "memfs: error file";
		r->count = t->count;
		return filewrite(p->f, t);
	case Tclunk:
		delfid(p);
		return nil;
	case Tremove:
		f = p->f;
		delfid(p);
		if(f == root || f->child != nil)
			return Eperm;
		unlink(f);
		return nil;
	case Tstat:
		r->stat = buf;
		r->nstat = convD2M(p->f, buf, maxmsg-IOHDRSZ);
		return nil;
	case Twstat:
		return filewstat(p->f, t);
	}
	return "unsupported request";
}

static void
post(char *name, int fd)
{
	char buf[64];
	int sfd;

	snprint(buf, sizeof buf, "/srv/%s", name);
	sfd = create(buf, OWRITE, 0600);
	if(sfd < 0)
		sysfatal("create %s: %r", buf);
	if(fprint(sfd, "%d", fd) < 0)
		sysfatal("post %s: %r", buf);
	close(sfd);
}

static void
usage(void)
{
	fprint(2, "usage: memfs [-s name] [-m mtpt [-abc]]\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	static uchar in[8192+IOHDRSZ], out[8192+IOHDRSZ], data[8192+IOHDRSZ];
	char *srv, *mtpt, *err;
	int p[2], flag, n;
	File *d;
	Fcall t, r;

	srv = nil;
	mtpt = nil;
	flag = MREPL;
	ARGBEGIN{
	case 's':
		srv = EARGF(usage());
		break;
	case 'm':
		mtpt = EARGF(usage());
		break;
	case 'a':
		flag |= MAFTER;
		break;
	case 'b':
		flag |= MBEFORE;
		break;
	case 'c':
		flag |= MCREATE;
		break;
	default:
		usage();
	}ARGEND
	if(argc != 0 || (srv == nil && mtpt == nil))
		usage();

	user = getenv("user");
	if(user == nil)
		user = "none";
	root = newfile(nil, "/", DMDIR|0777, nil);
	newfile(root, "hello", 0666, "hello, world\n");
	d = newfile(root, "d", DMDIR|0777, nil);
	newfile(d, "f", 0666, "f\n");
	newfile(root, "error", 0666, nil);
	newfile(root, "ctl", 0222, nil);
	newfile(root, "wait", 0444, nil);
	flushed = newfile(root, "flushed", 0444, "0\n");

	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	switch(rfork(RFPROC|RFFDG|RFNOWAIT|RFNOTEG|RFNAMEG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		break;
	default:
		close(p[1]);
		if(srv != nil)
			post(srv, p[0]);
		if(mtpt != nil && mount(p[0], -1, mtpt, flag, "") < 0)
			sysfatal("mount %s: %r", mtpt);
		exits(nil);
	}
	close(p[0]);
	for(;;){
		if(readn(p[1], in, BIT32SZ) != BIT32SZ)
			exits(nil);
		n = in[0] | in[1]<<8 | in[2]<<16 | in[3]<<24;
		if(n < BIT32SZ || n > sizeof in || readn(p[1], in+BIT32SZ, n-BIT32SZ) != n-BIT32SZ)
			exits("bad message");
		if(convM2S(in, n, &t) != n)
			exits("bad message");
		memset(&r, 0, sizeof r);
		r.offset = t.offset;
		r.count = t.count;
		if(r.count > maxmsg-IOHDRSZ)
			r.count = maxmsg-IOHDRSZ;
		err = serve(&t, &r, data);
		if(err == Enoreply)
			continue;
		r.type = t.type+1;
		r.tag = t.tag;
		if(err != nil){
			r.type = Rerror;
			r.ename = err;
		}
		n = convS2M(&r, out, maxmsg);
		if(n == 0 || write(p[1], out, n) != n)
			exits("reply failed");
	}
}
