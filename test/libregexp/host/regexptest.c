#include <u.h>
#include <libc.h>
#include <regexp.h>
#include "check.h"

static char lasterr[128];

/* replaces the library's, which exits */
void
regerror(char *msg)
{
	snprintf(lasterr, sizeof lasterr, "%s", msg);
}

static void
report(char *name, char *got, char *want)
{
	check(name, strcmp(got, want) == 0, "got \"%s\", want \"%s\"", got, want);
}

/* submatches as byte offsets "sp-ep", "-" where unset; "none" for no match */
static void
render(char *buf, int n, Resub *m, char *s, int matched)
{
	int k;

	if(!matched){
		strcpy(buf, "none");
		return;
	}
	buf[0] = 0;
	for(k = 0; k < n; k++){
		if(k > 0)
			strcat(buf, " ");
		if(m[k].sp == nil)
			strcat(buf, "-");
		else
			sprintf(buf+strlen(buf), "%d-%d", (int)(m[k].sp-s), (int)(m[k].ep-s));
	}
}

static void
expectwith(char *name, Reprog *(*comp)(char*), char *re, char *s, char *want)
{
	Reprog *p;
	Resub m[NSUBEXP];
	char got[512];
	int ok;

	p = comp(re);
	if(p == nil){
		snprintf(got, sizeof got, "compile error: %s", lasterr);
		report(name, got, want);
		return;
	}
	memset(m, 0, sizeof m);
	ok = regexec(p, s, m, NSUBEXP);
	render(got, p->nsub, m, s, ok);
	report(name, got, want);
	free(p);
}

static void
expect(char *name, char *re, char *s, char *want)
{
	expectwith(name, regcomp, re, s, want);
}

static void
experr(char *name, char *re, char *want)
{
	Reprog *p;

	lasterr[0] = 0;
	p = regcomp(re);
	if(p != nil){
		report(name, "compiled", want);
		free(p);
		return;
	}
	report(name, lasterr, want);
}

static void
matching(void)
{
	expect("literal", "abc", "xabcx", "1-4");
	expect("literal-none", "abd", "xabcx", "none");
	expect("empty-re", "", "abc", "0-0");
	expect("dot", "a.c", "abc", "0-3");
	expect("dot-not-newline", "a.c", "a\nc", "none");
	expectwith("dot-newline-nl", regcompnl, "a.c", "a\nc", "0-3");
	expect("star-leftmost-empty", "a*", "baaa", "0-0");
	expect("plus", "a+", "baaa", "1-4");
	expect("quest", "ab?c", "xacx", "1-3");
	expect("quest-present", "ab?c", "xabcx", "1-4");
	expect("longest-alt", "a|ab|abc", "abcd", "0-3");
	expect("longest-concat", "(a|ab)(c|bcd)", "abcd", "0-4 0-1 1-4");
	expect("leftmost-before-longest", "b+|a", "abbb", "0-1");
	expect("escape-dot", "a\\.b", "axb a.b", "4-7");
	expect("escape-star", "a\\*", "aa*", "1-3");
	expect("escape-newline", "a\\nb", "a\nb", "0-3");
	expect("utf8-plus", "é+", "xééy", "1-5");
	expect("utf8-dot", "x.y", "xéy", "0-4");
	expectwith("literal-comp", regcomplit, "a.b*(", "axb a.b*(", "4-9");
	expectwith("literal-backslash", regcomplit, "\\n", "a\\nb", "1-3");
}

static void
submatches(void)
{
	expect("groups", "(a+)(b+)", "xaabbby", "1-6 1-3 3-6");
	expect("unset-group", "(a)|b", "b", "0-1 -");
	expect("nested", "((a)(b))c", "abc", "0-3 0-2 0-1 1-2");
	expect("greedy-first", "(a*)(a*)", "aaa", "0-3 0-3 3-3");
	expect("alt-group", "(cat|dog)s?", "hotdogs", "3-7 3-6");
	expect("star-group-last", "(ab)*", "ababx", "0-4 2-4");
	expect("empty-group", "()", "x", "0-0 0-0");
}

static void
anchors(void)
{
	expect("bol", "^abc", "abc", "0-3");
	expect("bol-none", "^abc", "xabc", "none");
	expect("bol-after-newline", "^abc", "x\nabc", "2-5");
	expect("eol", "abc$", "abc\nx", "0-3");
	expect("eol-none", "abc$", "abcx", "none");
	expect("bol-eol-empty", "^$", "", "0-0");
	expect("empty-line", "^$", "a\n\nb", "2-2");
	expect("eol-alt", "a$|b", "ab", "1-2");
}

static void
classes(void)
{
	expect("range", "[a-c]+", "xxabcd", "2-5");
	expect("set", "[xyz]+", "abzyxc", "2-5");
	expect("negated", "[^a-c]+", "abcxyz", "3-6");
	expect("negated-not-newline", "[^a]+", "b\nc", "0-1");
	expect("class-dash-end", "[a-]+", "x-a-y", "1-4");
	expect("class-dash-start", "[-a]+", "x-a-y", "1-4");
	expect("class-escaped-bracket", "[\\]]", "a]b", "1-2");
	expect("class-utf8", "[α-ω]+", "abγδε!", "2-8");
	expect("class-meta-literal", "[.*]+", "ab*.c", "2-4");
}

static void
limits(void)
{
	Reprog *p;
	Resub m[3];
	char *s, got[512];
	int ok;

	p = regcomp("(a)(b)?");
	s = "xab ab";

	memset(m, 0, sizeof m);
	m[0].sp = s+2;
	ok = regexec(p, s, m, 3);
	render(got, 3, m, s, ok);
	report("start-offset", got, "4-6 4-5 5-6");

	memset(m, 0, sizeof m);
	m[0].ep = s+2;
	ok = regexec(p, s, m, 3);
	render(got, 3, m, s, ok);
	report("end-limit", got, "1-2 1-2 -");

	memset(m, 0, sizeof m);
	ok = regexec(p, s, m, 1);
	render(got, 1, m, s, ok);
	report("fewer-submatches", got, "1-3");

	ok = regexec(p, "xyz", nil, 0);
	report("no-match-array", ok ? "match" : "none", "none");
	ok = regexec(p, "xyz ab", nil, 0);
	report("no-match-array-hit", ok ? "match" : "none", "match");
	free(p);

	p = regcomp("b");
	memset(m, 0, sizeof m);
	m[0].ep = "aab"+2;
	ok = regexec(p, m[0].ep-2, m, 1);
	report("first-rune-skip-respects-end", ok ? "match" : "none", "none");
	free(p);

	p = regcomp("^b");
	memset(m, 0, sizeof m);
	m[0].sp = "ab"+1;
	ok = regexec(p, m[0].sp-1, m, 1);
	report("bol-only-at-line-start", ok ? "match" : "none", "none");
	free(p);
}

static void
pathological(void)
{
	enum { N = 20000, K = 30 };
	char *s, re[4*K+1];
	int k;

	s = malloc(N+1);
	memset(s, 'a', N);
	s[N] = 0;
	expect("nested-star-no-match", "(a*)*b", s, "none");
	expect("alt-star-no-match", "(a|aa)*c", s, "none");
	re[0] = 0;
	for(k = 0; k < K; k++)
		strcat(re, "a?");
	for(k = 0; k < K; k++)
		strcat(re, "a");
	s[K] = 0;
	expect("optional-blowup", re, s, "0-30");
	free(s);
}

static void
substitution(void)
{
	Reprog *p;
	Resub m[NSUBEXP];
	char *s, buf[64];

	p = regcomp("([a-z]+)=([0-9]+)");
	s = "set x=42;";
	memset(m, 0, sizeof m);
	if(!regexec(p, s, m, NSUBEXP)){
		report("regsub-exec", "none", "match");
		free(p);
		return;
	}
	regsub("\\2<-\\1", buf, sizeof buf, m, NSUBEXP);
	report("regsub-numbered", buf, "42<-x");
	regsub("[&]", buf, sizeof buf, m, NSUBEXP);
	report("regsub-ampersand", buf, "[x=42]");
	regsub("\\&\\\\\\q", buf, sizeof buf, m, NSUBEXP);
	report("regsub-escapes", buf, "&\\q");
	regsub("<\\5>", buf, sizeof buf, m, NSUBEXP);
	report("regsub-unset", buf, "<>");
	regsub("\\1\\2", buf, sizeof buf, m, 2);
	report("regsub-beyond-msize", buf, "x");
	regsub("&&&", buf, 6, m, NSUBEXP);
	report("regsub-truncate", buf, "x=42x");
	free(p);
}

static void
errors(void)
{
	char re[3*NSUBEXP+1];
	int k;

	experr("unmatched-left", "(ab", "unmatched left paren");
	experr("unmatched-right", "ab)", "unmatched right paren");
	experr("missing-operand-star", "*a", "missing operand for *");
	experr("missing-operand-alt", "a|+", "missing operand for +");
	experr("missing-operand-group", "(?)", "missing operand for ?");
	experr("malformed-class", "[ab", "malformed '[]'");
	experr("reversed-range", "[z-a]", "malformed '[]'");
	re[0] = 0;
	for(k = 0; k < NSUBEXP; k++)
		strcat(re, "(a)");
	experr("too-many-subexpressions", re, "too many subexpressions");
	re[3*(NSUBEXP-1)] = 0;
	experr("max-subexpressions", re, "compiled");
}

int
main(void)
{
	matching();
	submatches();
	anchors();
	classes();
	limits();
	pathological();
	substitution();
	errors();
	return checkstatus();
}
