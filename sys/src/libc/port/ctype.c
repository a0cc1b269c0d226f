#include <u.h>
#include <libc.h>

/*
 * The class of each byte for <ctype.h>'s macros.  ASCII only: bytes
 * 0x80 and above are parts of UTF-8 sequences and belong to no class.
 * The bits must agree with <ctype.h>.
 */
enum
{
	_U	= 01,		/* upper case letter */
	_L	= 02,		/* lower case letter */
	_N	= 04,		/* digit */
	_S	= 010,		/* white space */
	_P	= 020,		/* punctuation */
	_C	= 040,		/* control */
	_B	= 0100,		/* blank (space) */
	_X	= 0200,		/* hexadecimal digit */
};

uchar _ctype[256] =
{
	_C, _C, _C, _C, _C, _C, _C, _C,	/* 0x00 */
	_C, _S|_C, _S|_C, _S|_C, _S|_C, _S|_C, _C, _C,	/* 0x08 */
	_C, _C, _C, _C, _C, _C, _C, _C,	/* 0x10 */
	_C, _C, _C, _C, _C, _C, _C, _C,	/* 0x18 */
	_S|_B, _P, _P, _P, _P, _P, _P, _P,	/* 0x20 */
	_P, _P, _P, _P, _P, _P, _P, _P,	/* 0x28 */
	_N|_X, _N|_X, _N|_X, _N|_X, _N|_X, _N|_X, _N|_X, _N|_X,	/* 0x30 */
	_N|_X, _N|_X, _P, _P, _P, _P, _P, _P,	/* 0x38 */
	_P, _U|_X, _U|_X, _U|_X, _U|_X, _U|_X, _U|_X, _U,	/* 0x40 */
	_U, _U, _U, _U, _U, _U, _U, _U,	/* 0x48 */
	_U, _U, _U, _U, _U, _U, _U, _U,	/* 0x50 */
	_U, _U, _U, _P, _P, _P, _P, _P,	/* 0x58 */
	_P, _L|_X, _L|_X, _L|_X, _L|_X, _L|_X, _L|_X, _L,	/* 0x60 */
	_L, _L, _L, _L, _L, _L, _L, _L,	/* 0x68 */
	_L, _L, _L, _L, _L, _L, _L, _L,	/* 0x70 */
	_L, _L, _L, _P, _P, _P, _P, _C,	/* 0x78 */
};
