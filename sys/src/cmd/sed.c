#include <u.h>
#include <libc.h>
#include <bio.h>
#include <regexp.h>

/*
 * A stream editor: commands s p d q =, each with up to two
 * addresses (line number, $, /re/) and an optional !.
 */

enum
{
	Anone,
	Aline,
	Alast,
	Are,
};

typedef struct Addr Addr;
typedef struct Cmd Cmd;
typedef struct Buf Buf;

struct Addr
{
	int	type;
	long	line;
	Reprog	*re;
};

struct Cmd
{
	Addr	a1;
	Addr	a2;
	int	negate;
	int	active;	/* inside the range a1,a2 */
	int	op;

	Reprog	*re;	/* s */
	char	*rhs;
	int	nref;	/* & and \ in rhs: bounds the replacement */
	int	global;
	int	nth;
	int	print;
};

struct Buf
{
	char	*s;
	long	n;
	long	max;
};

static Cmd	*cmds;
static int	ncmds;
static Reprog	*lastre;
static int	nflag;
static long	lineno;
static int	lastline;
static Biobuf	bout;

static char	**files;
static int	nfiles;
static Biobuf	*in;
static Biobuf	bin;

static void
usage(void)
{
	fprint(2, "usage: sed [-n] [-e script] ... [script] [file ...]\n");
	exits("usage");
}

void
regerror(char *msg)
{
	sysfatal("bad regular expression: %s", msg);
}

static void*
emalloc(ulong n)
{
	void *p;

	p = malloc(n);
	if(p == nil)
		sysfatal("no memory");
	return p;
}

static void
append(Buf *b, char *s, long n)
{
	if(b->n + n + 1 > b->max){
		b->max = 2*(b->n + n) + 64;
		b->s = realloc(b->s, b->max);
		if(b->s == nil)
			sysfatal("no memory");
	}
	memmove(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

static char*
skipspace(char *s)
{
	while(*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * The text up to an unescaped delim, with \delim unescaped.
 * In replacements \n is a newline; other escapes are left for
 * regcomp or regsub.
 */
static char*
delimited(char **sp, int delim, int isrhs)
{
	Buf b;
	char *s, nl;

	memset(&b, 0, sizeof b);
	append(&b, "", 0);
	nl = '\n';
	for(s = *sp; *s != delim; s++){
		if(*s == 0 || (*s == '\n' && !isrhs))
			sysfatal("unterminated expression: %s", *sp);
		if(*s == '\\' && s[1] == delim)
			s++;
		else if(*s == '\\' && s[1] == 'n' && isrhs){
			s++;
			append(&b, &nl, 1);
			continue;
		}else if(*s == '\\' && s[1] != 0)
			append(&b, s++, 1);
		append(&b, s, 1);
	}
	*sp = s+1;
	return b.s;
}

/* an empty expression repeats the last one */
static Reprog*
compile(char *re)
{
	if(*re == 0){
		if(lastre == nil)
			sysfatal("no previous regular expression");
		return lastre;
	}
	lastre = regcomp(re);
	return lastre;
}

static char*
address(char *s, Addr *a)
{
	char *e;

	a->type = Anone;
	if(*s >= '0' && *s <= '9'){
		a->type = Aline;
		a->line = strtol(s, &e, 10);
		return e;
	}
	if(*s == '$'){
		a->type = Alast;
		return s+1;
	}
	if(*s == '/'){
		s++;
		a->type = Are;
		a->re = compile(delimited(&s, '/', 0));
	}
	return s;
}

static char*
subst(char *s, Cmd *c)
{
	int delim;
	char *p;

	delim = *s++;
	if(delim == 0 || delim == '\n' || delim == '\\')
		sysfatal("bad delimiter in s command");
	c->re = compile(delimited(&s, delim, 0));
	c->rhs = delimited(&s, delim, 1);
	for(p = c->rhs; *p != 0; p++)
		if(*p == '&' || *p == '\\')
			c->nref++;
	c->nth = 1;
	for(;;){
		if(*s == 'g'){
			c->global = 1;
			s++;
		}else if(*s == 'p'){
			c->print = 1;
			s++;
		}else if(*s >= '1' && *s <= '9')
			c->nth = strtol(s, &s, 10);
		else
			return s;
	}
}

static void
parse(char *s)
{
	Cmd *c;

	for(;;){
		while(*s == ' ' || *s == '\t' || *s == '\n' || *s == ';')
			s++;
		if(*s == 0)
			return;
		cmds = realloc(cmds, (ncmds+1)*sizeof(Cmd));
		if(cmds == nil)
			sysfatal("no memory");
		c = &cmds[ncmds++];
		memset(c, 0, sizeof *c);
		s = address(s, &c->a1);
		if(c->a1.type != Anone && *s == ','){
			s = address(s+1, &c->a2);
			if(c->a2.type == Anone)
				sysfatal("missing address after ,");
		}
		s = skipspace(s);
		if(*s == '!'){
			c->negate = 1;
			s = skipspace(s+1);
		}
		c->op = *s++;
		switch(c->op){
		case 'p':
		case 'd':
		case 'q':
		case '=':
			break;
		case 's':
			s = subst(s, c);
			break;
		case 0:
			sysfatal("missing command");
		default:
			sysfatal("unknown command: %c", c->op);
		}
		s = skipspace(s);
		if(*s != 0 && *s != ';' && *s != '\n')
			sysfatal("extra characters after command: %s", s);
	}
}

static int
matchaddr(Addr *a, char *ps)
{
	switch(a->type){
	case Aline:
		return lineno == a->line;
	case Alast:
		return lastline;
	case Are:
		return regexec(a->re, ps, nil, 0);
	}
	return 1;
}

static int
selected(Cmd *c, char *ps)
{
	int sel;

	if(c->a2.type == Anone)
		sel = matchaddr(&c->a1, ps);
	else if(c->active){
		sel = 1;
		if(c->a2.type == Aline ? lineno >= c->a2.line : matchaddr(&c->a2, ps))
			c->active = 0;
	}else if(matchaddr(&c->a1, ps)){
		sel = 1;
		c->active = !(c->a2.type == Aline && c->a2.line <= lineno);
	}else
		sel = 0;
	return sel ^ c->negate;
}

/* replace matches of c->re in ps; returns whether any was replaced */
static int
substitute(Cmd *c, char **ps)
{
	Resub m[NSUBEXP];
	Buf out;
	char *pos, *lastend, *rep;
	long count, replen;
	int w, done;
	Rune r;

	memset(&out, 0, sizeof out);
	append(&out, "", 0);
	replen = strlen(c->rhs) + c->nref*strlen(*ps) + 1;
	rep = emalloc(replen);
	pos = *ps;
	lastend = nil;
	count = 0;
	done = 0;
	for(;;){
		memset(m, 0, sizeof m);
		m[0].sp = pos;
		if(!regexec(c->re, *ps, m, NSUBEXP))
			break;
		if(m[0].sp == m[0].ep && m[0].sp == lastend){
			/* no empty match right after a match */
			if(*pos == 0)
				break;
			w = chartorune(&r, pos);
			append(&out, pos, w);
			pos += w;
			continue;
		}
		count++;
		append(&out, pos, m[0].sp - pos);
		if(count == c->nth || (c->global && count > c->nth)){
			regsub(c->rhs, rep, replen, m, NSUBEXP);
			append(&out, rep, strlen(rep));
			done = 1;
		}else
			append(&out, m[0].sp, m[0].ep - m[0].sp);
		pos = lastend = m[0].ep;
		if(m[0].sp == m[0].ep){
			if(*pos == 0)
				break;
			w = chartorune(&r, pos);
			append(&out, pos, w);
			pos += w;
		}
		if(!c->global && count >= c->nth)
			break;
	}
	free(rep);
	if(!done){
		free(out.s);
		return 0;
	}
	append(&out, pos, strlen(pos));
	free(*ps);
	*ps = out.s;
	return 1;
}

/* the next input line, from the files in turn */
static char*
readline(void)
{
	char *s;

	for(;;){
		if(in != nil && (s = Brdstr(in, '\n', 1)) != nil)
			return s;
		if(in != nil && in != &bin)
			Bterm(in);
		in = nil;
		if(nfiles == 0)
			return nil;
		in = Bopen(files[0], OREAD);
		if(in == nil)
			fprint(2, "sed: can't open %s: %r\n", files[0]);
		files++;
		nfiles--;
	}
}

static void
run(void)
{
	char *ps, *next;
	Cmd *c;
	int deleted;

	next = readline();
	while((ps = next) != nil){
		next = readline();
		lastline = next == nil;
		lineno++;
		deleted = 0;
		for(c = cmds; c < cmds+ncmds && !deleted; c++){
			if(!selected(c, ps))
				continue;
			switch(c->op){
			case 'p':
				Bprint(&bout, "%s\n", ps);
				break;
			case 'd':
				deleted = 1;
				break;
			case 'q':
				if(!nflag)
					Bprint(&bout, "%s\n", ps);
				Bflush(&bout);
				exits(nil);
			case '=':
				Bprint(&bout, "%ld\n", lineno);
				break;
			case 's':
				if(substitute(c, &ps) && c->print)
					Bprint(&bout, "%s\n", ps);
				break;
			}
		}
		if(!deleted && !nflag)
			Bprint(&bout, "%s\n", ps);
		free(ps);
	}
}

void
main(int argc, char *argv[])
{
	char *script, *s;

	script = nil;
	ARGBEGIN{
	case 'n':
		nflag = 1;
		break;
	case 'e':
		s = EARGF(usage());
		script = script == nil ? smprint("%s", s) : smprint("%s\n%s", script, s);
		if(script == nil)
			sysfatal("no memory");
		break;
	default:
		usage();
	}ARGEND

	if(script == nil){
		if(argc == 0)
			usage();
		script = argv[0];
		argc--;
		argv++;
	}
	parse(script);

	Binit(&bout, 1, OWRITE);
	files = argv;
	nfiles = argc;
	if(argc == 0){
		Binit(&bin, 0, OREAD);
		in = &bin;
	}
	run();
	Bflush(&bout);
	exits(nil);
}
