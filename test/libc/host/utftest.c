#include <u.h>
#include <libc.h>
#include "test.h"

static void
roundtrip(Rune r, int len)
{
	char buf[UTFmax+1], name[32];
	Rune back;
	int n, m;

	snprint(name, sizeof name, "roundtrip-%ux", r);
	n = runetochar(buf, &r);
	buf[n] = 0;
	m = chartorune(&back, buf);
	check(name, n == len && m == len && back == r && runelen(r) == len && fullrune(buf, n) && (n == 1 || !fullrune(buf, n-1)),
		"len %d/%d/%d rune %x", n, m, runelen(r), back);
}

static void
bad(char *name, char *s)
{
	Rune r;
	int n;

	n = chartorune(&r, s);
	check(name, n == 1 && r == Runeerror, "got %d bytes, rune %x", n, r);
}

int
main(void)
{
	char buf[16], *s;
	Rune r;

	roundtrip('a', 1);
	roundtrip(0x7F, 1);
	roundtrip(0x80, 2);
	roundtrip(0x7FF, 2);
	roundtrip(0x800, 3);
	roundtrip(0xFFFF, 3);
	roundtrip(0x10000, 4);
	roundtrip(Runemax, 4);
	bad("bad-continuation", "\x80");
	bad("bad-truncated", "\xe2\x98");
	bad("bad-overlong", "\xc0\xaf");
	bad("bad-surrogate", "\xed\xa0\x80");
	bad("bad-too-big", "\xf4\x90\x80\x80");
	bad("bad-byte", "\xff");
	r = 0x110000;
	check("encode-invalid", runetochar(buf, &r) == 3 && chartorune(&r, buf) == 3 && r == Runeerror, "not Runeerror");
	s = "a☺b☺";
	check("utflen", utflen(s) == 4, "got %d", utflen(s));
	check("utfnlen", utfnlen(s, 3) == 1 && utfnlen(s, 4) == 2, "got %d %d", utfnlen(s, 3), utfnlen(s, 4));
	check("utfrune", utfrune(s, 0x263A) == s+1 && utfrune(s, 'b') == s+4 && utfrune(s, 'z') == nil, "wrong");
	check("utfrrune", utfrrune(s, 0x263A) == s+5 && utfrrune(s, 'a') == s, "wrong");
	utfecpy(buf, buf+4, s);
	checkstr("utfecpy-no-split", buf, "a");
	utfecpy(buf, buf+5, s);
	checkstr("utfecpy", buf, "a☺");
	check("fullrune-empty", fullrune("", 0) == 0, "says full");
	return checkstatus();
}
