#include <u.h>
#include <libc.h>

long
runestrlen(Rune *s)
{
	Rune *e;

	for(e = s; *e != 0; e++)
		;
	return e - s;
}
