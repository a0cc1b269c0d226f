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
	check(b != nil, "Bopen-write", "%r");
	if(b == nil)
		return;
	ok = 1;
	for(i = 0; i < Nlines; i++)
		if(Bprint(b, "line %d\n", i) < 0)
			ok = 0;
	check(ok, "Bprint", "failed");
	Bputrune(b, 0x263A);
	Bputc(b, '\n');
	big = malloc(Longline);
	memset(big, 'x', Longline);
	check(Bwrite(b, big, Longline) == Longline, "Bwrite", "short");
	free(big);
	Bputc(b, '\n');
	Bprint(b, "tail");
	check(Boffset(b) == Bseek(b, 0, 1), "Boffset-write", "mismatch");
	check(Bterm(b) == 0, "Bterm-write", "flush failed");
}

static void
readfile(char *name)
{
	Biobuf *b;
	char *line, *s, want[32];
	int i, ok, c;
	vlong off;

	b = Bopen(name, OREAD);
	check(b != nil, "Bopen-read", "%r");
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
	check(ok, "Brdline", "line %d wrong", i);
	off = Boffset(b);
	check(Bgetrune(b) == 0x263A, "Bgetrune", "wrong rune");
	check(Bungetrune(b) == 1 && Bgetrune(b) == 0x263A, "Bungetrune", "wrong rune after unget");
	c = Bgetc(b);
	check(c == '\n' && Bungetc(b) == 1 && Bgetc(b) == '\n', "Bgetc-Bungetc", "got %d", c);
	check(Brdline(b, '\n') == nil && Blinelen(b) == Bsize, "Brdline-long", "len %d", Blinelen(b));
	s = Brdstr(b, '\n', 1);
	check(s != nil && strlen(s) == Longline-Bsize, "Brdstr-rest", "len %ld", s ? strlen(s) : -1L);
	free(s);
	s = Brdstr(b, '\n', 0);
	check(s != nil && strcmp(s, "tail") == 0, "Brdstr-final", "got %s", s ? s : "nil");
	free(s);
	check(Bgetc(b) == Beof && Brdstr(b, '\n', 0) == nil, "eof", "more data");

	check(Bseek(b, off, 0) == off && Bgetrune(b) == 0x263A, "Bseek-back", "wrong data");
	check(Bseek(b, 0, 0) == 0 && Boffset(b) == 0, "Bseek-start", "offset %lld", Boffset(b));
	s = Brdstr(b, '\n', 1);
	check(s != nil && strcmp(s, "line 0") == 0, "Brdstr-after-seek", "got %s", s ? s : "nil");
	free(s);
	check(Bread(b, want, 7) == 7 && memcmp(want, "line 1\n", 7) == 0, "Bread", "wrong data");
	check(Boffset(b) == 14, "Boffset-read", "got %lld", Boffset(b));
	Bterm(b);
}

int
main(int argc, char **argv)
{
	if(argc != 2){
		check(0, "usage", "biotest tmpfile");
		return done();
	}
	writefile(argv[1]);
	readfile(argv[1]);
	remove(argv[1]);
	return done();
}
