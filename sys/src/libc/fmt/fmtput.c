#include <u.h>
#include <libc.h>
#include "fmtdef.h"

/* Set f up to write into start..stop with no flush. */
void
_fmtstart(Fmt *f, char *start, char *stop)
{
	f->start = start;
	f->to = start;
	f->stop = stop;
	f->flush = nil;
	f->farg = nil;
	f->nfmt = 0;
	f->r = 0;
	f->width = 0;
	f->prec = 0;
	f->flags = 0;
}

/* Bytes produced through f so far. */
int
_fmtcount(Fmt *f)
{
	return f->nfmt + (f->to - f->start);
}

/* Make room for n bytes; 0 when the output is full for good. */
int
_fmtroom(Fmt *f, int n)
{
	while(f->to == nil || f->to+n > f->stop){
		if(f->flush == nil || !(*f->flush)(f))
			return 0;
	}
	return 1;
}

/* Copy n bytes of s, never splitting a rune; -1 when out of room. */
int
_fmtputs(Fmt *f, char *s, int n)
{
	Rune r;
	int k;

	while(n > 0){
		k = 1;
		if((uchar)*s >= Runeself && fullrune(s, n))
			k = chartorune(&r, s);
		if(!_fmtroom(f, k))
			return -1;
		memmove(f->to, s, k);
		f->to += k;
		s += k;
		n -= k;
	}
	return 0;
}

/* n copies of c (a space or '0'). */
int
_fmtpad(Fmt *f, int n, int c)
{
	for(; n > 0; n--){
		if(!_fmtroom(f, 1))
			return -1;
		*f->to++ = c;
	}
	return 0;
}

/* The first n runes of s, a string of runes if isrunes, padded to f's width. */
int
_fmtcpy(Fmt *f, void *s, int n, int isrunes)
{
	char buf[UTFmax], *p;
	Rune *rp, r;
	int k, pad;

	pad = 0;
	if(f->flags & FmtWidth)
		pad = f->width - n;
	if(!(f->flags & FmtLeft) && _fmtpad(f, pad, ' ') < 0)
		return -1;
	if(isrunes){
		for(rp = s; n > 0; n--, rp++){
			k = runetochar(buf, rp);
			if(_fmtputs(f, buf, k) < 0)
				return -1;
		}
	}else{
		for(p = s; n > 0; n--, p += k){
			k = chartorune(&r, p);
			if(_fmtputs(f, p, k) < 0)
				return -1;
		}
	}
	if((f->flags & FmtLeft) && _fmtpad(f, pad, ' ') < 0)
		return -1;
	return 0;
}

/*
 * A number: prefix (sign, 0x), zeros, then the digits in body,
 * padded to f's width; zerofill allows the 0 flag to pad with zeros.
 */
int
_fmtnum(Fmt *f, char *prefix, int zeros, char *body, int n, int zerofill)
{
	int len, plen, pad;

	plen = strlen(prefix);
	len = plen + zeros + n;
	pad = 0;
	if((f->flags & FmtWidth) && f->width > len)
		pad = f->width - len;
	if(zerofill && (f->flags & (FmtZero|FmtLeft)) == FmtZero){
		zeros += pad;
		pad = 0;
	}
	if(!(f->flags & FmtLeft) && _fmtpad(f, pad, ' ') < 0)
		return -1;
	if(_fmtputs(f, prefix, plen) < 0 || _fmtpad(f, zeros, '0') < 0 || _fmtputs(f, body, n) < 0)
		return -1;
	if((f->flags & FmtLeft) && _fmtpad(f, pad, ' ') < 0)
		return -1;
	return 0;
}
