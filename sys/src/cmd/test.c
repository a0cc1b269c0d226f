#include <u.h>
#include <libc.h>

/*
 * test expression; exit status is empty when it holds.
 *	expr:	and [-o expr]
 *	and:	prim [-a and]
 *	prim:	! prim | ( expr ) | unary arg | arg binary arg | arg
 */

static char	**args;
static int	nargs;

static int	expr(void);

static void
synbad(char *msg, char *arg)
{
	if(arg != nil)
		fprint(2, "test: %s %s\n", msg, arg);
	else
		fprint(2, "test: %s\n", msg);
	exits("bad syntax");
}

static char*
peek(int i)
{
	return i < nargs ? args[i] : nil;
}

static char*
next(void)
{
	if(nargs == 0)
		synbad("argument expected", nil);
	nargs--;
	return *args++;
}

static int
isbinary(char *s)
{
	static char *ops[] = {"=", "!=", "-eq", "-ne", "-gt", "-ge", "-lt", "-le"};
	int i;

	if(s == nil)
		return 0;
	for(i = 0; i < nelem(ops); i++)
		if(strcmp(s, ops[i]) == 0)
			return 1;
	return 0;
}

static vlong
number(char *s)
{
	char *e;
	vlong v;

	v = strtoll(s, &e, 10);
	if(e == s || *e != 0)
		synbad("bad number", s);
	return v;
}

static int
binary(char *a, char *op, char *b)
{
	vlong x, y;

	if(strcmp(op, "=") == 0)
		return strcmp(a, b) == 0;
	if(strcmp(op, "!=") == 0)
		return strcmp(a, b) != 0;
	x = number(a);
	y = number(b);
	if(strcmp(op, "-eq") == 0)
		return x == y;
	if(strcmp(op, "-ne") == 0)
		return x != y;
	if(strcmp(op, "-gt") == 0)
		return x > y;
	if(strcmp(op, "-ge") == 0)
		return x >= y;
	if(strcmp(op, "-lt") == 0)
		return x < y;
	return x <= y;
}

static int
filetest(int op, char *name)
{
	Dir *d;
	int r;

	switch(op){
	case 'r':
		return access(name, AREAD) >= 0;
	case 'w':
		return access(name, AWRITE) >= 0;
	case 'x':
		return access(name, AEXEC) >= 0;
	}
	d = dirstat(name);
	if(d == nil)
		return 0;
	switch(op){
	case 'f':
		r = (d->qid.type & QTDIR) == 0;
		break;
	case 'd':
		r = (d->qid.type & QTDIR) != 0;
		break;
	case 's':
		r = d->length > 0;
		break;
	default:
		r = 1;
		break;
	}
	free(d);
	return r;
}

static int
prim(void)
{
	char *a, *op;
	int r;

	a = next();
	if(isbinary(peek(0)) && peek(1) != nil){
		op = next();
		return binary(a, op, next());
	}
	if(strcmp(a, "!") == 0)
		return !prim();
	if(strcmp(a, "(") == 0){
		r = expr();
		if(peek(0) == nil || strcmp(next(), ")") != 0)
			synbad(") expected", nil);
		return r;
	}
	if(a[0] == '-' && a[1] != 0 && a[2] == 0 && strchr("efdrwxszn", a[1]) != nil && peek(0) != nil){
		switch(a[1]){
		case 'z':
			return *next() == 0;
		case 'n':
			return *next() != 0;
		default:
			return filetest(a[1], next());
		}
	}
	return *a != 0;
}

static int
and(void)
{
	int r;

	r = prim();
	if(peek(0) != nil && strcmp(peek(0), "-a") == 0){
		next();
		return and() && r;
	}
	return r;
}

static int
expr(void)
{
	int r;

	r = and();
	if(peek(0) != nil && strcmp(peek(0), "-o") == 0){
		next();
		return expr() || r;
	}
	return r;
}

void
main(int argc, char *argv[])
{
	int r;

	args = argv+1;
	nargs = argc-1;
	if(nargs == 0)
		exits("false");
	r = expr();
	if(nargs != 0)
		synbad("unexpected argument", args[0]);
	exits(r ? nil : "false");
}
