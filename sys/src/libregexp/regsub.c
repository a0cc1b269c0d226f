#include <u.h>
#include <libc.h>
#include <regexp.h>

/*
 * Copy src to dst, replacing & by the whole match and \0 to \9
 * by submatches; \c stands for c.  dst holds at most dlen bytes.
 */
void
regsub(char *src, char *dst, int dlen, Resub *match, int msize)
{
	char *e, *q;
	int n;

	if(dlen <= 0)
		return;
	e = dst + dlen - 1;
	for(; *src != 0; src++){
		n = -1;
		if(*src == '&')
			n = 0;
		else if(*src == '\\' && src[1] >= '0' && src[1] <= '9')
			n = *++src - '0';
		else if(*src == '\\' && src[1] != 0)
			src++;
		if(n < 0){
			if(dst < e)
				*dst++ = *src;
		}else if(match != nil && n < msize && match[n].sp != nil)
			for(q = match[n].sp; q < match[n].ep && dst < e; )
				*dst++ = *q++;
	}
	*dst = 0;
}
