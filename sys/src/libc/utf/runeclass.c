#include <u.h>
#include <libc.h>

/*
 * Character classes beyond ASCII: the scripts a command is likely to
 * meet.  Each table is sorted ranges, searched by bisection.
 */

static Rune alpha[][2] =
{
	{'A',	'Z'},
	{'a',	'z'},
	{0xAA,	0xAA},
	{0xB5,	0xB5},
	{0xBA,	0xBA},
	{0xC0,	0xD6},
	{0xD8,	0xF6},
	{0xF8,	0x2AF},		/* Latin Extended-A and -B, IPA */
	{0x370,	0x373},
	{0x376,	0x377},
	{0x37B,	0x37D},
	{0x386,	0x386},
	{0x388,	0x38A},
	{0x38C,	0x38C},
	{0x38E,	0x3A1},
	{0x3A3,	0x3F5},
	{0x3F7,	0x481},		/* Greek, Cyrillic */
	{0x48A,	0x52F},
	{0x531,	0x556},		/* Armenian */
	{0x561,	0x587},
	{0x5D0,	0x5EA},		/* Hebrew */
	{0x620,	0x64A},		/* Arabic */
	{0x904,	0x939},		/* Devanagari */
	{0x1E00,	0x1F15},		/* Latin Extended Additional, Greek Extended */
	{0x1F18,	0x1F1D},
	{0x1F20,	0x1F45},
	{0x1F48,	0x1F4D},
	{0x1F50,	0x1F57},
	{0x1F59,	0x1F7D},
	{0x1F80,	0x1FBC},
	{0x3041,	0x3096},		/* Hiragana */
	{0x30A1,	0x30FA},		/* Katakana */
	{0x3400,	0x4DBF},		/* CJK ideographs */
	{0x4E00,	0x9FFF},
	{0xAC00,	0xD7A3},		/* Hangul */
	{0xFF21,	0xFF3A},		/* fullwidth Latin */
	{0xFF41,	0xFF5A},
};

static Rune digit[][2] =
{
	{'0',	'9'},
	{0x660,	0x669},		/* Arabic-Indic */
	{0x6F0,	0x6F9},
	{0x966,	0x96F},		/* Devanagari */
	{0xFF10,	0xFF19},		/* fullwidth */
};

static Rune space[][2] =
{
	{'\t',	'\r'},
	{' ',	' '},
	{0x85,	0x85},
	{0xA0,	0xA0},
	{0x1680,	0x1680},
	{0x2000,	0x200A},
	{0x2028,	0x2029},
	{0x202F,	0x202F},
	{0x205F,	0x205F},
	{0x3000,	0x3000},
	{0xFEFF,	0xFEFF},		/* zero width no-break space */
};

static int
inranges(Rune r, Rune (*t)[2], int n)
{
	int lo, hi, m;

	lo = 0;
	hi = n;
	while(lo < hi){
		m = (lo+hi)/2;
		if(r < t[m][0])
			hi = m;
		else if(r > t[m][1])
			lo = m+1;
		else
			return 1;
	}
	return 0;
}

int
isalpharune(Rune r)
{
	return inranges(r, alpha, nelem(alpha));
}

int
isdigitrune(Rune r)
{
	return inranges(r, digit, nelem(digit));
}

int
isspacerune(Rune r)
{
	return inranges(r, space, nelem(space));
}
