/* builtin.c */
Builtinfn	*lookbuiltin(char*);

/* deparse.c */
void	addquoted(Str*, char*);
void	addword(Str*, char*);
void	deparsecmd(Str*, Tree*);
void	deparseseq(Str*, Tree*);
void	deparseword(Str*, Tree*);
char	*fnsource(char*, Func*);
char	*redirop(int);

/* env.c */
void	flushenv(void);
void	importenv(void);
void	writelocals(void);

/* eval.c */
Word	*evalargs(Tree*);
char	*evalname(Tree*);
Word	*evalpatterns(Tree*);
Word	*evalsubject(Tree*);

/* exec.c */
void	execcmd(Tree*, int);
void	execseq(Tree*, int);
char	*getstatus(void);
void	rcerror(char*, ...);
void	setstatus(char*);
int	stopping(void);
int	truestatus(void);

/* glob.c */
Word	*glob(Word*);

/* input.c */
void	fdinput(Input*, int, char*, int);

/* lex.c */
int	idchr(int);
void	lex(Parser*, Token*);
void	parseerror(Parser*, char*, int);
void	skipline(Input*);
void	stringinput(Input*, char*, char*);
int	wordchr(int);

/* main.c */
void	runinput(Input*, int);

/* match.c */
char	*markglob(char*);
int	match(char*, char*);
int	matchany(Word*, Word*);
char	*unmark(char*);

/* parse.c */
void	parsefree(Parser*);
void	parseinit(Parser*, Input*);
Tree	*parseline(Parser*);

/* plan9.c */
void	addbgpid(int);
void	catchnotes(void);
void	doexec(Word*);
int	forkchild(int);
char	*inpath(char*, char*);
int	isbgpid(int);
int	isconsole(int);
char	*readall(int, long*);
char	*readfile(char*, long*);
int	searchable(char*);
char	*waitfor(int, int);
void	waitall(void);

/* redir.c */
void	applyredirs(void);
int	mapfd(int);
void	popredirs(int);
void	pushredir(int, int, int);
int	redirdepth(void);

/* str.c */
void	stradd(Str*, char*);
void	straddc(Str*, int);
void	straddint(Str*, int);
void	straddn(Str*, char*, int);
char	*strfinish(Str*);
void	strinit(Str*);

/* subr.c */
void	*emalloc(ulong);
void	*erealloc(void*, ulong);
char	*estrdup(char*);

/* tree.c */
void	appendtree(Tree***, Tree*);
Tree	*copytree(Tree*);
void	freetree(Tree*);
Tree	*newtree(int, Tree*, Tree*, Tree*);
Tree	*wordtree(char*, int);

/* var.c */
void	dropfn(Func*);
Word	*getvar(char*);
Func	*lookfn(char*);
Var	*lookvar(char*);
void	poplocal(void);
void	pushlocal(char*, Word*);
void	setfn(char*, Tree*);
void	setvar(char*, Word*);

/* word.c */
Word	*appendwords(Word*, Word*);
Word	*copywords(Word*);
int	countwords(Word*);
void	freewords(Word*);
char	*joinwords(Word*, char*);
Word	*newword(char*, Word*);
