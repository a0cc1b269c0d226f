#include <u.h>
#include <libc.h>

static char	*status;

static int
samefile(Dir *a, Dir *b)
{
	return a->qid.path == b->qid.path && a->qid.type == b->qid.type
		&& a->type == b->type && a->dev == b->dev;
}

static int
copyfd(int in, int out, char *from, char *to)
{
	char buf[8192];
	long n;

	while((n = read(in, buf, sizeof buf)) > 0)
		if(write(out, buf, n) != n){
			fprint(2, "cp: error writing %s: %r\n", to);
			return -1;
		}
	if(n < 0){
		fprint(2, "cp: error reading %s: %r\n", from);
		return -1;
	}
	return 0;
}

static void
copy(char *from, char *to)
{
	Dir *d, *td;
	int in, out;

	d = dirstat(from);
	if(d == nil){
		fprint(2, "cp: can't stat %s: %r\n", from);
		status = "errors";
		return;
	}
	if(d->qid.type & QTDIR){
		fprint(2, "cp: %s is a directory\n", from);
		status = "errors";
		free(d);
		return;
	}
	td = dirstat(to);
	if(td != nil && samefile(d, td)){
		fprint(2, "cp: %s and %s are the same file\n", from, to);
		status = "errors";
		free(d);
		free(td);
		return;
	}
	free(td);
	in = open(from, OREAD);
	if(in < 0){
		fprint(2, "cp: can't open %s: %r\n", from);
		status = "errors";
		free(d);
		return;
	}
	out = create(to, OWRITE, d->mode & 0777);
	if(out < 0){
		fprint(2, "cp: can't create %s: %r\n", to);
		status = "errors";
	}else{
		if(copyfd(in, out, from, to) < 0)
			status = "errors";
		close(out);
	}
	close(in);
	free(d);
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

static void
usage(void)
{
	fprint(2, "usage: cp fromfile tofile\n       cp fromfile ... todir\n");
	exits("usage");
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
		copy(argv[0], to);
		exits(status);
	}
	if(!isdir(to)){
		fprint(2, "cp: %s not a directory\n", to);
		exits("usage");
	}
	for(i = 0; i < argc-1; i++){
		path = smprint("%s/%s", to, basename(argv[i]));
		if(path == nil)
			sysfatal("no memory");
		copy(argv[i], path);
		free(path);
	}
	exits(status);
}
