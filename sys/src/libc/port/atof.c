#include <u.h>
#include <libc.h>

double
atof(char *s)
{
	return strtod(s, nil);
}
