#include <u.h>
#include <libc.h>
#include "test.h"

#define F(name, want, ...) do{\
	char buf[256];\
	snprint(buf, sizeof buf, __VA_ARGS__);\
	checkstr(name, buf, want);\
}while(0)

typedef struct Point Point;
struct Point
{
	int	x;
	int	y;
};

static int
pointfmt(Fmt *f)
{
	Point *p;

	p = va_arg(f->args, Point*);
	if(f->flags & FmtSharp)
		return fmtprint(f, "[%d %d]", p->x, p->y);
	return fmtprint(f, "(%d,%d)", p->x, p->y);
}

static void
integers(void)
{
	F("d", "42", "%d", 42);
	F("d-neg", "-42", "%d", -42);
	F("i", "7", "%i", 7);
	F("d-width", "   42", "%5d", 42);
	F("d-left", "42   |", "%-5d|", 42);
	F("d-zero", "00042", "%05d", 42);
	F("d-zero-neg", "-0042", "%05d", -42);
	F("d-plus", "+42", "%+d", 42);
	F("d-space", " 42", "% d", 42);
	F("d-prec", "00042", "%.5d", 42);
	F("d-prec-width", "  00042", "%7.5d", 42);
	F("d-prec0-zero", "", "%.0d", 0);
	F("d-star", "   42", "%*d", 5, 42);
	F("d-star-neg", "42   |", "%*d|", -5, 42);
	F("d-star-prec", "  007", "%*.*d", 5, 3, 7);
	F("d-comma", "1,234,567", "%,d", 1234567);
	F("d-comma-small", "999", "%,d", 999);
	F("d-min", "-2147483648", "%d", (int)0x80000000);
	F("ld", "-9223372036854775808", "%lld", (vlong)0x8000000000000000ULL);
	F("l", "1099511627776", "%ld", 1L<<40);
	F("u", "4294967295", "%u", ~0U);
	F("ud", "4294967295", "%ud", ~0U);
	F("llud", "18446744073709551615", "%llud", ~0ULL);
	F("h", "-1", "%hd", 0xFFFF);
	F("hu", "65535", "%hud", 0xFFFF);
	F("hh", "-1", "%hhd", 0x1FF);
	F("hhu", "255", "%hhud", 0x1FF);
	F("x", "ff", "%x", 255);
	F("X", "FF", "%X", 255);
	F("x-signed", "-1", "%x", -1);
	F("ux", "ffffffff", "%ux", -1);
	F("llux", "ffffffff80000000", "%llux", 0xffffffff80000000ULL);
	F("x-sharp", "0xff", "%#x", 255);
	F("X-sharp", "0XFF", "%#X", 255);
	F("x-sharp-zero", "0x00ff", "%#06x", 255);
	F("x-comma", "1,0000", "%,x", 0x10000);
	F("o", "17", "%o", 15);
	F("o-sharp", "017", "%#o", 15);
	F("b", "101", "%b", 5);
	F("p", "0x1234", "%p", (void*)0x1234);
	F("u-verb-then-text", "7 x", "%u x", 7);
}

static void
strings(void)
{
	Rune rs[] = { 'h', 0x263A, 'i', 0 };

	F("s", "hello", "%s", "hello");
	F("s-nil", "<nil>", "%s", (char*)nil);
	F("s-width", "   ab", "%5s", "ab");
	F("s-left", "ab   |", "%-5s|", "ab");
	F("s-prec", "he", "%.2s", "hello");
	F("s-prec-runes", "aéb", "%.3s", "aébcd");
	F("s-width-runes", "  é", "%3s", "é");
	F("S", "h☺i", "%S", rs);
	F("S-prec", "h☺", "%.2S", rs);
	F("c", "A", "%c", 'A');
	F("c-rune", "☺", "%c", 0x263A);
	F("C", "☺", "%C", (Rune)0x263A);
	F("c-width", "  x", "%3c", 'x');
	F("percent", "100%", "%d%%", 100);
	F("r", "err: no such file", "err: %r");
	F("bad-verb", "%y", "%y");
	F("trailing-percent", "a", "a%");
	F("literal-utf", "α=1", "α=%d", 1);
}

static void
quoting(void)
{
	Rune rs[] = { 'a', ' ', 'b', 0 };

	F("q-plain", "abc", "%q", "abc");
	F("q-space", "'a b'", "%q", "a b");
	F("q-quote", "'it''s'", "%q", "it's");
	F("q-empty", "''", "%q", "");
	F("q-special", "'a;b'", "%q", "a;b");
	F("q-dollar", "'$x'", "%q", "$x");
	F("q-tab", "'a\tb'", "%q", "a\tb");
	F("q-utf", "café", "%q", "café");
	F("q-width", "  'a b'", "%7q", "a b");
	F("q-nil", "<nil>", "%q", (char*)nil);
	F("Q", "'a b'", "%Q", rs);
}

static void
floats(void)
{
	F("f", "3.141593", "%f", 3.14159265);
	F("f-prec", "3.14", "%.2f", 3.14159);
	F("f-prec0", "3", "%.0f", 3.14159);
	F("f-round", "1.00", "%.2f", 0.999);
	F("f-neg", "-2.50", "%.2f", -2.5);
	F("f-big", "100000000000000000000.0", "%.1f", 1e20);
	F("f-small", "0.000123", "%f", 0.000123);
	F("f-zero", "0.000000", "%f", 0.0);
	F("f-width", "  1.5", "%5.1f", 1.5);
	F("f-zeropad", "001.5", "%05.1f", 1.5);
	F("f-plus", "+1.5", "%+.1f", 1.5);
	F("e", "1.234560e+03", "%e", 1234.56);
	F("e-prec", "1.2e-05", "%.1e", 0.0000123);
	F("e-zero", "0.000e+00", "%.3e", 0.0);
	F("E", "1.5E+10", "%.1E", 1.5e10);
	F("g", "100000", "%g", 100000.0);
	F("g-exp", "1e+06", "%g", 1000000.0);
	F("g-small", "0.0001", "%g", 0.0001);
	F("g-smaller", "1e-05", "%g", 0.00001);
	F("g-trim", "1.5", "%g", 1.5);
	F("g-prec", "3.14", "%.3g", 3.14159);
	F("g-sharp", "1.50000", "%#g", 1.5);
	F("inf", "+Inf", "%f", __builtin_inf());
	F("neg-inf", "-Inf", "%e", -__builtin_inf());
	F("nan", "NaN", "%g", __builtin_nan(""));
}

static void
install(void)
{
	Point p = { 3, -4 };

	check("fmtinstall", fmtinstall('P', pointfmt) == 0, "failed");
	F("custom", "at (3,-4)!", "at %P!", &p);
	F("custom-flags", "[3 -4] 5", "%#P %d", &p, 5);
	F("custom-args-after", "(3,-4) x 9", "%P %s %d", &p, "x", 9);
}

static void
sized(void)
{
	char buf[8], *e;
	int n;

	n = snprint(buf, sizeof buf, "%s", "0123456789");
	checkstr("snprint-trunc", buf, "0123456");
	check("snprint-trunc-count", n == 7, "got %d", n);
	n = snprint(buf, sizeof buf, "ab%d", 5);
	check("snprint-count", n == 3, "got %d", n);
	n = snprint(buf, 5, "ab☺");
	checkstr("snprint-no-split-rune", buf, "ab");
	e = seprint(buf, buf+sizeof buf, "%s", "abcdefghij");
	check("seprint-trunc", e == buf+7 && *e == 0, "end at %d", (int)(e-buf));
	e = seprint(buf, buf+sizeof buf, "ab");
	e = seprint(e, buf+sizeof buf, "cd%d", 12345);
	checkstr("seprint-chain", buf, "abcd123");
	check("seprint-chain-end", e == buf+7, "end at %d", (int)(e-buf));
	check("seprint-empty", seprint(buf, buf, "x") == nil, "not nil");
	n = sprint(buf, "%d-%d", 1, 2);
	checkstr("sprint", buf, "1-2");
	check("sprint-count", n == 3, "got %d", n);
}

static void
allocated(void)
{
	char *s, big[1000];
	Fmt f;

	s = smprint("%s=%d", "x", 10);
	checkstr("smprint", s, "x=10");
	free(s);
	memset(big, 'z', sizeof big-1);
	big[sizeof big-1] = 0;
	s = smprint("<%s>", big);
	check("smprint-grow", s != nil && strlen(s) == 1001 && s[0] == '<' && s[1000] == '>' && s[500] == 'z',
		"length %d", s ? (int)strlen(s) : -1);
	free(s);
	fmtstrinit(&f);
	fmtprint(&f, "a%d", 1);
	fmtstrcpy(&f, "b");
	fmtprint(&f, "%s", "c");
	s = fmtstrflush(&f);
	checkstr("fmtstr", s, "a1bc");
	free(s);
}

int
main(void)
{
	integers();
	strings();
	quoting();
	floats();
	install();
	sized();
	allocated();
	return checkstatus();
}
