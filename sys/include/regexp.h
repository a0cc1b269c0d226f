/*
 * Regular expressions with Plan 9 syntax: . * + ? | ( ) [ ] [^ ] ^ $.
 * Matching is leftmost-longest, by simulating the NFA (no backtracking).
 */
typedef struct Resub	Resub;
typedef struct Reinst	Reinst;
typedef struct Reprog	Reprog;

enum
{
	NSUBEXP = 32,	/* submatches, including the whole match at 0 */
};

struct Resub
{
	char	*sp;	/* start of submatch */
	char	*ep;	/* just past its end */
};

/* A compiled program; one allocation, released with free. */
struct Reprog
{
	Reinst	*startinst;
	int	ninst;
	int	nsub;	/* parenthesised subexpressions, plus one */
};

Reprog*	regcomp(char *re);
Reprog*	regcomplit(char *re);
Reprog*	regcompnl(char *re);
void	regerror(char *msg);
int	regexec(Reprog *prog, char *s, Resub *match, int msize);
void	regsub(char *src, char *dst, int dlen, Resub *match, int msize);
