#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/*
 * Trees back into rc source, in a canonical form that parses
 * to the same tree: explicit carets, single spaces, "; " between
 * commands, and redirections after simple and brace commands.
 * Used for functions in whatis and /env, -x traces, and the tests.
 */

static char *redirops[] = {
	[Rread]		"<",
	[Rwrite]	">",
	[Rappend]	">>",
	[Rrdwr]		"<>",
};

char*
redirop(int rtype)
{
	return redirops[rtype];
}

void
addquoted(Str *s, char *p)
{
	straddc(s, '\'');
	for(; *p != 0; p++){
		if(*p == '\'')
			straddc(s, '\'');
		straddc(s, *p);
	}
	straddc(s, '\'');
}

static int
needsquote(char *p)
{
	if(*p == 0)
		return 1;
	for(; *p != 0; p++)
		if(!wordchr((uchar)*p) || strchr("*?[", *p) != nil)
			return 1;
	return 0;
}

/* A value, quoted if rc would otherwise read it differently. */
void
addword(Str *s, char *p)
{
	if(needsquote(p))
		addquoted(s, p);
	else
		stradd(s, p);
}

static void
deparsewords(Str *s, Tree *t)
{
	for(; t != nil; t = t->next){
		deparseword(s, t);
		if(t->next != nil)
			straddc(s, ' ');
	}
}

void
deparseword(Str *s, Tree *t)
{
	switch(t->type){
	case Tword:
		if(t->quoted)
			addquoted(s, t->str);
		else
			stradd(s, t->str);
		break;
	case Tvar:
		straddc(s, '$');
		deparseword(s, t->kid[0]);
		break;
	case Tsub:
		straddc(s, '$');
		deparseword(s, t->kid[0]);
		straddc(s, '(');
		deparsewords(s, t->kid[1]);
		straddc(s, ')');
		break;
	case Tcount:
		stradd(s, "$#");
		deparseword(s, t->kid[0]);
		break;
	case Tflat:
		stradd(s, "$\"");
		deparseword(s, t->kid[0]);
		break;
	case Tconcat:
		deparseword(s, t->kid[0]);
		straddc(s, '^');
		deparseword(s, t->kid[1]);
		break;
	case Tlist:
		straddc(s, '(');
		deparsewords(s, t->kid[0]);
		straddc(s, ')');
		break;
	case Tbackq:
		stradd(s, "`{");
		deparseseq(s, t->kid[0]);
		straddc(s, '}');
		break;
	}
}

static void
deparseredir(Str *s, Tree *t)
{
	stradd(s, redirop(t->rtype));
	switch(t->type){
	case Tredir:
		if(t->fd[0] != (t->rtype == Rread || t->rtype == Rrdwr ? 0 : 1)){
			straddc(s, '[');
			straddint(s, t->fd[0]);
			straddc(s, ']');
		}
		deparseword(s, t->kid[0]);
		break;
	case Tdup:
	case Tclose:
		straddc(s, '[');
		straddint(s, t->fd[0]);
		straddc(s, '=');
		if(t->type == Tdup)
			straddint(s, t->fd[1]);
		straddc(s, ']');
		break;
	}
}

static void
deparseredirs(Str *s, Tree *t)
{
	for(; t != nil; t = t->next){
		deparseredir(s, t);
		if(t->next != nil)
			straddc(s, ' ');
	}
}

/* " cmd", or nothing for an empty command */
static void
spacecmd(Str *s, Tree *t)
{
	if(t != nil){
		straddc(s, ' ');
		deparsecmd(s, t);
	}
}

static void
deparsepipe(Str *s, Tree *t)
{
	deparsecmd(s, t->kid[0]);
	stradd(s, " |");
	if(t->fd[0] != 1 || t->fd[1] != 0){
		straddc(s, '[');
		straddint(s, t->fd[0]);
		if(t->fd[1] != 0){
			straddc(s, '=');
			straddint(s, t->fd[1]);
		}
		straddc(s, ']');
	}
	spacecmd(s, t->kid[1]);
}

static void
deparsecases(Str *s, Tree *t)
{
	Tree *body;

	for(; t != nil; t = t->next){
		stradd(s, "case");
		if(t->kid[0] != nil){
			straddc(s, ' ');
			deparsewords(s, t->kid[0]);
		}
		for(body = t->kid[1]; body != nil && body->next != nil; body = body->next)
			;
		if(t->kid[1] != nil){
			stradd(s, "; ");
			deparseseq(s, t->kid[1]);
		}
		if(t->next != nil)
			stradd(s, body != nil && body->type == Tbg ? " " : "; ");
	}
}

void
deparsecmd(Str *s, Tree *t)
{
	Tree *k;

	if(t == nil)
		return;
	switch(t->type){
	case Tsimple:
		deparsewords(s, t->kid[0]);
		break;
	case Tredirect:
		k = t->kid[0];
		if(k != nil && (k->type == Tsimple || k->type == Tbrace)){
			deparsecmd(s, k);
			straddc(s, ' ');
			deparseredirs(s, t->kid[1]);
		}else{
			deparseredirs(s, t->kid[1]);
			spacecmd(s, k);
		}
		break;
	case Tassign:
		deparseword(s, t->kid[0]);
		straddc(s, '=');
		deparseword(s, t->kid[1]);
		spacecmd(s, t->kid[2]);
		break;
	case Tbrace:
		straddc(s, '{');
		deparseseq(s, t->kid[0]);
		straddc(s, '}');
		break;
	case Tbg:
		deparsecmd(s, t->kid[0]);
		stradd(s, " &");
		break;
	case Tif:
		stradd(s, "if(");
		deparseseq(s, t->kid[0]);
		straddc(s, ')');
		spacecmd(s, t->kid[1]);
		break;
	case Tifnot:
		stradd(s, "if not");
		spacecmd(s, t->kid[0]);
		break;
	case Tfor:
		stradd(s, "for(");
		deparseword(s, t->kid[0]);
		if(t->kid[1] != nil){
			stradd(s, " in");
			if(t->kid[1]->kid[0] != nil){
				straddc(s, ' ');
				deparsewords(s, t->kid[1]->kid[0]);
			}
		}
		straddc(s, ')');
		spacecmd(s, t->kid[2]);
		break;
	case Twhile:
		stradd(s, "while(");
		deparseseq(s, t->kid[0]);
		straddc(s, ')');
		spacecmd(s, t->kid[1]);
		break;
	case Tswitch:
		stradd(s, "switch");
		if(t->kid[0]->type != Tlist)
			straddc(s, ' ');
		deparseword(s, t->kid[0]);
		straddc(s, '{');
		deparsecases(s, t->kid[1]);
		straddc(s, '}');
		break;
	case Tmatch:
		stradd(s, "~ ");
		deparseword(s, t->kid[0]);
		if(t->kid[1] != nil){
			straddc(s, ' ');
			deparsewords(s, t->kid[1]);
		}
		break;
	case Tnot:
		straddc(s, '!');
		spacecmd(s, t->kid[0]);
		break;
	case Tsubshell:
		straddc(s, '@');
		spacecmd(s, t->kid[0]);
		break;
	case Tand:
	case Tor:
		deparsecmd(s, t->kid[0]);
		stradd(s, t->type == Tand ? " &&" : " ||");
		spacecmd(s, t->kid[1]);
		break;
	case Tpipe:
		deparsepipe(s, t);
		break;
	case Tfn:
		stradd(s, "fn ");
		deparsewords(s, t->kid[0]);
		spacecmd(s, t->kid[1]);
		break;
	}
}

void
deparseseq(Str *s, Tree *t)
{
	for(; t != nil; t = t->next){
		deparsecmd(s, t);
		if(t->next != nil)
			stradd(s, t->type == Tbg ? " " : "; ");
	}
}

/* "fn name {body}" for whatis and /env. */
char*
fnsource(char *name, Func *f)
{
	Str s;

	strinit(&s);
	stradd(&s, "fn ");
	addword(&s, name);
	straddc(&s, ' ');
	deparsecmd(&s, f->body);
	return strfinish(&s);
}
