#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/*
 * A recursive-descent parser building Trees.
 * Command operators, loosest first:
 *	if, for, while: the body extends as far right as it can
 *	&& ||			left to right
 *	! @, prefix redirections and assignments
 *	|			left to right
 * After an error the lexer returns only Eof, so every
 * function finishes quickly and returns what it has built;
 * the caller frees the tree and reports p->err.
 */

enum
{
	Pandor = 1,
	Pbang,
	Ppipe,
};

static Tree	*cmd(Parser*, int);
static Tree	*seq(Parser*, int);
static Tree	*word(Parser*, int);

void
parseinit(Parser *p, Input *in)
{
	memset(p, 0, sizeof *p);
	p->in = in;
	p->tok.type = '\n';
}

void
parsefree(Parser *p)
{
	free(p->tok.word);
	p->tok.word = nil;
	free(p->err);
	p->err = nil;
}

static void
advance(Parser *p)
{
	free(p->tok.word);
	lex(p, &p->tok);
}

static char*
takeword(Parser *p)
{
	char *s;

	s = p->tok.word;
	p->tok.word = nil;
	return s;
}

static int
iskeyword(Token *t, char *kw)
{
	return t->type == Lword && !t->quoted && strcmp(t->word, kw) == 0;
}

/* Record an error and stop: the current token becomes Eof, as will all that follow. */
static void
fail(Parser *p, char *msg, int line)
{
	parseerror(p, msg, line);
	free(p->tok.word);
	p->tok.word = nil;
	p->tok.type = Eof;
}

/* A syntax error at the current token. */
static void
near(Parser *p)
{
	Token *t;
	Str s;
	char *msg;

	t = &p->tok;
	strinit(&s);
	stradd(&s, "syntax error near ");
	switch(t->type){
	case Lword:
		if(t->quoted)
			addquoted(&s, t->word);
		else
			stradd(&s, t->word);
		break;
	case Eof:
		stradd(&s, "end of file");
		break;
	case '\n':
		stradd(&s, "newline");
		break;
	case Landand:
		stradd(&s, "&&");
		break;
	case Loror:
		stradd(&s, "||");
		break;
	case Lpipe:
		stradd(&s, "|");
		break;
	case Lredir:
	case Ldup:
		stradd(&s, redirop(t->rtype));
		break;
	case Lcount:
		stradd(&s, "$#");
		break;
	case Lflat:
		stradd(&s, "$\"");
		break;
	default:
		straddc(&s, t->type);
		break;
	}
	msg = strfinish(&s);
	fail(p, msg, t->line);
	free(msg);
}

static void
expect(Parser *p, int type)
{
	if(p->tok.type != type)
		near(p);
	else
		advance(p);
}

static void
skipnl(Parser *p)
{
	while(p->tok.type == '\n')
		advance(p);
}

static int
wordstart(Parser *p, int eqok)
{
	switch(p->tok.type){
	case Lword:
	case '$':
	case Lcount:
	case Lflat:
	case '`':
	case '(':
		return 1;
	case '=':
		return eqok;
	}
	return 0;
}

/* open, commands, close: a brace or parenthesised body */
static Tree*
enclosed(Parser *p, int open, int close)
{
	Tree *body;

	expect(p, open);
	body = seq(p, close);
	expect(p, close);
	return body;
}

/* words up to end, which is consumed; newlines are allowed between them */
static Tree*
wordlist(Parser *p, int end)
{
	Tree *list, **tail, *w;

	list = nil;
	tail = &list;
	for(;;){
		skipnl(p);
		if(p->tok.type == end){
			advance(p);
			break;
		}
		w = word(p, 1);
		if(w == nil){
			near(p);
			break;
		}
		appendtree(&tail, w);
	}
	return list;
}

/*
 * One piece of a word. *endsword is set if it ended with a
 * plain word, after which an adjacent word joins on with a free caret.
 * eqok lets = be a word, as everywhere but in a command's first word.
 */
static Tree*
primary(Parser *p, int eqok, int *endsword)
{
	Tree *name;
	int type;

	*endsword = 0;
	switch(p->tok.type){
	case Lword:
		name = wordtree(takeword(p), p->tok.quoted);
		advance(p);
		*endsword = 1;
		return name;
	case '=':
		if(!eqok)
			return nil;
		advance(p);
		*endsword = 1;
		return wordtree(estrdup("="), 0);
	case '$':
	case Lcount:
	case Lflat:
		type = p->tok.type == '$' ? Tvar : p->tok.type == Lcount ? Tcount : Tflat;
		advance(p);
		name = primary(p, 0, endsword);
		if(name == nil){
			near(p);
			return nil;
		}
		if(type == Tvar && p->tok.type == '(' && !p->tok.space){
			advance(p);
			*endsword = 0;
			return newtree(Tsub, name, wordlist(p, ')'), nil);
		}
		return newtree(type, name, nil, nil);
	case '`':
		advance(p);
		return newtree(Tbackq, enclosed(p, '{', '}'), nil, nil);
	case '(':
		advance(p);
		return newtree(Tlist, wordlist(p, ')'), nil, nil);
	}
	return nil;
}

/* pieces joined by explicit carets, or by free carets where nothing separates them */
static Tree*
word(Parser *p, int eqok)
{
	Tree *t, *r;
	int endsword;

	t = primary(p, eqok, &endsword);
	if(t == nil)
		return nil;
	for(;;){
		if(p->tok.type == '^'){
			advance(p);
			r = primary(p, eqok, &endsword);
			if(r == nil){
				near(p);
				return t;
			}
		}else if(endsword && !p->tok.space && p->tok.type != '(' && wordstart(p, eqok))
			r = primary(p, eqok, &endsword);
		else
			return t;
		t = newtree(Tconcat, t, r, nil);
	}
}

static Tree*
redir(Parser *p)
{
	Token *k;
	Tree *t;

	k = &p->tok;
	if(k->type == Ldup){
		t = newtree(k->fd[1] < 0 ? Tclose : Tdup, nil, nil, nil);
		t->rtype = k->rtype;
		t->fd[0] = k->fd[0];
		t->fd[1] = k->fd[1];
		advance(p);
		return t;
	}
	t = newtree(Tredir, nil, nil, nil);
	t->rtype = k->rtype;
	t->fd[0] = k->fd[0];
	advance(p);
	t->kid[0] = word(p, 1);
	if(t->kid[0] == nil)
		near(p);
	return t;
}

static Tree*
redirections(Parser *p, Tree *t)
{
	Tree *list, **tail;

	list = nil;
	tail = &list;
	while(p->tok.type == Lredir || p->tok.type == Ldup)
		appendtree(&tail, redir(p));
	if(list == nil)
		return t;
	return newtree(Tredirect, t, list, nil);
}

/* words and redirections, or an assignment prefixed to a command */
static Tree*
simple(Parser *p)
{
	Tree *first, *val, **tail, *redirs, **rtail, *t;

	first = word(p, 0);
	if(first == nil)
		return nil;
	if(p->tok.type == '='){
		advance(p);
		val = word(p, 1);
		if(val == nil)
			near(p);
		return newtree(Tassign, first, val, cmd(p, Ppipe));
	}
	tail = &first->next;
	redirs = nil;
	rtail = &redirs;
	for(;;){
		if(p->tok.type == Lredir || p->tok.type == Ldup)
			appendtree(&rtail, redir(p));
		else if(wordstart(p, 1))
			appendtree(&tail, word(p, 1));
		else
			break;
	}
	t = newtree(Tsimple, first, nil, nil);
	if(redirs != nil)
		t = newtree(Tredirect, t, redirs, nil);
	return t;
}

static int
iscaseword(Tree *t)
{
	return t != nil && t->type == Tword && !t->quoted && strcmp(t->str, "case") == 0;
}

/* Regroup a switch body into Tcase nodes, each with the commands after its case. */
static Tree*
cases(Parser *p, Tree *body)
{
	Tree *list, **tail, *c, *next, *arm, **armtail;

	list = nil;
	tail = &list;
	arm = nil;
	armtail = nil;
	for(c = body; c != nil; c = next){
		next = c->next;
		c->next = nil;
		if(c->type == Tsimple && iscaseword(c->kid[0])){
			arm = newtree(Tcase, c->kid[0]->next, nil, nil);
			c->kid[0]->next = nil;
			freetree(c);
			appendtree(&tail, arm);
			armtail = &arm->kid[1];
		}else if(arm == nil){
			fail(p, "syntax error: switch body must begin with case", p->tok.line);
			freetree(c);
		}else
			appendtree(&armtail, c);
	}
	return list;
}

static Tree*
ifcmd(Parser *p)
{
	Tree *cond;

	advance(p);
	if(iskeyword(&p->tok, "not")){
		advance(p);
		skipnl(p);
		return newtree(Tifnot, cmd(p, Pandor), nil, nil);
	}
	cond = enclosed(p, '(', ')');
	skipnl(p);
	return newtree(Tif, cond, cmd(p, Pandor), nil);
}

static Tree*
forcmd(Parser *p)
{
	Tree *var, *list;

	advance(p);
	expect(p, '(');
	var = word(p, 0);
	if(var == nil)
		near(p);
	list = nil;
	if(iskeyword(&p->tok, "in")){
		advance(p);
		list = newtree(Tlist, wordlist(p, ')'), nil, nil);
	}else
		expect(p, ')');
	skipnl(p);
	return newtree(Tfor, var, list, cmd(p, Pandor));
}

static Tree*
whilecmd(Parser *p)
{
	Tree *cond;

	advance(p);
	cond = enclosed(p, '(', ')');
	skipnl(p);
	return newtree(Twhile, cond, cmd(p, Pandor), nil);
}

static Tree*
switchcmd(Parser *p)
{
	Tree *subject;

	advance(p);
	subject = word(p, 1);
	if(subject == nil)
		near(p);
	skipnl(p);
	return newtree(Tswitch, subject, cases(p, enclosed(p, '{', '}')), nil);
}

static Tree*
fncmd(Parser *p)
{
	Tree *names, **tail, *body;

	advance(p);
	names = nil;
	tail = &names;
	while(wordstart(p, 1))
		appendtree(&tail, word(p, 1));
	if(names == nil)
		near(p);
	body = nil;
	if(p->tok.type == '{')
		body = newtree(Tbrace, enclosed(p, '{', '}'), nil, nil);
	return newtree(Tfn, names, body, nil);
}

static Tree*
matchcmd(Parser *p)
{
	Tree *subject, *pats, **tail;

	advance(p);
	subject = word(p, 1);
	if(subject == nil)
		near(p);
	pats = nil;
	tail = &pats;
	while(wordstart(p, 1))
		appendtree(&tail, word(p, 1));
	return newtree(Tmatch, subject, pats, nil);
}

/* A command up to its first binary operator; nil if empty. */
static Tree*
prefixcmd(Parser *p)
{
	Token *k;
	Tree *r;

	k = &p->tok;
	switch(k->type){
	case '{':
		return redirections(p, newtree(Tbrace, enclosed(p, '{', '}'), nil, nil));
	case Lredir:
	case Ldup:
		r = redir(p);
		return newtree(Tredirect, cmd(p, Ppipe), r, nil);
	case Lword:
		if(k->quoted)
			break;
		if(strcmp(k->word, "if") == 0)
			return ifcmd(p);
		if(strcmp(k->word, "for") == 0)
			return forcmd(p);
		if(strcmp(k->word, "while") == 0)
			return whilecmd(p);
		if(strcmp(k->word, "switch") == 0)
			return switchcmd(p);
		if(strcmp(k->word, "fn") == 0)
			return fncmd(p);
		if(strcmp(k->word, "~") == 0)
			return matchcmd(p);
		if(strcmp(k->word, "!") == 0){
			advance(p);
			return newtree(Tnot, cmd(p, Ppipe), nil, nil);
		}
		if(strcmp(k->word, "@") == 0){
			advance(p);
			return newtree(Tsubshell, cmd(p, Ppipe), nil, nil);
		}
		break;
	}
	if(wordstart(p, 0))
		return simple(p);
	return nil;
}

static int
binprec(int type)
{
	switch(type){
	case Landand:
	case Loror:
		return Pandor;
	case Lpipe:
		return Ppipe;
	}
	return 0;
}

/* A command whose binary operators bind at least as tightly as minprec. */
static Tree*
cmd(Parser *p, int minprec)
{
	Tree *t, *r;
	int type, prec, fd[2];

	t = prefixcmd(p);
	while((prec = binprec(p->tok.type)) != 0 && prec >= minprec){
		if(t == nil){
			near(p);
			break;
		}
		type = p->tok.type;
		fd[0] = p->tok.fd[0];
		fd[1] = p->tok.fd[1];
		advance(p);
		skipnl(p);
		r = cmd(p, prec+1);
		if(r == nil)
			near(p);
		switch(type){
		case Landand:
			t = newtree(Tand, t, r, nil);
			break;
		case Loror:
			t = newtree(Tor, t, r, nil);
			break;
		default:
			t = newtree(Tpipe, t, r, nil);
			t->fd[0] = fd[0];
			t->fd[1] = fd[1];
			break;
		}
	}
	return t;
}

/*
 * Commands separated by ; & or newline, up to end (not consumed).
 * With end '\n' this is one line of input, and nothing past the
 * newline is read, so an interactive line runs as soon as it is typed.
 */
static Tree*
seq(Parser *p, int end)
{
	Tree *list, **tail, *c;

	list = nil;
	tail = &list;
	for(;;){
		switch(p->tok.type){
		case ';':
		case '&':
			advance(p);
			continue;
		case '\n':
			if(end == '\n')
				return list;
			advance(p);
			continue;
		case Eof:
			if(end != '\n')
				near(p);
			return list;
		}
		if(p->tok.type == end)
			return list;
		c = cmd(p, Pandor);
		switch(p->tok.type){
		case '&':
			if(c != nil)
				c = newtree(Tbg, c, nil, nil);
			advance(p);
			break;
		case ';':
			advance(p);
			break;
		case '\n':
		case Eof:
			break;
		default:
			if(p->tok.type != end)
				near(p);
			break;
		}
		appendtree(&tail, c);
	}
}

/*
 * The commands of the next line of input. Afterwards p->tok is
 * newline, or Eof at the end of input or after a syntax error (p->err).
 */
Tree*
parseline(Parser *p)
{
	advance(p);
	return seq(p, '\n');
}
