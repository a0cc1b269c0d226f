#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/* The lexer: characters from an Input into Tokens. */

/* characters that end an unquoted word */
static char notword[] = "\n \t#;&|^$=`'{}()<>";

int
wordchr(int c)
{
	return c != Eof && (c >= Runeself || strchr(notword, c) == nil);
}

/* characters of a variable name after $ */
int
idchr(int c)
{
	return c >= Runeself || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		|| (c >= '0' && c <= '9') || c == '_' || c == '*';
}

void
stringinput(Input *in, char *s, char *name)
{
	memset(in, 0, sizeof *in);
	in->buf = s;
	in->n = strlen(s);
	in->fd = -1;
	in->name = name;
	in->line = 1;
	in->lastc = '\n';
}

static int
peekc(Input *in)
{
	if(in->pos >= in->n && (in->fill == nil || in->fill(in) <= 0))
		return Eof;
	return (uchar)in->buf[in->pos];
}

/* the character after the next, if already read */
static int
peek2(Input *in)
{
	if(in->pos+1 >= in->n)
		return Eof;
	return (uchar)in->buf[in->pos+1];
}

static int
nextc(Input *in)
{
	int c;

	c = peekc(in);
	if(c == Eof)
		return Eof;
	in->pos++;
	if(c == '\n')
		in->line++;
	in->lastc = c;
	return c;
}

/* Discard the rest of the current line, as after a syntax error. */
void
skipline(Input *in)
{
	int c;

	if(in->lastc == '\n')
		return;
	do
		c = nextc(in);
	while(c != '\n' && c != Eof);
}

/* The error message "file:line: msg", or just msg at an interactive prompt. */
void
parseerror(Parser *p, char *msg, int line)
{
	Str s;

	if(p->err != nil)
		return;
	strinit(&s);
	if(p->in->name != nil){
		stradd(&s, p->in->name);
		straddc(&s, ':');
		straddint(&s, line);
		stradd(&s, ": ");
	}
	stradd(&s, msg);
	p->err = strfinish(&s);
}

static int
digits(Input *in, int *n)
{
	int any;

	*n = 0;
	for(any = 0; peekc(in) >= '0' && peekc(in) <= '9'; any = 1)
		*n = *n*10 + nextc(in) - '0';
	return any;
}

enum
{
	Nobracket,	/* none, or [n] */
	Equals,		/* [n=m] or [n=] */
	Badbracket,
};

/* The optional [n], [n=m] or [n=] after < > or |; [n=] sets fd[1] to -1. */
static int
brackets(Input *in, Token *t)
{
	int kind;

	if(peekc(in) != '[')
		return Nobracket;
	nextc(in);
	if(!digits(in, &t->fd[0]))
		return Badbracket;
	kind = Nobracket;
	if(peekc(in) == '='){
		nextc(in);
		kind = Equals;
		if(!digits(in, &t->fd[1]))
			t->fd[1] = -1;
	}
	if(nextc(in) != ']')
		return Badbracket;
	return kind;
}

static void
redirtoken(Parser *p, Token *t, int c)
{
	Input *in;

	in = p->in;
	t->type = Lredir;
	t->rtype = c == '<' ? Rread : Rwrite;
	t->fd[0] = c == '<' ? 0 : 1;
	if(c == '>' && peekc(in) == '>'){
		nextc(in);
		t->rtype = Rappend;
	}else if(c == '<' && peekc(in) == '>'){
		nextc(in);
		t->rtype = Rrdwr;
	}
	switch(brackets(in, t)){
	case Badbracket:
		parseerror(p, "syntax error: bad redirection", t->line);
		break;
	case Equals:
		if(t->rtype == Rappend || t->rtype == Rrdwr)
			parseerror(p, "syntax error: bad redirection", t->line);
		t->type = Ldup;
		break;
	}
}

static void
pipetoken(Parser *p, Token *t)
{
	t->type = Lpipe;
	t->fd[0] = 1;
	t->fd[1] = 0;
	switch(brackets(p->in, t)){
	case Badbracket:
		parseerror(p, "syntax error: bad pipe", t->line);
		break;
	case Equals:
		if(t->fd[1] < 0)
			parseerror(p, "syntax error: bad pipe", t->line);
		break;
	}
}

static void
quotedword(Parser *p, Token *t)
{
	Str s;
	int c;

	strinit(&s);
	for(;;){
		c = nextc(p->in);
		if(c == Eof){
			parseerror(p, "syntax error: end of file in quoted string", t->line);
			break;
		}
		if(c == '\''){
			if(peekc(p->in) != '\'')
				break;
			nextc(p->in);
		}
		straddc(&s, c);
	}
	t->type = Lword;
	t->quoted = 1;
	t->word = strfinish(&s);
}

static void
plainword(Parser *p, Token *t, int c, int (*inword)(int))
{
	Str s;

	strinit(&s);
	straddc(&s, c);
	while(inword(peekc(p->in)) && !(peekc(p->in) == '\\' && peek2(p->in) == '\n'))
		straddc(&s, nextc(p->in));
	t->type = Lword;
	t->word = strfinish(&s);
}

/* Read the next token into t. After an error, every token is Eof. */
void
lex(Parser *p, Token *t)
{
	Input *in;
	int c, dolname;

	in = p->in;
	memset(t, 0, sizeof *t);
	t->type = Eof;
	if(p->err != nil)
		return;
	dolname = p->dolname;
	p->dolname = 0;
	for(;;){
		t->line = in->line;
		c = nextc(in);
		if(c == ' ' || c == '\t')
			t->space = 1;
		else if(c == '\\' && peekc(in) == '\n'){
			nextc(in);
			t->space = 1;
		}else if(c == '#'){
			while(peekc(in) != '\n' && peekc(in) != Eof)
				nextc(in);
			t->space = 1;
		}else
			break;
	}
	in->continuing = 1;
	switch(c){
	case '&':
		t->type = '&';
		if(peekc(in) == '&'){
			nextc(in);
			t->type = Landand;
		}
		break;
	case '|':
		if(peekc(in) == '|'){
			nextc(in);
			t->type = Loror;
		}else
			pipetoken(p, t);
		break;
	case '<':
	case '>':
		redirtoken(p, t, c);
		break;
	case '$':
		t->type = '$';
		if(peekc(in) == '#'){
			nextc(in);
			t->type = Lcount;
		}else if(peekc(in) == '"'){
			nextc(in);
			t->type = Lflat;
		}
		p->dolname = 1;
		break;
	case '\'':
		quotedword(p, t);
		break;
	default:
		if(dolname && idchr(c))
			plainword(p, t, c, idchr);
		else if(wordchr(c))
			plainword(p, t, c, wordchr);
		else
			t->type = c;
		break;
	}
	if(p->err != nil){
		free(t->word);
		t->word = nil;
		t->type = Eof;
	}
}
