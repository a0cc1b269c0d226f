/*
 * The compiled form shared by regcomp and regexec:
 * a program for a Thompson NFA, one instruction per state.
 */
enum
{
	Ichar,		/* match rune r */
	Iany,		/* any rune but newline */
	Ianynl,		/* any rune */
	Iclass,		/* a rune in one of the n ranges at cls */
	Inclass,	/* a rune in none of them */
	Ibol,		/* assert beginning of line */
	Ieol,		/* assert end of line */
	Isplit,		/* continue at both x and y; x is preferred */
	Ijmp,		/* continue at x */
	Isave,		/* record the position in submatch slot x */
	Imatch,
};

struct Reinst
{
	int	op;
	Rune	r;
	int	x;
	int	y;
	Rune	*cls;	/* lo, hi pairs */
	int	n;
};
