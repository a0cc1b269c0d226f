#include <u.h>
#include <libc.h>
#include "fmtdef.h"

enum
{
	Maxdigits	= 64+64/3+1,	/* binary with commas */
};

/* Fetch the argument at the size the flags give, widened to 64 bits. */
static uvlong
intarg(Fmt *f, int isunsigned)
{
	ulong fl;

	fl = f->flags;
	if(f->r == 'p')
		return (uintptr)va_arg(f->args, void*);
	if(fl & FmtVLong)
		return va_arg(f->args, uvlong);
	if(fl & FmtLong)
		return isunsigned ? va_arg(f->args, ulong) : (uvlong)va_arg(f->args, long);
	if(fl & FmtByte)
		return isunsigned ? (uchar)va_arg(f->args, int) : (uvlong)(schar)va_arg(f->args, int);
	if(fl & FmtShort)
		return isunsigned ? (ushort)va_arg(f->args, int) : (uvlong)(short)va_arg(f->args, int);
	return isunsigned ? va_arg(f->args, uint) : (uvlong)va_arg(f->args, int);
}

/*
 * %d %i %u %x %X %o %b %p.  As in Plan 9, every base is signed
 * unless the u flag is given (%ux); %u and %p are unsigned.
 */
int
_intfmt(Fmt *f)
{
	char buf[Maxdigits], prefix[4], *p, *e, *pre, *digits, sign;
	int base, isunsigned, group, ndig, zeros;
	uvlong v;
	ulong fl;

	fl = f->flags;
	digits = "0123456789abcdef";
	base = 10;
	switch(f->r){
	case 'x':
		base = 16;
		break;
	case 'X':
		base = 16;
		digits = "0123456789ABCDEF";
		break;
	case 'o':
		base = 8;
		break;
	case 'b':
		base = 2;
		break;
	case 'u':
		fl |= FmtUnsigned;
		break;
	case 'p':
		base = 16;
		fl |= FmtUnsigned|FmtSharp;
		break;
	}
	isunsigned = (fl & FmtUnsigned) != 0;
	v = intarg(f, isunsigned);

	sign = 0;
	if(!isunsigned && (vlong)v < 0){
		sign = '-';
		v = -v;
	}else if(fl & FmtSign)
		sign = '+';
	else if(fl & FmtSpace)
		sign = ' ';

	group = base == 10 ? 3 : 4;
	e = buf+sizeof buf;
	p = e;
	ndig = 0;
	while(v != 0 || (ndig == 0 && !((fl & FmtPrec) && f->prec == 0))){
		if((fl & FmtComma) && ndig > 0 && ndig % group == 0)
			*--p = ',';
		*--p = digits[v % base];
		v /= base;
		ndig++;
	}

	pre = prefix;
	if(sign != 0)
		*pre++ = sign;
	if(fl & FmtSharp){
		if(base == 16 && ndig > 0){
			*pre++ = '0';
			*pre++ = f->r == 'X' ? 'X' : 'x';
		}else if(base == 8 && (ndig == 0 || *p != '0'))
			*pre++ = '0';
	}
	*pre = 0;
	zeros = 0;
	if((fl & FmtPrec) && f->prec > ndig)
		zeros = f->prec - ndig;
	return _fmtnum(f, prefix, zeros, p, e-p, !(fl & FmtPrec));
}
