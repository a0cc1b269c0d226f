#include <u.h>
#include <libc.h>
#include "test.h"

static void
vlongcase(char *name, char *s, int base, vlong want, int wantend)
{
	char *end;
	vlong v;

	v = strtoll(s, &end, base);
	check(name, v == want && end-s == wantend, "strtoll(\"%s\", %d) = %lld end %d; want %lld end %d",
		s, base, v, (int)(end-s), want, wantend);
}

static void
uvlongcase(char *name, char *s, int base, uvlong want, int wantend)
{
	char *end;
	uvlong v;

	v = strtoull(s, &end, base);
	check(name, v == want && end-s == wantend, "strtoull(\"%s\", %d) = %llu end %d; want %llu end %d",
		s, base, v, (int)(end-s), want, wantend);
}

int
main(void)
{
	vlongcase("dec", "123", 10, 123, 3);
	vlongcase("dec-space-sign", "  -42x", 10, -42, 5);
	vlongcase("plus", "+7", 10, 7, 2);
	vlongcase("hex-prefix", "0x1F", 0, 31, 4);
	vlongcase("hex-prefix-16", "0X1f", 16, 31, 4);
	vlongcase("hex-no-digits", "0xg", 0, 0, 1);
	vlongcase("octal", "017", 0, 15, 3);
	vlongcase("octal-stop", "019", 0, 1, 2);
	vlongcase("base2", "1012", 2, 5, 3);
	vlongcase("base36", "zz", 36, 35*36+35, 2);
	vlongcase("no-digits", "  x", 10, 0, 0);
	vlongcase("sign-only", "-", 10, 0, 0);
	vlongcase("bad-base", "12", 1, 0, 0);
	vlongcase("max", "9223372036854775807", 10, 0x7FFFFFFFFFFFFFFFLL, 19);
	vlongcase("overflow", "9223372036854775808", 10, 0x7FFFFFFFFFFFFFFFLL, 19);
	vlongcase("min", "-9223372036854775808", 10, (vlong)0x8000000000000000ULL, 20);
	vlongcase("underflow", "-99999999999999999999", 10, (vlong)0x8000000000000000ULL, 21);
	uvlongcase("umax", "18446744073709551615", 10, ~0ULL, 20);
	uvlongcase("uoverflow", "18446744073709551616", 10, ~0ULL, 20);
	uvlongcase("uneg", "-1", 10, ~0ULL, 2);
	uvlongcase("uhex", "ffffffffffffffff", 16, ~0ULL, 16);
	check("strtol", strtol("-0x10", nil, 0) == -16, "got %ld", strtol("-0x10", nil, 0));
	check("strtoul-64bit", strtoul("4294967296", nil, 10) == 4294967296UL, "got %lu", strtoul("4294967296", nil, 10));
	check("atoi-prefix", atoi("0x10") == 16, "got %d", atoi("0x10"));
	check("atoi", atoi(" -12") == -12, "got %d", atoi(" -12"));
	check("atol-octal", atol("010") == 8, "got %ld", atol("010"));
	check("atoll", atoll("123456789012") == 123456789012LL, "got %lld", atoll("123456789012"));
	check("abs", abs(-3) == 3 && abs(4) == 4, "wrong");
	return checkstatus();
}
