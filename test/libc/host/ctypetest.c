#include <u.h>
#include <libc.h>
#include "test.h"

/* <ctype.h>'s table and bits */
extern uchar _ctype[];
enum { U = 01, L = 02, N = 04, S = 010, P = 020, C = 040, B = 0100, X = 0200 };

/* host calls for getwd's system calls */
extern long hostreadlink(char*, char*, ulong) __asm__("readlink");
extern char* hostgetcwd(char*, ulong) __asm__("getcwd");

/* fd2path as the host sees it: the link in /proc/self/fd */
int
fd2path(int fd, char *buf, int nbuf)
{
	char link[64];
	long n;

	snprint(link, sizeof link, "/proc/self/fd/%d", fd);
	n = hostreadlink(link, buf, nbuf-1);
	if(n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

static int
want(int c)
{
	int m;

	m = 0;
	if(c >= 'A' && c <= 'Z')
		m |= U;
	if(c >= 'a' && c <= 'z')
		m |= L;
	if(c >= '0' && c <= '9')
		m |= N;
	if(c == ' ' || (c >= '\t' && c <= '\r'))
		m |= S;
	if(c > ' ' && c < 0x7F && (m & (U|L|N)) == 0)
		m |= P;
	if(c < ' ' || c == 0x7F)
		m |= C;
	if(c == ' ')
		m |= B;
	if((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
		m |= X;
	return m;
}

static void
bytes(void)
{
	int c, bad;

	bad = 0;
	for(c = 0; c < 256; c++)
		if(_ctype[c] != want(c) && bad++ < 3)
			check("ctype-table", 0, "%#x: %#o want %#o", c, _ctype[c], want(c));
	check("ctype-table", bad == 0, "");
	bad = 0;
	for(c = -1; c < 256; c++){
		if(toupper(c) != ((c >= 'a' && c <= 'z') ? c-32 : c))
			bad++;
		if(tolower(c) != ((c >= 'A' && c <= 'Z') ? c+32 : c))
			bad++;
	}
	check("toupper-tolower", bad == 0, "%d wrong", bad);
}

static void
spans(void)
{
	char *s;

	s = "abcabcxyz";
	check("strspn", strspn(s, "cba") == 6 && strspn(s, "") == 0 && strspn("", "a") == 0, "wrong");
	check("strcspn", strcspn(s, "zx") == 6 && strcspn(s, "") == 9 && strcspn(s, "a") == 0, "wrong");
	check("strspn-high", strspn("\xc3\xa9x", "\xa9\xc3") == 2, "signed bytes");
	check("strpbrk", strpbrk(s, "yx") == s+6 && strpbrk(s, "q") == nil && strpbrk(s, "") == nil, "wrong");
}

static void
runes(void)
{
	static Rune pairs[][2] = {
		{'A', 'a'},  {'Z', 'z'},  {0xC0, 0xE0},  {0xC9, 0xE9},  {0xDE, 0xFE},  {0x178, 0xFF},
		{0x100, 0x101},  {0x12E, 0x12F},  {0x139, 0x13A},  {0x147, 0x148},  {0x14A, 0x14B},
		{0x176, 0x177},  {0x179, 0x17A},  {0x17D, 0x17E},  {0x386, 0x3AC},  {0x38F, 0x3CE},
		{0x391, 0x3B1},  {0x3A3, 0x3C3},  {0x3A9, 0x3C9},  {0x400, 0x450},  {0x401, 0x451},
		{0x410, 0x430},  {0x42F, 0x44F},  {0x1E94, 0x1E95},  {0xFF21, 0xFF41},
	};
	Rune r, l;
	int i, bad;

	bad = 0;
	for(i = 0; i < nelem(pairs); i++){
		if(tolowerrune(pairs[i][0]) != pairs[i][1] || toupperrune(pairs[i][1]) != pairs[i][0]
		|| !isupperrune(pairs[i][0]) || !islowerrune(pairs[i][1])
		|| isupperrune(pairs[i][1]) || islowerrune(pairs[i][0]))
			if(bad++ < 3)
				check("runecase", 0, "%#x %#x", pairs[i][0], pairs[i][1]);
	}
	check("runecase", bad == 0, "");
	check("runecase-singles", tolowerrune(0x130) == 'i' && toupperrune(0x131) == 'I' && toupperrune(0x17F) == 'S'
		&& toupperrune(0xB5) == 0x39C && toupperrune(0x3C2) == 0x3A3, "wrong");
	check("runecase-latin1", toupperrune(0xDF) == 0xDF && islowerrune(0xDF) && !isupperrune(0xD7) && !islowerrune(0xF7)
		&& tolowerrune(0xD7) == 0xD7 && toupperrune(0xF7) == 0xF7, "wrong");
	check("runecase-none", tolowerrune('1') == '1' && toupperrune(0x4E2D) == 0x4E2D && !isupperrune(' '), "wrong");

	/* every upper case rune lowers to a lower case one that raises back */
	bad = 0;
	for(r = 0; r < 0x10000; r++){
		if(!isupperrune(r) || r == 0x130)
			continue;
		l = tolowerrune(r);
		if(!islowerrune(l) || toupperrune(l) != r || !isalpharune(r) || !isalpharune(l))
			if(bad++ < 3)
				check("runecase-all", 0, "%#x", r);
	}
	check("runecase-all", bad == 0, "");

	check("isalpharune", isalpharune('a') && isalpharune('Z') && isalpharune(0xE9) && isalpharune(0x3B1) && isalpharune(0x4E2D)
		&& isalpharune(0xAC00) && !isalpharune('1') && !isalpharune(0xD7) && !isalpharune(0xF7)
		&& !isalpharune(' ') && !isalpharune('_') && !isalpharune(0x2000), "wrong");
	check("isdigitrune", isdigitrune('0') && isdigitrune('9') && isdigitrune(0x663) && isdigitrune(0xFF19)
		&& !isdigitrune('a') && !isdigitrune('/') && !isdigitrune(':'), "wrong");
	check("isspacerune", isspacerune(' ') && isspacerune('\t') && isspacerune('\n') && isspacerune('\r') && isspacerune(0xA0)
		&& isspacerune(0x3000) && isspacerune(0x2003) && !isspacerune('x') && !isspacerune(0) && !isspacerune(0x200B),
		"wrong");
}

static void
wd(void)
{
	char buf[512], host[512];

	check("getwd", getwd(buf, sizeof buf) == buf && hostgetcwd(host, sizeof host) != nil && strcmp(buf, host) == 0,
		"got %s want %s", buf, host);
}

int
main(void)
{
	bytes();
	spans();
	runes();
	wd();
	return checkstatus();
}
