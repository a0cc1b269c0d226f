#include <u.h>
#include <libc.h>
#include <bio.h>
#include "test.h"

/* The host C library's calls behind the two Plan 9 ones it lacks. */
extern	int	creat(char*, uint);
extern	long	lseek(int, long, int);

int
create(char *name, int mode, ulong perm)
{
	return creat(name, perm);
}

vlong
seek(int fd, vlong off, int whence)
{
	return lseek(fd, off, whence);
}

enum
{
	Nlines	= 2000,		/* enough to cross several buffers */
	Longline	= Bsize+100,
};

static void
writefile(char *name)
{
	Biobuf *b;
	char *big;
	int i, ok;

	b = Bopen(name, OWRITE);
	check("Bopen-write", b != nil, "cannot open %s", name);
	if(b == nil)
		return;
	ok = 1;
	for(i = 0; i < Nlines; i++)
		if(Bprint(b, "line %d\n", i) < 0)
			ok = 0;
	check("Bprint", ok, "failed");
	Bputrune(b, 0x263A);
	Bputc(b, '\n');
	big = malloc(Longline);
	memset(big, 'x', Longline);
	check("Bwrite", Bwrite(b, big, Longline) == Longline, "short");
	free(big);
	Bputc(b, '\n');
	Bprint(b, "tail");
	check("Boffset-write", Boffset(b) == Bseek(b, 0, 1), "mismatch");
	check("Bterm-write", Bterm(b) == 0, "flush failed");
}

static void
readfile(char *name)
{
	Biobuf *b;
	char *line, *s, want[32];
	int i, ok, c;
	vlong off;

	b = Bopen(name, OREAD);
	check("Bopen-read", b != nil, "cannot open %s", name);
	if(b == nil)
		return;
	ok = 1;
	for(i = 0; i < Nlines; i++){
		line = Brdline(b, '\n');
		snprint(want, sizeof want, "line %d\n", i);
		if(line == nil || Blinelen(b) != strlen(want) || memcmp(line, want, Blinelen(b)) != 0){
			ok = 0;
			break;
		}
	}
	check("Brdline", ok, "line %d wrong", i);
	off = Boffset(b);
	check("Bgetrune", Bgetrune(b) == 0x263A, "wrong rune");
	check("Bungetrune", Bungetrune(b) == 1 && Bgetrune(b) == 0x263A, "wrong rune after unget");
	c = Bgetc(b);
	check("Bgetc-Bungetc", c == '\n' && Bungetc(b) == 1 && Bgetc(b) == '\n', "got %d", c);
	check("Brdline-long", Brdline(b, '\n') == nil && Blinelen(b) == Bsize, "len %d", Blinelen(b));
	s = Brdstr(b, '\n', 1);
	check("Brdstr-rest", s != nil && strlen(s) == Longline-Bsize, "len %ld", s ? strlen(s) : -1L);
	free(s);
	s = Brdstr(b, '\n', 0);
	check("Brdstr-final", s != nil && strcmp(s, "tail") == 0, "got %s", s ? s : "nil");
	free(s);
	check("eof", Bgetc(b) == Beof && Brdstr(b, '\n', 0) == nil, "more data");

	check("Bseek-back", Bseek(b, off, 0) == off && Bgetrune(b) == 0x263A, "wrong data");
	check("Bseek-start", Bseek(b, 0, 0) == 0 && Boffset(b) == 0, "offset %lld", Boffset(b));
	s = Brdstr(b, '\n', 1);
	check("Brdstr-after-seek", s != nil && strcmp(s, "line 0") == 0, "got %s", s ? s : "nil");
	free(s);
	check("Bread", Bread(b, want, 7) == 7 && memcmp(want, "line 1\n", 7) == 0, "wrong data");
	check("Boffset-read", Boffset(b) == 14, "got %lld", Boffset(b));
	Bterm(b);
}

int
main(int argc, char **argv)
{
	if(argc != 2){
		check("usage", 0, "biotest tmpfile");
		return checkstatus();
	}
	writefile(argv[1]);
	readfile(argv[1]);
	remove(argv[1]);
	return checkstatus();
}
