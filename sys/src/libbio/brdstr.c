#include <u.h>
#include <libc.h>
#include <bio.h>
#include "biodef.h"

/*
 * The next line as a malloc'd string of any length, including delim
 * unless nulldelim replaces it with NUL.  A final line without delim
 * is returned as it is; nil at end of file.
 */
char*
Brdstr(Biobuf *bp, int delim, int nulldelim)
{
	uchar *p, *e;
	char *s, *t;
	long n, len;

	if(bp->state != Bractive)
		return nil;
	s = nil;
	len = 0;
	for(;;){
		if(bp->next == bp->ebuf && _Bfill(bp) <= 0)
			break;
		p = bp->next;
		e = memchr(p, delim, bp->ebuf - p);
		n = (e != nil ? e+1 : bp->ebuf) - p;
		t = realloc(s, len+n+1);
		if(t == nil){
			free(s);
			return nil;
		}
		s = t;
		memmove(s+len, p, n);
		len += n;
		bp->next = p + n;
		if(e != nil)
			break;
	}
	bp->rdline = len;
	if(s == nil)
		return nil;
	if(nulldelim && len > 0 && s[len-1] == (char)delim)
		len--;
	s[len] = 0;
	return s;
}
