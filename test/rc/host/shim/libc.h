/* Host-test stand-in for the Plan 9 libc.h: the few calls the pure parts of rc use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum
{
	Runeself	= 0x80,
	Runeerror	= 0xFFFD,
};

#define	fprint	dprintf

int	chartorune(Rune*, char*);
void	exits(char*);
