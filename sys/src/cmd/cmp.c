#include <u.h>
#include <libc.h>
#include <bio.h>

static void
usage(void)
{
	fprint(2, "usage: cmp [-ls] file1 file2 [offset1 [offset2]]\n");
	exits("usage");
}

static Biobuf*
openat(char *name, char *offset)
{
	Biobuf *b;
	vlong off;
	char *e;

	b = Bopen(name, OREAD);
	if(b == nil)
		sysfatal("can't open %s: %r", name);
	if(offset != nil){
		off = strtoll(offset, &e, 0);
		if(e == offset || *e != 0)
			usage();
		Bseek(b, off, 0);
	}
	return b;
}

void
main(int argc, char *argv[])
{
	Biobuf *b1, *b2;
	int lflag, sflag, c1, c2;
	vlong nc;
	char *status;

	lflag = sflag = 0;
	ARGBEGIN{
	case 'l':
		lflag = 1;
		break;
	case 's':
		sflag = 1;
		break;
	default:
		usage();
	}ARGEND

	if(argc < 2 || argc > 4)
		usage();
	b1 = openat(argv[0], argc > 2 ? argv[2] : nil);
	b2 = openat(argv[1], argc > 3 ? argv[3] : nil);
	status = nil;
	for(nc = 1; ; nc++){
		c1 = Bgetc(b1);
		c2 = Bgetc(b2);
		if(c1 == c2){
			if(c1 < 0)
				exits(status);
			continue;
		}
		if(c1 < 0 || c2 < 0){
			if(!sflag)
				print("EOF on %s\n", c1 < 0 ? argv[0] : argv[1]);
			exits("differ");
		}
		if(sflag)
			exits("differ");
		if(!lflag){
			print("%s %s differ: char %lld\n", argv[0], argv[1], nc);
			exits("differ");
		}
		print("%6lld 0x%.2ux 0x%.2ux\n", nc, c1, c2);
		status = "differ";
	}
}
