#include <u.h>
#include <libc.h>

/*
 * Within a directory a file is renamed with wstat;
 * between directories it is copied and the original removed.
 */

static char	*status;

static void
usage(void)
{
	fprint(2, "usage: mv fromfile tofile\n       mv fromfile ... todir\n");
	exits("usage");
}

static int
isdir(char *name)
{
	Dir *d;
	int r;

	d = dirstat(name);
	if(d == nil)
		return 0;
	r = (d->qid.type & QTDIR) != 0;
	free(d);
	return r;
}

static char*
basename(char *s)
{
	char *p;

	p = strrchr(s, '/');
	return p == nil ? s : p+1;
}

/* the directory holding name, in a new string */
static char*
dirname(char *name)
{
	char *s, *p;

	s = smprint("%s", name);
	if(s == nil)
		sysfatal("no memory");
	cleanname(s);
	p = strrchr(s, '/');
	if(p == nil)
		strcpy(s, ".");
	else if(p == s)
		s[1] = 0;
	else
		*p = 0;
	return s;
}

static int
copy(char *from, char *to, ulong mode)
{
	char buf[8192];
	long n;
	int in, out, r;

	in = open(from, OREAD);
	if(in < 0){
		fprint(2, "mv: can't open %s: %r\n", from);
		return -1;
	}
	out = create(to, OWRITE, mode);
	if(out < 0){
		fprint(2, "mv: can't create %s: %r\n", to);
		close(in);
		return -1;
	}
	r = 0;
	while((n = read(in, buf, sizeof buf)) > 0)
		if(write(out, buf, n) != n){
			fprint(2, "mv: error writing %s: %r\n", to);
			r = -1;
			break;
		}
	if(n < 0){
		fprint(2, "mv: error reading %s: %r\n", from);
		r = -1;
	}
	close(in);
	close(out);
	return r;
}

static int
move(char *from, char *to)
{
	Dir *d, *td, nd;
	char *fdir, *tdir;
	int same, r;

	d = dirstat(from);
	if(d == nil){
		fprint(2, "mv: %s: %r\n", from);
		return -1;
	}
	td = dirstat(to);
	if(td != nil && d->qid.path == td->qid.path && d->qid.type == td->qid.type
	&& d->type == td->type && d->dev == td->dev){
		fprint(2, "mv: %s and %s are the same file\n", from, to);
		free(d);
		free(td);
		return -1;
	}
	fdir = dirname(from);
	tdir = dirname(to);
	same = strcmp(fdir, tdir) == 0;
	free(fdir);
	free(tdir);
	r = -1;
	if(!same && (d->qid.type & QTDIR))
		fprint(2, "mv: can't move directory %s to another directory\n", from);
	else if(td != nil && remove(to) < 0)
		fprint(2, "mv: can't remove %s: %r\n", to);
	else if(same){
		nulldir(&nd);
		nd.name = basename(to);
		if(dirwstat(from, &nd) < 0)
			fprint(2, "mv: can't rename %s to %s: %r\n", from, to);
		else
			r = 0;
	}else if(copy(from, to, d->mode & 0777) == 0){
		if(remove(from) < 0)
			fprint(2, "mv: can't remove %s: %r\n", from);
		else
			r = 0;
	}
	free(d);
	free(td);
	return r;
}

void
main(int argc, char *argv[])
{
	int i;
	char *to, *path;

	ARGBEGIN{
	default:
		usage();
	}ARGEND

	if(argc < 2)
		usage();
	to = argv[argc-1];
	if(argc == 2 && !isdir(to)){
		if(move(argv[0], to) < 0)
			status = "errors";
		exits(status);
	}
	if(!isdir(to)){
		fprint(2, "mv: %s not a directory\n", to);
		exits("usage");
	}
	for(i = 0; i < argc-1; i++){
		path = smprint("%s/%s", to, basename(argv[i]));
		if(path == nil)
			sysfatal("no memory");
		if(move(argv[i], path) < 0)
			status = "errors";
		free(path);
	}
	exits(status);
}
