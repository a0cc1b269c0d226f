#include <u.h>
#include <libc.h>

/*
 * Case mapping for ASCII, Latin-1, Latin Extended-A, the common parts
 * of Latin Extended Additional, Greek, Cyrillic and the fullwidth
 * Latin letters.  Other runes have no case here.
 */

/* runs of upper case letters, and the distance to their lower case */
static int runs[][3] =
{
	{'A',	'Z',	32},
	{0xC0,	0xD6,	32},
	{0xD8,	0xDE,	32},
	{0x178,	0x178,	0xFF-0x178},
	{0x386,	0x386,	0x3AC-0x386},
	{0x388,	0x38A,	0x3AD-0x388},
	{0x38C,	0x38C,	0x3CC-0x38C},
	{0x38E,	0x38F,	0x3CD-0x38E},
	{0x391,	0x3A1,	32},
	{0x3A3,	0x3AB,	32},
	{0x400,	0x40F,	80},
	{0x410,	0x42F,	32},
	{0xFF21,	0xFF3A,	32},
};

/* blocks where each upper case letter is followed by its lower case */
static Rune pairs[][2] =
{
	{0x100,	0x12F},
	{0x132,	0x137},
	{0x139,	0x148},
	{0x14A,	0x177},
	{0x179,	0x17E},
	{0x460,	0x481},
	{0x48A,	0x4BF},
	{0x4D0,	0x52F},
	{0x1E00,	0x1E95},
	{0x1EA0,	0x1EFF},
};

/* lower case letters whose upper case is outside their block */
static Rune singles[][2] =
{
	{0x131,	'I'},		/* dotless i */
	{0x17F,	'S'},		/* long s */
	{0xB5,	0x39C},		/* micro sign */
	{0x3C2,	0x3A3},		/* final sigma */
};

Rune
tolowerrune(Rune r)
{
	int i;

	for(i = 0; i < nelem(runs); i++)
		if(r >= runs[i][0] && r <= runs[i][1])
			return r + runs[i][2];
	for(i = 0; i < nelem(pairs); i++)
		if(r >= pairs[i][0] && r <= pairs[i][1])
			return (r - pairs[i][0]) % 2 == 0 ? r+1 : r;
	if(r == 0x130)		/* capital I with dot above */
		return 'i';
	return r;
}

Rune
toupperrune(Rune r)
{
	int i;

	for(i = 0; i < nelem(runs); i++)
		if(r >= runs[i][0]+runs[i][2] && r <= runs[i][1]+runs[i][2])
			return r - runs[i][2];
	for(i = 0; i < nelem(pairs); i++)
		if(r >= pairs[i][0] && r <= pairs[i][1])
			return (r - pairs[i][0]) % 2 == 1 ? r-1 : r;
	for(i = 0; i < nelem(singles); i++)
		if(r == singles[i][0])
			return singles[i][1];
	return r;
}

int
isupperrune(Rune r)
{
	return tolowerrune(r) != r;
}

/* ß, ĸ and ŉ are lower case letters with no single upper case */
int
islowerrune(Rune r)
{
	return toupperrune(r) != r || r == 0xDF || r == 0x138 || r == 0x149;
}
