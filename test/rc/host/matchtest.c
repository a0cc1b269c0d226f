/* Pattern matching tests: patterns are marked as an unquoted word would be. */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "check.h"

typedef struct Case Case;
struct Case
{
	char	*subject;
	char	*pattern;
	int	quoted;		/* pattern came from a quoted word: no metacharacters */
	int	want;
};

static Case cases[] = {
	{"abc", "abc", 0, 1},
	{"abc", "abd", 0, 0},
	{"abc", "ab", 0, 0},
	{"ab", "abc", 0, 0},
	{"abc", "a*", 0, 1},
	{"abc", "*c", 0, 1},
	{"abc", "*b", 0, 0},
	{"abc", "*", 0, 1},
	{"", "*", 0, 1},
	{"", "?", 0, 0},
	{"abc", "a?c", 0, 1},
	{"ac", "a?c", 0, 0},
	{"abc", "a*b*c", 0, 1},
	{"aXbYc", "a*b*c", 0, 1},
	{"abc", "a[a-c]c", 0, 1},
	{"adc", "a[a-c]c", 0, 0},
	{"abc", "a[xb]c", 0, 1},
	{"abc", "a[~b]c", 0, 0},
	{"aXc", "a[~b]c", 0, 1},
	{"a-c", "a[x-]c", 0, 1},
	{"abc", "a[bc", 0, 0},
	{"a[bc", "a[bc", 1, 1},
	{"abc", "a*c", 1, 0},
	{"a*c", "a*c", 1, 1},
	{"a?c", "a?c", 1, 1},
	{"héllo", "h?llo", 0, 1},
	{"héllo", "h[é]llo", 0, 1},
	{"hèllo", "h[à-é]llo", 0, 1},
	{"hello", "h[à-é]llo", 0, 0},
	{"x.c", "*.[ch]", 0, 1},
	{"x.o", "*.[ch]", 0, 0},
};

static void
testmatch(Case *c, int i)
{
	char *pat, name[64];

	pat = c->quoted ? strdup(c->pattern) : markglob(c->pattern);
	snprintf(name, sizeof name, "match%d", i);
	check(name, match(c->subject, pat) == c->want, "match(%s, %s%s) should be %d",
		c->subject, c->pattern, c->quoted ? " quoted" : "", c->want);
	free(pat);
}

static void
testmarks(void)
{
	char *m;

	m = markglob("a*b?[c]");
	check("markglob", strcmp(m, "a\001*b\001?\001[c]") == 0, "got %s", m);
	unmark(m);
	check("unmark", strcmp(m, "a*b?[c]") == 0, "got %s", m);
	free(m);
}

static void
testany(void)
{
	Word *subj, *pats;

	subj = newword(strdup("x.o"), newword(strdup("y.c"), nil));
	pats = newword(markglob("*.h"), newword(markglob("x* y*"), nil));
	check("matchany", matchany(subj, pats), "'x.o y.c' should match 'x* y*'");
	freewords(pats);
	pats = newword(markglob("y.c"), nil);
	check("matchanyjoined", !matchany(subj, pats), "a word alone should not match");
	freewords(pats);
	freewords(subj);
	pats = newword(markglob(""), nil);
	check("matchanyempty", matchany(nil, pats), "no words should match ''");
	freewords(pats);
}

int
main(void)
{
	int i;

	for(i = 0; i < nelem(cases); i++)
		testmatch(&cases[i], i);
	testmarks();
	testany();
	return checkstatus();
}
