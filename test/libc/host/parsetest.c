#include <u.h>
#include <libc.h>
#include "test.h"

static void
fields(char *name, int n, char **f, int want, char **wantf)
{
	char got[256], exp[256], *p, *q;
	int i;

	p = got;
	for(i = 0; i < n; i++)
		p = seprint(p, got+sizeof got, "[%s]", f[i]);
	*p = 0;
	q = exp;
	for(i = 0; i < want; i++)
		q = seprint(q, exp+sizeof exp, "[%s]", wantf[i]);
	*q = 0;
	check(name, n == want && strcmp(got, exp) == 0, "got %d %s want %d %s", n, got, want, exp);
}

#define TOK(name, str, max, ...) do{\
	char s[] = str, *f[16], *w[] = { __VA_ARGS__ };\
	fields(name, tokenize(s, f, max), f, nelem(w), w);\
}while(0)

#define GF(name, str, max, multi, sep, ...) do{\
	char s[] = str, *f[16], *w[] = { __VA_ARGS__ };\
	fields(name, getfields(s, f, max, multi, sep), f, nelem(w), w);\
}while(0)

#define CLEAN(str, want) do{\
	char s[64] = str;\
	checkstr("cleanname " str, cleanname(s), want);\
}while(0)

int
main(void)
{
	char s[] = "  ";
	char *f[4];

	TOK("tok-simple", "a b  c", 16, "a", "b", "c");
	TOK("tok-spaces", "  \ta\n b \t", 16, "a", "b");
	TOK("tok-quote", "x 'a b' y", 16, "x", "a b", "y");
	TOK("tok-quote-quote", "'it''s' x", 16, "it's", "x");
	TOK("tok-adjacent", "ab'c d'e", 16, "abc de");
	TOK("tok-empty-quote", "'' x", 16, "", "x");
	TOK("tok-max", "a b c d", 2, "a", "b");
	check("tok-blank", tokenize(s, f, 4) == 0, "found words");

	GF("gf-single", "a,b,,c", 16, 0, ",", "a", "b", "", "c");
	GF("gf-multi", ",,a,,b,", 16, 1, ",", "a", "b");
	GF("gf-trailing", "a,", 16, 0, ",", "a", "");
	GF("gf-set", "a b\tc", 16, 0, " \t", "a", "b", "c");
	GF("gf-max-rest", "a,b,c,d", 2, 0, ",", "a", "b,c,d");
	GF("gf-multi-max-rest", " a  b  c ", 2, 1, " ", "a", "b  c ");
	GF("gf-utf-sep", "x☺y☺z", 16, 0, "☺", "x", "y", "z");
	GF("gf-empty", "", 16, 0, ",", "");

	CLEAN("", ".");
	CLEAN(".", ".");
	CLEAN("/", "/");
	CLEAN("//a//b//", "/a/b");
	CLEAN("a/./b/.", "a/b");
	CLEAN("a/b/../c", "a/c");
	CLEAN("a/..", ".");
	CLEAN("/..", "/");
	CLEAN("/a/../..", "/");
	CLEAN("../a", "../a");
	CLEAN("../../a/..", "../..");
	CLEAN("a/../../b", "../b");
	CLEAN("/a/b/../../c/", "/c");
	CLEAN("#c/../pid", "#c/pid");
	CLEAN("#c", "#c");
	CLEAN("#X/0/../ctl", "#X/ctl");
	return checkstatus();
}
