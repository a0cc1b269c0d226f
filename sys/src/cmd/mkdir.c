#include <u.h>
#include <libc.h>

static int	pflag;
static char	*status;

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

static int
makedir(char *name)
{
	int fd;

	if(access(name, AEXIST) >= 0){
		if(pflag && isdir(name))
			return 0;
		fprint(2, "mkdir: %s already exists\n", name);
		return -1;
	}
	fd = create(name, OREAD, DMDIR|0777);
	if(fd < 0){
		fprint(2, "mkdir: can't create %s: %r\n", name);
		return -1;
	}
	close(fd);
	return 0;
}

/* each ancestor in turn, then name itself */
static int
makepath(char *name)
{
	char *p;

	for(p = name+1; (p = strchr(p, '/')) != nil; p++){
		*p = 0;
		if(!isdir(name) && makedir(name) < 0){
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return makedir(name);
}

void
main(int argc, char *argv[])
{
	int i;

	ARGBEGIN{
	case 'p':
		pflag = 1;
		break;
	default:
		fprint(2, "usage: mkdir [-p] dir ...\n");
		exits("usage");
	}ARGEND

	for(i = 0; i < argc; i++)
		if((pflag ? makepath(cleanname(argv[i])) : makedir(argv[i])) < 0)
			status = "errors";
	exits(status);
}
