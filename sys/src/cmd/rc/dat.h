/* rc: types shared by the whole shell. */

typedef struct Func	Func;
typedef struct Input	Input;
typedef struct Parser	Parser;
typedef struct Str	Str;
typedef struct Token	Token;
typedef struct Tree	Tree;
typedef struct Var	Var;
typedef struct Word	Word;

enum
{
	Eof		= -1,
	Globmark	= 0x01,		/* precedes an unquoted * ? or [ in an evaluated word */
	Nvarhash	= 101,
};

/* A growable string. */
struct Str
{
	char	*s;
	int	len;
	int	cap;
};

/* A list of words: the value of every rc expression. */
struct Word
{
	char	*s;
	Word	*next;
};

/* Parse tree node types. */
enum
{
	/* words */
	Tword = 1,	/* str, quoted */
	Tvar,		/* $kid0 */
	Tsub,		/* $kid0(kid1...) */
	Tcount,		/* $#kid0 */
	Tflat,		/* $"kid0 */
	Tconcat,	/* kid0^kid1 */
	Tlist,		/* (kid0...) */
	Tbackq,		/* `{kid0...} */

	/* redirections */
	Tredir,		/* rtype, fd[0], target kid0 */
	Tdup,		/* fd[0] becomes a copy of fd[1] */
	Tclose,		/* fd[0] is closed */

	/* commands */
	Tsimple,	/* words kid0... */
	Tredirect,	/* command kid0 with redirections kid1... */
	Tassign,	/* kid0=kid1, local to command kid2 if any */
	Tbrace,		/* {kid0...} */
	Tbg,		/* kid0 & */
	Tif,		/* if(kid0...) kid1 */
	Tifnot,		/* if not kid0 */
	Tfor,		/* for(kid0 in kid1) kid2; kid1 nil means $* */
	Twhile,		/* while(kid0...) kid1 */
	Tswitch,	/* switch kid0 {cases kid1...} */
	Tcase,		/* case kid0...; commands kid1... */
	Tmatch,		/* ~ kid0 patterns kid1... */
	Tnot,		/* ! kid0 */
	Tsubshell,	/* @ kid0 */
	Tand,		/* kid0 && kid1 */
	Tor,		/* kid0 || kid1 */
	Tpipe,		/* kid0 |[fd[0]=fd[1]] kid1 */
	Tfn,		/* fn names kid0... body kid1 (a Tbrace); no body deletes */
};

/* Redirection kinds; Tdup and Tclose use Rread or Rwrite for their direction. */
enum
{
	Rread = 1,	/* < */
	Rwrite,		/* > */
	Rappend,	/* >> */
	Rrdwr,		/* <> */
};

/*
 * A node. Lists (the words of a command or of a (list),
 * the commands of a body, the cases of a switch)
 * are chained through next and owned by their parent.
 */
struct Tree
{
	int	type;
	char	*str;
	int	quoted;
	int	rtype;
	int	fd[2];
	Tree	*kid[3];
	Tree	*next;
};

/* Lexical tokens other than single characters. */
enum
{
	Lword = 256,
	Landand,	/* && */
	Loror,		/* || */
	Lpipe,		/* | or |[n] or |[n=m] */
	Lredir,		/* < > >> <>, each with an optional [n] */
	Ldup,		/* >[n=m] or >[n=] */
	Lcount,		/* $# */
	Lflat,		/* $" */
};

struct Token
{
	int	type;
	char	*word;		/* Lword */
	int	quoted;		/* Lword */
	int	space;		/* white space came before it */
	int	rtype;		/* Lredir, Ldup */
	int	fd[2];		/* Lredir, Ldup, Lpipe; Ldup fd[1] is -1 to close */
	int	line;
};

/* Characters for the lexer, from a string or, through fill, a file. */
struct Input
{
	char	*buf;
	int	n;
	int	pos;
	int	(*fill)(Input*);	/* refill buf; 0 at end of file */
	int	fd;
	char	*name;			/* in messages; nil at an interactive prompt */
	int	line;
	int	lastc;
	int	interactive;
	int	continuing;		/* part of a command has been read */
};

struct Parser
{
	Input	*in;
	Token	tok;		/* lookahead */
	int	dolname;	/* next token is a variable name */
	char	*err;		/* first syntax error */
};

/* A function definition; references from its variable and its running calls keep it alive. */
struct Func
{
	Tree	*body;
	int	ref;
};

struct Var
{
	char	*name;
	Word	*val;
	Func	*fn;
	int	changed;	/* val differs from /env */
	int	fnchanged;	/* fn differs from /env */
	Var	*next;		/* hash chain, or the next outer local */
};

extern	Var	*gvar[Nvarhash];
extern	Var	*locals;
extern	char	flags[128];
extern	int	interactive;
extern	int	interrupted;
extern	int	unwinding;
extern	int	incondition;

typedef void Builtinfn(Word*);
