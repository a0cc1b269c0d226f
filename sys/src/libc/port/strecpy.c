#include <u.h>
#include <libc.h>

/* Copy into to..e, always terminating; return the terminating NUL. */
char*
strecpy(char *to, char *e, char *from)
{
	if(to >= e)
		return to;
	while(to < e-1 && *from != 0)
		*to++ = *from++;
	*to = 0;
	return to;
}
