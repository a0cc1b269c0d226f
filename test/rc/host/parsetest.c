/*
 * Parser tests: each input is parsed line by line and printed back
 * in canonical form; the result must match, and must itself parse
 * back to the same text. Bad input must give the expected message.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "check.h"

typedef struct Case Case;
struct Case
{
	char	*name;
	char	*in;
	char	*out;	/* canonical form, lines separated by \n */
};

static Case good[] = {
	/* words and quoting */
	{"quote", "echo 'it''s'", "echo 'it''s'"},
	{"quotejoin", "echo a'b'c", "echo a^'b'^c"},
	{"emptyquote", "echo ''", "echo ''"},
	{"dquote", "echo \"hi\"", "echo \"hi\""},
	{"comment", "echo a#comment", "echo a"},
	{"commentline", "# nothing here", ""},
	{"backslashnewline", "echo a\\\n b", "echo a b"},
	{"backslash", "echo a\\b", "echo a\\b"},
	{"keywordargs", "echo if for in not while fn", "echo if for in not while fn"},
	{"quotedkeyword", "'if' x", "'if' x"},
	{"bangword", "!a", "!a"},

	/* variables */
	{"vars", "echo $x $#x $\"x $x(2) $x(2-3) $x(3-)", "echo $x $#x $\"x $x(2) $x(2-3) $x(3-)"},
	{"subspace", "echo $x (2)", "echo $x (2)"},
	{"indirect", "echo $$x", "echo $$x"},
	{"freecaretvar", "echo $x.c", "echo $x^.c"},
	{"freecaretword", "echo a$x", "echo a^$x"},
	{"freecaretbq", "echo a`{ls}", "echo a^`{ls}"},
	{"nocaretaftersub", "echo $x(1)y", "echo $x(1) y"},
	{"star", "echo $* $1 $#*", "echo $* $1 $#*"},
	{"quotedname", "echo $'a b'", "echo $'a b'"},
	{"varcommand", "$cmd arg", "$cmd arg"},

	/* concatenation */
	{"caret", "echo a^b c ^ d", "echo a^b c^d"},
	{"cflags", "cc -c $files.c", "cc -c $files^.c"},
	{"listcaret", "echo (a b)^(c d)", "echo (a b)^(c d)"},
	{"equalsword", "echo a=b = c", "echo a^=^b = c"},
	{"backquote", "echo `{ls | wc}^.x", "echo `{ls | wc}^.x"},
	{"globs", "ls *.c [a-z]? '*'", "ls *.c [a-z]? '*'"},

	/* redirections */
	{"redirout", "echo hi >f", "echo hi >f"},
	{"redirprefix", ">f echo hi", "echo hi >f"},
	{"redirinappend", "cat <f >>g", "cat <f >>g"},
	{"redirrdwr", "cat <>f", "cat <>f"},
	{"redirfd", "cmd >[2]err <[3]in >[1]out", "cmd >[2]err <[3]in >out"},
	{"redirdup", "cmd >[2=1] >[3=]", "cmd >[2=1] >[3=]"},
	{"redirmiddle", "echo >f hi", "echo hi >f"},
	{"redirbrace", "{a; b} >f", "{a; b} >f"},
	{"redirbraceprefix", ">f {a}", "{a} >f"},
	{"redironly", ">f", ">f"},
	{"redirif", ">f if(x) y", ">f if(x) y"},
	{"redirpipe", ">f a | b", ">f a | b"},
	{"redirtwo", ">f echo >g hi", ">f echo hi >g"},

	/* pipes */
	{"pipe", "a | b | c", "a | b | c"},
	{"pipestderr", "a |[2] b", "a |[2] b"},
	{"pipefds", "a |[1=2] b |[2=0] c", "a |[1=2] b |[2] c"},
	{"pipenewline", "a |\n b", "a | b"},

	/* && || ! @ */
	{"andor", "a && b || c", "a && b || c"},
	{"andtight", "a&&b", "a && b"},
	{"andnewline", "a &&\n\nb", "a && b"},
	{"bangpipe", "! a | b", "! a | b"},
	{"bangand", "! a && b", "! a && b"},
	{"subshell", "@{cd /; ls}", "@ {cd /; ls}"},
	{"subshellpipe", "@ a | b", "@ a | b"},

	/* if */
	{"if", "if(test -f x) echo yes", "if(test -f x) echo yes"},
	{"ifnot", "if not echo no", "if not echo no"},
	{"ifnewline", "if(a)\n\tb", "if(a) b"},
	{"ifbody", "if(a; b) {c; d}", "if(a; b) {c; d}"},
	{"ifand", "if(x) a && b", "if(x) a && b"},
	{"ifmatch", "if(~ $1 -v) { shift; v=1 }", "if(~ $1 -v) {shift; v=1}"},
	{"ifthenifnot", "if(x) y\nif not z", "if(x) y\nif not z"},

	/* for, while */
	{"for", "for(i in a b c) echo $i", "for(i in a b c) echo $i"},
	{"forargs", "for(i) echo $i", "for(i) echo $i"},
	{"forempty", "for(i in) echo", "for(i in) echo"},
	{"forlines", "for(i in a\nb)\n\tx", "for(i in a b) x"},
	{"while", "while(true) sleep 1", "while(true) sleep 1"},
	{"whilebrace", "while(~ $#x 0) {x=1}", "while(~ $#x 0) {x=1}"},

	/* switch */
	{"switch", "switch($x){\ncase a\n\techo a\ncase b c\n\techo bc; echo more\ncase *\n\techo other\n}",
		"switch($x){case a; echo a; case b c; echo bc; echo more; case *; echo other}"},
	{"switchword", "switch $x {case a; x &\ncase b}", "switch $x{case a; x & case b}"},
	{"switchnl", "switch($x)\n{case a}", "switch($x){case a}"},

	/* functions */
	{"fn", "fn f {echo $*}", "fn f {echo $*}"},
	{"fndelete", "fn f", "fn f"},
	{"fnnames", "fn a b {x}", "fn a b {x}"},
	{"fnlines", "fn f {\n\techo a\n\techo b\n}", "fn f {echo a; echo b}"},
	{"fnempty", "fn f {}", "fn f {}"},

	/* ~ */
	{"match", "~ $x *.c *.h", "~ $x *.c *.h"},
	{"matchquoted", "~ $x '*'", "~ $x '*'"},

	/* assignment */
	{"assign", "x=1", "x=1"},
	{"assignlist", "x=(a b c)", "x=(a b c)"},
	{"assignempty", "x=()", "x=()"},
	{"assignspaces", "x = 1", "x=1"},
	{"assignlocal", "x=1 y=2 cmd", "x=1 y=2 cmd"},
	{"assignequals", "x=a=b", "x=a^=^b"},
	{"assignpath", "path=(. /bin) cmd", "path=(. /bin) cmd"},
	{"assignbq", "x=`{echo $y}", "x=`{echo $y}"},
	{"assignpipe", "x=1 a | b", "x=1 a | b"},

	/* sequences */
	{"bg", "a & b", "a & b"},
	{"bglast", "a &", "a &"},
	{"bgtwo", "a & b &", "a & b &"},
	{"semicolon", "a; b;", "a; b"},
	{"lines", "a\nb\n\nc", "a\nb\n\nc"},
	{"nested", "{a & {b; c} | d}", "{a & {b; c} | d}"},
};

typedef struct Bad Bad;
struct Bad
{
	char	*name;
	char	*in;
	char	*err;
};

static Bad bad[] = {
	{"badlist", "echo (a b", "test:1: syntax error near end of file"},
	{"badif", "if(x", "test:1: syntax error near end of file"},
	{"badbrace", "echo }", "test:1: syntax error near }"},
	{"badand", "a && && b", "test:1: syntax error near &&"},
	{"badleadpipe", "| a", "test:1: syntax error near |"},
	{"badquote", "echo 'abc", "test:1: syntax error: end of file in quoted string"},
	{"badredirfd", "cmd >[x]f", "test:1: syntax error: bad redirection"},
	{"badredirtarget", "a >", "test:1: syntax error near end of file"},
	{"badappenddup", "a >>[2=1]", "test:1: syntax error: bad redirection"},
	{"badpipe", "a |[2=] b", "test:1: syntax error: bad pipe"},
	{"badswitch", "switch(x){echo a}", "test:1: syntax error: switch body must begin with case"},
	{"badline2", "a\nb )", "test:2: syntax error near )"},
	{"badassign", "x=\n", "test:1: syntax error near newline"},
	{"badfor", "for i in a", "test:1: syntax error near i"},
	{"badfn", "fn {x}", "test:1: syntax error near {"},
	{"baddollar", "echo $", "test:1: syntax error near end of file"},
	{"badcaret", "echo a ^", "test:1: syntax error near end of file"},
	{"badmatch", "~", "test:1: syntax error near end of file"},
	{"badbackquote", "echo `ls", "test:1: syntax error near ls"},
	{"badquotedtoken", "for(x 'y')", "test:1: syntax error near 'y'"},
	{"badmultiline", "fn f {\n\techo a\n\techo (b\n", "test:4: syntax error near end of file"},
};

/* Parse all of s; the canonical lines, or nil with *err set. */
static char*
canonical(char *s, char **err)
{
	Input in;
	Parser p;
	Tree *t;
	Str out;
	int first;

	stringinput(&in, s, "test");
	parseinit(&p, &in);
	strinit(&out);
	*err = nil;
	for(first = 1; ; first = 0){
		t = parseline(&p);
		if(p.err != nil){
			freetree(t);
			*err = strdup(p.err);
			parsefree(&p);
			free(strfinish(&out));
			return nil;
		}
		if(p.tok.type == Eof && t == nil && !first)
			break;
		if(!first)
			straddc(&out, '\n');
		deparseseq(&out, t);
		freetree(t);
		if(p.tok.type == Eof)
			break;
	}
	parsefree(&p);
	return strfinish(&out);
}

static void
testgood(Case *c)
{
	char *out, *again, *err;

	out = canonical(c->in, &err);
	if(out == nil){
		check(c->name, 0, "%s", err);
		free(err);
		return;
	}
	if(strcmp(out, c->out) != 0){
		check(c->name, 0, "got <%s> want <%s>", out, c->out);
		free(out);
		return;
	}
	again = canonical(out, &err);
	if(again == nil){
		check(c->name, 0, "canonical form does not parse: %s", err);
		free(err);
	}else{
		check(c->name, strcmp(again, out) == 0, "reparsed as <%s>", again);
		free(again);
	}
	free(out);
}

static void
testbad(Bad *b)
{
	char *out, *err;

	out = canonical(b->in, &err);
	if(out != nil){
		check(b->name, 0, "parsed as <%s>", out);
		free(out);
		return;
	}
	check(b->name, strcmp(err, b->err) == 0, "got <%s> want <%s>", err, b->err);
	free(err);
}

/* An interactive-style input handing out one line per read. */
static char **feedlines;
static int nfills;

static int
feed(Input *in)
{
	if(*feedlines == nil)
		return 0;
	in->buf = *feedlines++;
	in->n = strlen(in->buf);
	in->pos = 0;
	nfills++;
	return in->n;
}

static void
feedinput(Input *in, char **lines)
{
	stringinput(in, "", nil);
	in->fill = feed;
	feedlines = lines;
	nfills = 0;
}

/* A complete line must be parsed without reading the next: it runs before more is typed. */
static void
testnoreadahead(void)
{
	static char *lines[] = {"echo a\n", "echo b\n", nil};
	Input in;
	Parser p;
	Tree *t;
	Str s;
	char *out;

	feedinput(&in, lines);
	parseinit(&p, &in);
	t = parseline(&p);
	strinit(&s);
	deparseseq(&s, t);
	out = strfinish(&s);
	check("noreadahead", strcmp(out, "echo a") == 0 && nfills == 1,
		"parsed <%s> after %d reads", out, nfills);
	free(out);
	freetree(t);
	parsefree(&p);
}

/* An unfinished command reads on, marking the input as continuing for the second prompt. */
static void
testcontinuation(void)
{
	static char *lines[] = {"if(x)\n", "y\n", nil};
	Input in;
	Parser p;
	Tree *t;
	Str s;
	char *out;
	int contbefore;

	feedinput(&in, lines);
	parseinit(&p, &in);
	contbefore = in.continuing;
	t = parseline(&p);
	strinit(&s);
	deparseseq(&s, t);
	out = strfinish(&s);
	check("continuation", strcmp(out, "if(x) y") == 0 && nfills == 2 && !contbefore && in.continuing,
		"parsed <%s> after %d reads", out, nfills);
	free(out);
	freetree(t);
	parsefree(&p);
}

/* After an error in the middle of a line, skipline discards the rest but not the next line. */
static void
testskipline(void)
{
	static char *lines[] = {"echo ) junk\n", "echo ok\n", nil};
	Input in;
	Parser p;
	Tree *t;
	Str s;
	char *out;
	int failed;

	feedinput(&in, lines);
	parseinit(&p, &in);
	t = parseline(&p);
	failed = p.err != nil;
	freetree(t);
	parsefree(&p);
	skipline(&in);
	parseinit(&p, &in);
	t = parseline(&p);
	strinit(&s);
	deparseseq(&s, t);
	out = strfinish(&s);
	check("skipline", failed && p.err == nil && strcmp(out, "echo ok") == 0,
		"error %d, then <%s>", failed, out);
	free(out);
	freetree(t);
	parsefree(&p);
}

/* The tree's fields, not just its printing: a few spot checks. */
static void
testshape(void)
{
	Input in;
	Parser p;
	Tree *t;

	stringinput(&in, "a |[2] b >[2=1] && ~ x *", "test");
	parseinit(&p, &in);
	t = parseline(&p);
	check("shape", t != nil && t->type == Tand
		&& t->kid[0]->type == Tpipe && t->kid[0]->fd[0] == 2 && t->kid[0]->fd[1] == 0
		&& t->kid[0]->kid[1]->type == Tredirect
		&& t->kid[0]->kid[1]->kid[1]->type == Tdup
		&& t->kid[0]->kid[1]->kid[1]->fd[0] == 2 && t->kid[0]->kid[1]->kid[1]->fd[1] == 1
		&& t->kid[1]->type == Tmatch && !t->kid[1]->kid[1]->quoted,
		"unexpected tree");
	freetree(t);
	parsefree(&p);

	stringinput(&in, "x=1 cmd; '*'", "test");
	parseinit(&p, &in);
	t = parseline(&p);
	check("shapeassign", t != nil && t->type == Tassign && t->kid[2] != nil && t->kid[2]->type == Tsimple
		&& t->next != nil && t->next->type == Tsimple && t->next->kid[0]->quoted,
		"unexpected tree");
	freetree(t);
	parsefree(&p);
}

/* copytree must give an identical, independent tree. */
static void
testcopy(void)
{
	Input in;
	Parser p;
	Tree *t, *c;
	Str a, b;
	char *sa, *sb;

	stringinput(&in, "fn f {switch($1){case a*; x=`{ls} >[2]/dev/null; case *; for(i) echo $i(1)}}", "test");
	parseinit(&p, &in);
	t = parseline(&p);
	c = copytree(t);
	strinit(&a);
	deparseseq(&a, t);
	sa = strfinish(&a);
	freetree(t);
	strinit(&b);
	deparseseq(&b, c);
	sb = strfinish(&b);
	check("copytree", strcmp(sa, sb) == 0, "<%s> vs <%s>", sa, sb);
	free(sa);
	free(sb);
	freetree(c);
	parsefree(&p);
}

int
main(void)
{
	int i;

	for(i = 0; i < nelem(good); i++)
		testgood(&good[i]);
	for(i = 0; i < nelem(bad); i++)
		testbad(&bad[i]);
	testnoreadahead();
	testcontinuation();
	testskipline();
	testshape();
	testcopy();
	return checkstatus();
}
