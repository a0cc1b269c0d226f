#include <u.h>
#include <libc.h>
#include "fmtdef.h"

/*
 * %e %f %g.  Digits come from long double (x87) arithmetic: good to
 * about 17 significant digits, which is all a double holds.
 */

enum
{
	Maxdig	= 17,		/* significant digits we compute */
	Maxprec	= 100,
	Bufsize	= 310+Maxprec+10,	/* %f of the largest double */
};

/*
 * Round x > 0 to ndig (1..Maxdig) significant digits, stored in d;
 * return the decimal exponent of the first digit.
 */
static int
decimal(double x, int ndig, char *d)
{
	long double m, scale;
	vlong n, lim;
	int e, i;

	m = x;
	e = 0;
	while(m >= 1e32L){
		m /= 1e32L;
		e += 32;
	}
	while(m >= 10){
		m /= 10;
		e++;
	}
	while(m < 1e-32L){
		m *= 1e32L;
		e -= 32;
	}
	while(m < 1){
		m *= 10;
		e--;
	}
	scale = 1;
	lim = 1;
	for(i = 1; i < ndig; i++){
		scale *= 10;
		lim *= 10;
	}
	n = m*scale + 0.5L;
	if(n >= lim*10){
		n = lim;
		e++;
	}
	for(i = ndig-1; i >= 0; i--){
		d[i] = '0' + n%10;
		n /= 10;
	}
	return e;
}

/* digit i of d (ndig long), zero beyond the computed ones */
static char
digit(char *d, int ndig, int i)
{
	if(i < 0 || i >= ndig)
		return '0';
	return d[i];
}

/* d with first-digit exponent e as [-]ddd.ddd with prec fraction digits */
static char*
fixed(char *p, char *d, int ndig, int e, int prec, int point)
{
	int i;

	if(e < 0)
		*p++ = '0';
	for(i = 0; i <= e; i++)
		*p++ = digit(d, ndig, i);
	if(prec > 0 || point)
		*p++ = '.';
	for(i = 1; i <= prec; i++)
		*p++ = digit(d, ndig, e+i);
	return p;
}

/* d.ddd e±xx */
static char*
scientific(char *p, char *d, int ndig, int e, int prec, int point, int echar)
{
	int i;

	*p++ = d[0];
	if(prec > 0 || point)
		*p++ = '.';
	for(i = 1; i <= prec; i++)
		*p++ = digit(d, ndig, i);
	*p++ = echar;
	*p++ = e < 0 ? '-' : '+';
	if(e < 0)
		e = -e;
	if(e >= 100)
		*p++ = '0' + e/100;
	*p++ = '0' + e/10%10;
	*p++ = '0' + e%10;
	return p;
}

/* the digits for %f of x > 0 with prec fraction digits; returns the exponent */
static int
fixeddigits(double x, int prec, char *d, int *ndig)
{
	char probe[Maxdig];
	long double r;
	int e, n;

	e = decimal(x, Maxdig, probe);
	n = e+1+prec;
	if(n <= 0){
		r = x;
		for(n = 0; n < prec; n++)
			r *= 10;
		*ndig = 1;
		d[0] = r >= 0.5L ? '1' : '0';
		return d[0] == '1' ? -prec : 0;
	}
	if(n > Maxdig)
		n = Maxdig;
	*ndig = n;
	return decimal(x, n, d);
}

/* drop trailing fraction zeros, and the point if nothing follows it */
static char*
trimzeros(char *s, char *p)
{
	char *dot;

	for(dot = s; dot < p && *dot != '.'; dot++)
		;
	if(dot == p)
		return p;
	while(p > dot+1 && p[-1] == '0')
		p--;
	if(p == dot+1)
		p--;
	return p;
}

int
_fltfmt(Fmt *f)
{
	char buf[Bufsize], d[Maxdig], prefix[2], *p, *q, *exp;
	int prec, ndig, e, n, point, verb;
	double x;

	x = va_arg(f->args, double);
	verb = f->r;
	prefix[0] = prefix[1] = 0;
	if(__builtin_signbit(x)){
		prefix[0] = '-';
		x = -x;
	}else if(f->flags & FmtSign)
		prefix[0] = '+';
	else if(f->flags & FmtSpace)
		prefix[0] = ' ';
	if(__builtin_isnan(x))
		return _fmtnum(f, "", 0, "NaN", 3, 0);
	if(__builtin_isinf(x))
		return _fmtnum(f, prefix[0] == '-' ? "-" : "+", 0, "Inf", 3, 0);

	prec = (f->flags & FmtPrec) ? f->prec : 6;
	if(prec > Maxprec)
		prec = Maxprec;
	point = (f->flags & FmtSharp) != 0;
	p = buf;
	switch(verb){
	case 'f':
		if(x == 0){
			ndig = 1;
			d[0] = '0';
			e = 0;
		}else
			e = fixeddigits(x, prec, d, &ndig);
		p = fixed(p, d, ndig, e, prec, point);
		break;
	case 'e':
	case 'E':
		ndig = prec+1 > Maxdig ? Maxdig : prec+1;
		if(x == 0){
			memset(d, '0', ndig);
			e = 0;
		}else
			e = decimal(x, ndig, d);
		p = scientific(p, d, ndig, e, prec, point, verb);
		break;
	default:	/* g G */
		if(prec == 0)
			prec = 1;
		ndig = prec > Maxdig ? Maxdig : prec;
		if(x == 0){
			memset(d, '0', ndig);
			e = 0;
		}else
			e = decimal(x, ndig, d);
		if(e < -4 || e >= prec)
			p = scientific(p, d, ndig, e, prec-1, point, verb == 'g' ? 'e' : 'E');
		else
			p = fixed(p, d, ndig, e, prec-1-e, point);
		if(!point){
			for(exp = buf; exp < p && *exp != 'e' && *exp != 'E'; exp++)
				;
			n = p - exp;
			q = trimzeros(buf, exp);
			memmove(q, exp, n);
			p = q + n;
		}
		break;
	}
	return _fmtnum(f, prefix, 0, buf, p-buf, 1);
}
