/*
 * Smoke test of the whole shell: rc, built for Linux through
 * posix/, runs scripts in a scratch directory; each script's
 * output (stdout and stderr together) must be as expected.
 * Usage: smoketest path-to-rc
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

typedef struct Case Case;
struct Case
{
	char	*name;
	char	*flags;		/* options before -c, or nil */
	char	*script;
	char	*want;
};

static Case cases[] = {
	{"echo", NULL, "echo hello", "hello\n"},
	{"quote", NULL, "echo 'it''s'", "it's\n"},
	{"equals", NULL, "echo a=b", "a=b\n"},
	{"subscript", NULL, "x=(a b c); echo $x(2) $#x $x(2-3) $x(2-)", "b 3 b c b c\n"},
	{"flatten", NULL, "x=(a b c); y=$\"x; echo $#y $y", "1 a b c\n"},
	{"concat", NULL, "x=(a b); echo $x^.c (a b)^(1 2)", "a.c b.c a1 b2\n"},
	{"freecaret", NULL, "x=foo; echo $x.c", "foo.c\n"},
	{"nullconcat", NULL, "x=(); echo a^$x; echo after", "rc: null list in concatenation\n"},
	{"backquote", NULL, "x=`{echo a b c}; echo $#x $x(3)", "3 c\n"},
	{"ifs", NULL, "ifs=:; x=`{echo a:b:c}; echo $#x", "3\n"},
	{"pipe", NULL, "echo hi | tr a-z A-Z", "HI\n"},
	{"pipestatus", NULL, "false | true; echo $status", "exit 1|\n"},
	{"andor", NULL, "true && echo yes; false || echo no; ! false && echo bang", "yes\nno\nbang\n"},
	{"ifnot", NULL, "if(false) echo a\nif not echo b", "b\n"},
	{"for", NULL, "for(i in 1 2 3) echo $i", "1\n2\n3\n"},
	{"forargs", NULL, "*=(x y); for(i) echo $i", "x\ny\n"},
	{"while", NULL, "x=(); while(! ~ $#x 3) x=($x a); echo $#x", "3\n"},
	{"switch", NULL, "x=foo.c; switch($x){case *.h; echo h; case *.c; echo c; case *; echo other}", "c\n"},
	{"fn", NULL, "fn f {echo $#* $1}; f a b", "2 a\n"},
	{"fnlocalstar", NULL, "*=(top); fn f {echo $*}; f a; echo $*", "a\ntop\n"},
	{"fndelete", NULL, "fn f {echo x}; fn f; f", "rc: f: No such file or directory\n"},
	{"whatisfn", NULL, "fn f {echo $*; ls | wc}; whatis f", "fn f {echo $*; ls | wc}\n"},
	{"whatisvar", NULL, "x=(a 'b c'); y=z; whatis x y cd", "x=(a 'b c')\ny=z\nbuiltin cd\n"},
	{"match", NULL, "~ abc a*; echo $status; ~ abc b* '*'; echo $status", "\nno match\n"},
	{"redirect", NULL, "echo hi >f; echo there >>f; cat <f", "hi\nthere\n"},
	{"redirbrace", NULL, "{echo a; echo b} >f; cat f", "a\nb\n"},
	{"redirdup", NULL, "{echo err >[1=2]} >[2]e; cat e", "err\n"},
	{"redirstderr", NULL, "cat nonexistent >[2]/dev/null; echo $status", "exit 1\n"},
	{"redirfail", NULL, "cat <nonexistent; echo no", "rc: can't open nonexistent: No such file or directory\n"},
	{"pipestderr", NULL, "{echo out; echo err >[1=2]} |[2] tr a-z A-Z", "out\nERR\n"},
	{"glob", NULL, "echo *.c; echo [ab].c ?.h; echo '*.c' *.x", "a.c b.c\na.c b.c d.h\n*.c *.x\n"},
	{"globdir", NULL, "echo */*.c s*/x.?", "sub/x.c sub/x.c\n"},
	{"cd", NULL, "cd sub; echo *", "x.c\n"},
	{"shift", NULL, "*=(a b c); shift; echo $*; shift 2; echo $#*", "b c\n0\n"},
	{"eval", NULL, "x='echo evaled'; eval $x", "evaled\n"},
	{"exit", NULL, "exit; echo no", ""},
	{"flag", NULL, "flag z; echo $status; flag z +; flag z; echo $status", "flag not set\n\n"},
	{"trace", "-x", "x=a; echo $x", "echo a\na\n"},
	{"eflag", "-e", "if(false) echo no; echo yes; false; echo no", "yes\n"},
	{"background", NULL, "{echo bg} & wait; echo done", "bg\ndone\n"},
	{"apid", NULL, "true & ~ $apid [0-9]*; echo $status", "\n"},
	{"localassign", NULL, "x=1; x=2 echo $x; echo $x", "2\n1\n"},
	{"syntaxerror", NULL, "echo (", "rc: -c:1: syntax error near end of file\n"},
	{"dot", NULL, ". ./inc.rc a b; echo $y", "included 2\nincluded\n"},
	{"nopath", NULL, "path=(); ls", "rc: ls: not found\n"},
	{"exec", NULL, "exec echo replaced; echo no", "replaced\n"},
	{"subshell", NULL, "x=1; @{x=2; echo $x}; echo $x", "2\n1\n"},
	{"script", NULL, "./s.rc a b", "./s.rc a 2\n"},
	{"status", NULL, "false; echo $status; true; echo $status", "exit 1\n\n"},
	{"nested", NULL, "fn count {echo $#*}; count `{for(i in a b c) echo $i}", "3\n"},
};

static char scratch[] = "/tmp/rcsmokeXXXXXX";

static void
writefile(char *name, char *s, int mode)
{
	FILE *f;

	f = fopen(name, "w");
	if(f == NULL){
		perror(name);
		exit(1);
	}
	fputs(s, f);
	fclose(f);
	chmod(name, mode);
}

static void
setup(char *rc)
{
	char *script;

	if(mkdtemp(scratch) == NULL || chdir(scratch) < 0){
		perror("scratch directory");
		exit(1);
	}
	writefile("a.c", "", 0644);
	writefile("b.c", "", 0644);
	writefile("d.h", "", 0644);
	mkdir("sub", 0755);
	writefile("sub/x.c", "", 0644);
	writefile("inc.rc", "y=included\necho $y $#*\n", 0644);
	if(asprintf(&script, "#!%s\necho $0 $1 $#*\n", rc) < 0)
		exit(1);
	writefile("s.rc", script, 0755);
	free(script);
}

/* rc's output for a case: stdout and stderr together. */
static char*
run(char *rc, Case *c)
{
	char *argv[6], *out;
	int pfd[2], pid, argc, status;
	size_t n;
	ssize_t r;
	FILE *f;
	char buf[512];

	if(pipe(pfd) < 0)
		return strdup("pipe failed");
	argc = 0;
	argv[argc++] = rc;
	if(c->flags != NULL)
		argv[argc++] = c->flags;
	argv[argc++] = "-c";
	argv[argc++] = c->script;
	argv[argc] = NULL;
	pid = fork();
	if(pid == 0){
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		close(pfd[0]);
		close(pfd[1]);
		execv(rc, argv);
		_exit(127);
	}
	close(pfd[1]);
	f = open_memstream(&out, &n);
	while((r = read(pfd[0], buf, sizeof buf)) > 0)
		fwrite(buf, 1, r, f);
	fclose(f);
	close(pfd[0]);
	waitpid(pid, &status, 0);
	return out;
}

int
main(int argc, char **argv)
{
	char *out, rc[4096];
	int i;

	if(argc != 2 || realpath(argv[1], rc) == NULL){
		fprintf(stderr, "usage: smoketest rc\n");
		return 1;
	}
	setup(rc);
	for(i = 0; i < sizeof cases/sizeof cases[0]; i++){
		out = run(rc, &cases[i]);
		check(cases[i].name, strcmp(out, cases[i].want) == 0, "got <%s> want <%s>", out, cases[i].want);
		free(out);
	}
	if(chdir("/") == 0 && asprintf(&out, "rm -rf %s", scratch) >= 0){
		if(system(out) != 0)
			fprintf(stderr, "smoketest: can't remove %s\n", scratch);
		free(out);
	}
	return checkstatus();
}
