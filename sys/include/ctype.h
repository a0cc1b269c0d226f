/*
 * Byte classes, ASCII only: bytes 0x80 and above are parts of UTF-8
 * sequences and belong to no class (use the *rune functions in <libc.h>).
 * The table is _ctype in libc (port/ctype.c); its bits must agree.
 */
#define	_U	01	/* upper case letter */
#define	_L	02	/* lower case letter */
#define	_N	04	/* digit */
#define	_S	010	/* white space */
#define	_P	020	/* punctuation */
#define	_C	040	/* control */
#define	_B	0100	/* blank (space) */
#define	_X	0200	/* hexadecimal digit */

extern	unsigned char	_ctype[];

#define	isalpha(c)	(_ctype[(unsigned char)(c)]&(_U|_L))
#define	isupper(c)	(_ctype[(unsigned char)(c)]&_U)
#define	islower(c)	(_ctype[(unsigned char)(c)]&_L)
#define	isdigit(c)	(_ctype[(unsigned char)(c)]&_N)
#define	isxdigit(c)	(_ctype[(unsigned char)(c)]&_X)
#define	isspace(c)	(_ctype[(unsigned char)(c)]&_S)
#define	ispunct(c)	(_ctype[(unsigned char)(c)]&_P)
#define	isalnum(c)	(_ctype[(unsigned char)(c)]&(_U|_L|_N))
#define	isprint(c)	(_ctype[(unsigned char)(c)]&(_P|_U|_L|_N|_B))
#define	isgraph(c)	(_ctype[(unsigned char)(c)]&(_P|_U|_L|_N))
#define	iscntrl(c)	(_ctype[(unsigned char)(c)]&_C)
#define	isascii(c)	((unsigned char)(c) < 0x80)

extern	int	tolower(int);
extern	int	toupper(int);
