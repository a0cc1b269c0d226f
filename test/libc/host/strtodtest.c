#include <u.h>
#include <libc.h>
#include <xorshift.h>
#include "test.h"

/* the host C library's strtod, correctly rounded: an oracle for random inputs */
extern double hoststrtod(char*, char**) __asm__("strtod");

static uvlong
bits(double d)
{
	union { double d; uvlong u; } x;

	x.d = d;
	return x.u;
}

/* s must convert to exactly the double with bit pattern want, ending wantend bytes in */
static void
exact(char *s, uvlong want, int wantend)
{
	char *end, name[64];
	double d;

	d = strtod(s, &end);
	snprint(name, sizeof name, "strtod-%.40s", s);
	check(name, bits(d) == want && end-s == wantend, "got %#llx end %d; want %#llx end %d",
		bits(d), (int)(end-s), want, wantend);
}

static void
val(char *s, uvlong want)
{
	exact(s, want, strlen(s));
}

/* random digit strings and exponents, compared bit for bit with the host */
static void
random(void)
{
	char buf[1100], *p, *e1, *e2;
	uvlong x, a, b;
	int i, j, n, bad, pt;

	x = 88172645463325252ULL;
	bad = 0;
	for(i = 0; i < 20000 && bad < 5; i++){
		xorshift(&x);
		n = i%50 == 0 ? 1 + x%1000 : 1 + x%25;
		p = buf;
		if(x>>60 & 1)
			*p++ = '-';
		pt = (x>>40) % (n+1);
		for(j = 0; j < n; j++){
			if(j == pt)
				*p++ = '.';
			xorshift(&x);
			/* runs of 9s and 0s make values near halfway points */
			*p++ = (x>>32)%4 == 0 ? '9' : (x>>32)%4 == 1 ? '0' : '0' + (x>>8)%10;
		}
		snprint(p, buf+sizeof buf-p, "e%d", (int)((x>>16) % 700) - 350 - n/2);
		a = bits(strtod(buf, &e1));
		b = bits(hoststrtod(buf, &e2));
		if(a != b || e1 != e2){
			bad++;
			check("strtod-random", 0, "%.60s: got %#llx want %#llx", buf, a, b);
		}
	}
	check("strtod-random", bad == 0, "");
}

int
main(void)
{
	char buf[1100], *end;
	double d;

	val("0", 0);
	val("-0", 0x8000000000000000ULL);
	val("1", 0x3FF0000000000000ULL);
	val("0.1", 0x3FB999999999999AULL);
	val("1e23", 0x44B52D02C7E14AF6ULL);
	val("1e22", 0x4480F0CF064DD592ULL);
	val("1e-22", 0x3B5E392010175EE6ULL);
	val("0.000001", 0x3EB0C6F7A0B5ED8DULL);
	val("3.14159265358979323846264338327950288", 0x400921FB54442D18ULL);
	val("123456789012345678901234567890", 0x45F8EE90FF6C373EULL);
	val("4.35679845e-250", 0x0C28F46CE257EF06ULL);
	val("7.2057594037927933e16", 0x4370000000000000ULL);

	/* ties go to even; anything beyond a tie goes up */
	val("9007199254740993", 0x4340000000000000ULL);
	val("9007199254740995", 0x4340000000000002ULL);
	val("9007199254740993.000000000000000000000000001", 0x4340000000000001ULL);
	strcpy(buf, "9007199254740993.");
	memset(buf+17, '0', 900);
	strcpy(buf+917, "1");
	val(buf, 0x4340000000000001ULL);	/* the deciding digit is past the ones kept */
	buf[917] = 0;
	val(buf, 0x4340000000000000ULL);

	/* the largest double, and overflow */
	val("1.7976931348623157e308", 0x7FEFFFFFFFFFFFFFULL);
	val("1.7976931348623158e308", 0x7FEFFFFFFFFFFFFFULL);
	val("1.7976931348623159e308", 0x7FF0000000000000ULL);
	val("1e400", 0x7FF0000000000000ULL);
	val("-1e99999999999999", 0xFFF0000000000000ULL);
	val("8.98846567431158e307", 0x7FE0000000000000ULL);

	/* the normal boundary, subnormals and underflow */
	val("2.2250738585072014e-308", 0x0010000000000000ULL);
	val("2.2250738585072011e-308", 0x000FFFFFFFFFFFFFULL);
	val("4.9406564584124654e-324", 1);
	val("5e-324", 1);
	val("1e-323", 2);
	val("2.4703282292062327e-324", 0);
	val("2.4703282292062328e-324", 1);
	val("1e-400", 0);
	val("-1e-400", 0x8000000000000000ULL);
	val("0.0000000000000000000000000000000000000000000000000000000000001e61", 0x3FF0000000000000ULL);
	val("1000000000000000000000000000000000000000e-39", 0x3FF0000000000000ULL);

	/* syntax */
	exact("  \t-12.5e1x", 0xC05F400000000000ULL, 10);
	exact("+.5", 0x3FE0000000000000ULL, 3);
	exact("5.", 0x4014000000000000ULL, 2);
	exact("1e", 0x3FF0000000000000ULL, 1);
	exact("1e+", 0x3FF0000000000000ULL, 1);
	exact("1E2", 0x4059000000000000ULL, 3);
	exact("0x10", 0, 1);
	exact(".", 0, 0);
	exact("-", 0, 0);
	exact("-.e1", 0, 0);
	exact("abc", 0, 0);
	exact("", 0, 0);
	exact("inf", 0x7FF0000000000000ULL, 3);
	exact("-Infinity", 0xFFF0000000000000ULL, 9);
	exact("INFinit", 0x7FF0000000000000ULL, 3);
	d = strtod("NaN(", &end);
	check("strtod-nan", d != d && *end == '(', "not nan or wrong end");

	check("atof", atof("3.5") == 3.5 && atof(" -2e-1") == -0.2 && atof("x") == 0, "wrong");
	check("strtod-nilend", strtod("1", nil) == 1, "wrong");
	random();
	return checkstatus();
}
