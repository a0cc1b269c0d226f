#include <u.h>
#include <libc.h>
#include "fmtdef.h"

typedef struct Verb Verb;
struct Verb
{
	Rune	r;
	Fmtfn	fn;
};

enum
{
	Maxinstalled	= 64,
};

static Verb builtin[] = {
	{'d', _intfmt},
	{'i', _intfmt},
	{'u', _intfmt},
	{'x', _intfmt},
	{'X', _intfmt},
	{'o', _intfmt},
	{'b', _intfmt},
	{'p', _intfmt},
	{'c', _charfmt},
	{'C', _runefmt},
	{'s', _strfmt},
	{'S', _runesfmt},
	{'q', _quotefmt},
	{'Q', _quotefmt},
	{'r', _errfmt},
	{'%', _percentfmt},
#ifndef NOFLOAT	/* the kernel has no floating point */
	{'e', _fltfmt},
	{'E', _fltfmt},
	{'f', _fltfmt},
	{'g', _fltfmt},
	{'G', _fltfmt},
#endif
};

static Verb installed[Maxinstalled];
static int ninstalled;

/* Installed verbs override the built-in ones. */
int
fmtinstall(int c, int (*fn)(Fmt*))
{
	int i;

	if(c <= 0 || fn == nil)
		return -1;
	for(i = 0; i < ninstalled; i++)
		if(installed[i].r == c){
			installed[i].fn = fn;
			return 0;
		}
	if(ninstalled == Maxinstalled)
		return -1;
	installed[ninstalled].r = c;
	installed[ninstalled].fn = fn;
	ninstalled++;
	return 0;
}

Fmtfn
_fmtlookup(Rune r)
{
	int i;

	for(i = 0; i < ninstalled; i++)
		if(installed[i].r == r)
			return installed[i].fn;
	for(i = 0; i < nelem(builtin); i++)
		if(builtin[i].r == r)
			return builtin[i].fn;
	return nil;
}
