#include <u.h>
#include <libc.h>

static int	rflag, fflag;
static char	*status;

static void
failed(char *name)
{
	if(fflag)
		return;
	fprint(2, "rm: %s: %r\n", name);
	status = "errors";
}

static void
rmtree(char *name)
{
	Dir *d;
	long n, i;
	int fd;
	char *path;

	fd = open(name, OREAD);
	if(fd < 0){
		failed(name);
		return;
	}
	n = dirreadall(fd, &d);
	close(fd);
	for(i = 0; i < n; i++){
		path = smprint("%s/%s", name, d[i].name);
		if(path == nil)
			sysfatal("no memory");
		if(remove(path) < 0){
			if(d[i].qid.type & QTDIR)
				rmtree(path);
			else
				failed(path);
		}
		free(path);
	}
	free(d);
	if(remove(name) < 0)
		failed(name);
}

static void
rm(char *name)
{
	Dir *d;

	if(remove(name) >= 0)
		return;
	if(rflag && (d = dirstat(name)) != nil){
		if(d->qid.type & QTDIR){
			free(d);
			rmtree(name);
			return;
		}
		free(d);
	}
	failed(name);
}

void
main(int argc, char *argv[])
{
	int i;

	ARGBEGIN{
	case 'r':
		rflag = 1;
		break;
	case 'f':
		fflag = 1;
		break;
	default:
		fprint(2, "usage: rm [-fr] file ...\n");
		exits("usage");
	}ARGEND

	for(i = 0; i < argc; i++)
		rm(argv[i]);
	exits(status);
}
