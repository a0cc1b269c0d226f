#include <u.h>
#include <libc.h>
#include <bio.h>

typedef struct File File;
struct File
{
	Dir	*d;
	char	*name;	/* as printed */
};

static int	dflag, lflag, pflag, qflag;
static File	*files;
static int	nfiles, maxfiles;
static char	*status;
static Biobuf	bout;

static void
usage(void)
{
	fprint(2, "usage: ls [-dlpq] [file ...]\n");
	exits("usage");
}

static void
add(Dir *d, char *dir)
{
	char *name;

	if(nfiles == maxfiles){
		maxfiles = maxfiles*2 + 64;
		files = realloc(files, maxfiles*sizeof(File));
		if(files == nil)
			sysfatal("no memory");
	}
	if(dir == nil)
		name = d->name;
	else if(dir[0] != 0 && dir[strlen(dir)-1] == '/')
		name = smprint("%s%s", dir, d->name);
	else
		name = smprint("%s/%s", dir, d->name);
	if(name == nil)
		sysfatal("no memory");
	files[nfiles].d = d;
	files[nfiles].name = name;
	nfiles++;
}

static void
ls(char *path)
{
	Dir *d, *ents;
	long n, i;
	int fd;

	d = dirstat(path);
	if(d == nil){
		fprint(2, "ls: %s: %r\n", path);
		status = "errors";
		return;
	}
	if(dflag || (d->qid.type & QTDIR) == 0){
		d->name = path;
		add(d, nil);
		return;
	}
	fd = open(path, OREAD);
	if(fd < 0){
		fprint(2, "ls: can't open %s: %r\n", path);
		status = "errors";
		return;
	}
	while((n = dirread(fd, &ents)) > 0)
		for(i = 0; i < n; i++)
			add(&ents[i], strcmp(path, ".") == 0 ? nil : path);
	if(n < 0){
		fprint(2, "ls: error reading %s: %r\n", path);
		status = "errors";
	}
	close(fd);
}

static int
bynames(void *a, void *b)
{
	return strcmp(((File*)a)->name, ((File*)b)->name);
}

static char*
modestring(ulong m)
{
	static char buf[12];
	static char rwx[] = "rwxrwxrwx";
	int i;

	buf[0] = m & DMDIR ? 'd' : m & DMAPPEND ? 'a' : m & DMAUTH ? 'A' : '-';
	buf[1] = m & DMEXCL ? 'l' : '-';
	for(i = 0; i < 9; i++)
		buf[2+i] = m & (1<<(8-i)) ? rwx[i] : '-';
	buf[11] = 0;
	return buf;
}

/* month, day and time of day, or the year instead of the time if not recent */
static char*
datestring(long t, long now)
{
	static char buf[16];
	char *c;

	c = ctime(t);
	if(t < now - 180L*24*60*60 || t > now + 24L*60*60){
		memmove(buf, c+4, 7);
		memmove(buf+7, c+23, 5);
	}else
		memmove(buf, c+4, 12);
	buf[12] = 0;
	return buf;
}

static int
width(char *fmt, ...)
{
	char buf[64];
	va_list arg;

	va_start(arg, fmt);
	vsnprint(buf, sizeof buf, fmt, arg);
	va_end(arg);
	return strlen(buf);
}

static void
list(void)
{
	int i, wdev, wuid, wgid, wlen, w;
	long now;
	Dir *d;
	char *name, *p;

	wdev = wuid = wgid = wlen = 0;
	for(i = 0; i < nfiles; i++){
		d = files[i].d;
		if((w = width("%ud", d->dev)) > wdev)
			wdev = w;
		if((w = strlen(d->uid)) > wuid)
			wuid = w;
		if((w = strlen(d->gid)) > wgid)
			wgid = w;
		if((w = width("%lld", d->length)) > wlen)
			wlen = w;
	}
	now = time(nil);
	for(i = 0; i < nfiles; i++){
		d = files[i].d;
		name = files[i].name;
		if(pflag && (p = strrchr(name, '/')) != nil && p[1] != 0)
			name = p+1;
		if(qflag)
			Bprint(&bout, "(%.16llux %lud %.2ux) ", d->qid.path, d->qid.vers, d->qid.type);
		if(lflag)
			Bprint(&bout, "%s %C %*ud %-*s %-*s %*lld %s ",
				modestring(d->mode), (Rune)d->type, wdev, d->dev,
				wuid, d->uid, wgid, d->gid, wlen, d->length,
				datestring(d->mtime, now));
		Bprint(&bout, "%s\n", name);
	}
}

void
main(int argc, char *argv[])
{
	int i;

	ARGBEGIN{
	case 'd':
		dflag = 1;
		break;
	case 'l':
		lflag = 1;
		break;
	case 'p':
		pflag = 1;
		break;
	case 'q':
		qflag = 1;
		break;
	default:
		usage();
	}ARGEND

	Binit(&bout, 1, OWRITE);
	if(argc == 0)
		ls(".");
	for(i = 0; i < argc; i++)
		ls(argv[i]);
	qsort(files, nfiles, sizeof(File), bynames);
	list();
	Bflush(&bout);
	exits(status);
}
