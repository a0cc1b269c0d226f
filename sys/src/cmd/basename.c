#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: basename [-d] string [suffix]\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	char *s, *p, *base;
	int dflag;
	long n, ns;

	dflag = 0;
	ARGBEGIN{
	case 'd':
		dflag = 1;
		break;
	default:
		usage();
	}ARGEND

	if(argc < 1 || argc > 2)
		usage();
	s = argv[0];
	n = strlen(s);
	while(n > 1 && s[n-1] == '/')
		s[--n] = 0;
	p = strrchr(s, '/');
	if(dflag){
		if(p == nil)
			s = ".";
		else if(p == s)
			s = "/";
		else
			*p = 0;
		print("%s\n", s);
		exits(nil);
	}
	base = p == nil || p[1] == 0 ? s : p+1;
	if(argc == 2){
		n = strlen(base);
		ns = strlen(argv[1]);
		if(n > ns && strcmp(base+n-ns, argv[1]) == 0)
			base[n-ns] = 0;
	}
	print("%s\n", base);
	exits(nil);
}
