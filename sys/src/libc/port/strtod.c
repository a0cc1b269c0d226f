#include <u.h>
#include <libc.h>

/*
 * Decimal to double, correctly rounded (to nearest, ties to even).
 * Small cases are exact in double arithmetic; the rest are done
 * exactly in big integers: the decimal value D×10^e becomes an
 * integer q of at least 63 bits times a power of two, plus a sticky
 * bit saying whether anything was left over, and q is then rounded
 * to the 53 bits (fewer when subnormal) of a double.
 */

enum
{
	Maxdig	= 800,	/* digits kept; more than any halfway case needs (767) */
	Nlimb	= 160,	/* 32-bit limbs: 10^1123, shifted by 64, fits */
	Maxexp	= 100000,
};

typedef struct Big Big;
struct Big
{
	int	n;		/* limbs in use; no leading zero limbs */
	u32int	l[Nlimb];	/* least significant first */
};

static void
bset(Big *b, u32int v)
{
	b->n = v != 0;
	b->l[0] = v;
}

/* b = b*m + a */
static void
bmuladd(Big *b, u32int m, u32int a)
{
	uvlong c;
	int i;

	c = a;
	for(i = 0; i < b->n; i++){
		c += (uvlong)b->l[i]*m;
		b->l[i] = c;
		c >>= 32;
	}
	if(c != 0 && b->n < Nlimb)
		b->l[b->n++] = c;
}

static int
bbits(Big *b)
{
	if(b->n == 0)
		return 0;
	return 32*(b->n-1) + 32 - __builtin_clz(b->l[b->n-1]);
}

static void
bshl(Big *b, int s)
{
	int w, i;
	u32int hi;

	if(b->n == 0 || s == 0)
		return;
	w = s/32;
	s %= 32;
	hi = s != 0 ? b->l[b->n-1] >> (32-s) : 0;
	for(i = b->n-1; i >= 0; i--){
		b->l[i+w] = b->l[i] << s;
		if(s != 0 && i > 0)
			b->l[i+w] |= b->l[i-1] >> (32-s);
	}
	memset(b->l, 0, w*sizeof b->l[0]);
	b->n += w;
	if(hi != 0)
		b->l[b->n++] = hi;
}

static void
bshr1(Big *b)
{
	int i;

	for(i = 0; i < b->n; i++){
		b->l[i] >>= 1;
		if(i+1 < b->n)
			b->l[i] |= b->l[i+1] << 31;
	}
	if(b->n > 0 && b->l[b->n-1] == 0)
		b->n--;
}

static int
bcmp(Big *a, Big *b)
{
	int i;

	if(a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for(i = a->n-1; i >= 0; i--)
		if(a->l[i] != b->l[i])
			return a->l[i] < b->l[i] ? -1 : 1;
	return 0;
}

/* a -= b, given a >= b */
static void
bsub(Big *a, Big *b)
{
	vlong c;
	int i;

	c = 0;
	for(i = 0; i < a->n; i++){
		c += a->l[i];
		if(i < b->n)
			c -= b->l[i];
		a->l[i] = c;
		c >>= 32;
	}
	while(a->n > 0 && a->l[a->n-1] == 0)
		a->n--;
}

/* 64 bits of b starting at bit lo; *sticky is set if any bit below lo is */
static uvlong
btop(Big *b, int lo, int *sticky)
{
	uvlong v;
	int i;

	v = 0;
	for(i = lo+63; i >= lo; i--){
		v <<= 1;
		if(i/32 < b->n)
			v |= b->l[i/32] >> (i%32) & 1;
	}
	for(i = 0; i < lo/32; i++)
		if(b->l[i] != 0)
			*sticky = 1;
	if(lo%32 != 0 && (b->l[lo/32] & ((1U << (lo%32)) - 1)) != 0)
		*sticky = 1;
	return v;
}

static void
bpow10(Big *b, int n)
{
	bset(b, 1);
	for(; n >= 9; n -= 9)
		bmuladd(b, 1000000000, 0);
	for(; n > 0; n--)
		bmuladd(b, 10, 0);
}

static double
frombits(uvlong u)
{
	union { uvlong u; double d; } x;

	x.u = u;
	return x.d;
}

/* (q + sticky/2)×2^b rounded to a double; q != 0 */
static double
round2(uvlong q, int b, int sticky)
{
	uvlong kept, rem, half;
	int drop, e;

	while((q & 1ULL<<63) == 0){
		q <<= 1;
		b--;
	}
	if(b+63 > 1023)
		return frombits(0x7FF0000000000000ULL);
	drop = 11;			/* normal: keep 53 bits */
	if(-1074 - b > drop)
		drop = -1074 - b;	/* subnormal: nothing below 2^-1074 */
	if(drop > 64)
		return 0;
	kept = drop == 64 ? 0 : q >> drop;
	rem = drop == 64 ? q : q & ((1ULL<<drop) - 1);
	half = 1ULL << (drop-1);
	if(rem > half || (rem == half && (sticky || (kept & 1))))
		kept++;
	e = b + drop;			/* kept×2^e */
	if(kept == 1ULL<<53){
		kept >>= 1;
		e++;
	}
	if(kept < 1ULL<<52)		/* subnormal, e is -1074 */
		return frombits(kept);
	if(e+52 > 1023)
		return frombits(0x7FF0000000000000ULL);
	return frombits((uvlong)(e+52+1023) << 52 | (kept & ((1ULL<<52) - 1)));
}

/* the digits d[0..nd) (nd > 0, no leading zero) times 10^e, plus sticky */
static double
convert(char *d, int nd, int e, int sticky)
{
	static double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
	};
	Big a, t;
	uvlong v, q;
	int i, k, s, bits;
	u32int chunk;

	if(nd+e > 310)
		return frombits(0x7FF0000000000000ULL);
	if(nd+e < -323)
		return 0;

	/* exact in double arithmetic: both operands are exact, one rounding */
	if(nd <= 15 && !sticky && e >= -22 && e <= 22){
		v = 0;
		for(i = 0; i < nd; i++)
			v = v*10 + d[i]-'0';
		if(e < 0)
			return (double)v / pow10[-e];
		return (double)v * pow10[e];
	}

	bset(&a, 0);
	for(i = 0; i < nd; i += k){
		chunk = 0;
		for(k = 0; k < 9 && i+k < nd; k++)
			chunk = chunk*10 + d[i+k]-'0';
		bmuladd(&a, k == 9 ? 1000000000 : (u32int)pow10[k], chunk);
	}
	if(e >= 0){
		for(; e >= 9; e -= 9)
			bmuladd(&a, 1000000000, 0);
		for(; e > 0; e--)
			bmuladd(&a, 10, 0);
		bits = bbits(&a);
		if(bits <= 64)
			return round2(btop(&a, 0, &sticky), 0, sticky);
		q = btop(&a, bits-64, &sticky);
		return round2(q, bits-64, sticky);
	}

	/* a/10^-e: long division giving q in [2^62, 2^64) and a remainder */
	bpow10(&t, -e);
	s = 63 - bbits(&a) + bbits(&t);
	if(s > 0)
		bshl(&a, s);
	bshl(&t, 63 + (s < 0 ? -s : 0));
	q = 0;
	for(i = 63; i >= 0; i--){
		if(bcmp(&a, &t) >= 0){
			bsub(&a, &t);
			q |= 1ULL << i;
		}
		bshr1(&t);
	}
	if(a.n != 0)
		sticky = 1;
	return round2(q, -s, sticky);
}

/* case-insensitive prefix match of the lower case word w */
static int
prefix(char *s, char *w)
{
	int n;

	for(n = 0; w[n] != 0; n++)
		if(s[n] != w[n] && s[n] != w[n]-'a'+'A')
			return 0;
	return n;
}

/*
 * [blanks][sign]digits[.digits][e[sign]digits], or inf, infinity or
 * nan.  *end is set after the number, or to s if there is none.
 */
double
strtod(char *s, char **end)
{
	char d[Maxdig];
	char *p, *q;
	int neg, nd, e, x, xneg, sticky, seen, n;
	double v;

	if(end != nil)
		*end = s;
	p = s;
	while(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f')
		p++;
	neg = 0;
	if(*p == '-' || *p == '+')
		neg = *p++ == '-';

	if((n = prefix(p, "inf")) != 0 || (n = prefix(p, "nan")) != 0){
		v = frombits(p[0] == 'n' || p[0] == 'N' ? 0x7FF8000000000000ULL : 0x7FF0000000000000ULL);
		if(prefix(p, "infinity"))
			n = 8;
		if(end != nil)
			*end = p+n;
		return neg ? -v : v;
	}

	/* significant digits into d; e counts the places the point moves */
	nd = 0;
	e = 0;
	sticky = 0;
	seen = 0;
	for(; *p >= '0' && *p <= '9'; p++){
		seen = 1;
		if(nd == 0 && *p == '0')
			continue;
		if(nd < Maxdig)
			d[nd++] = *p;
		else{
			e++;
			sticky |= *p != '0';
		}
	}
	if(*p == '.')
		for(p++; *p >= '0' && *p <= '9'; p++){
			seen = 1;
			if(nd == 0 && *p == '0'){
				e--;
				continue;
			}
			if(nd < Maxdig){
				d[nd++] = *p;
				e--;
			}else
				sticky |= *p != '0';
		}
	if(!seen)
		return 0;
	if(*p == 'e' || *p == 'E'){
		q = p+1;
		xneg = 0;
		if(*q == '-' || *q == '+')
			xneg = *q++ == '-';
		if(*q >= '0' && *q <= '9'){
			for(x = 0; *q >= '0' && *q <= '9'; q++)
				if(x < Maxexp)
					x = x*10 + *q-'0';
			e += xneg ? -x : x;
			p = q;
		}
	}
	if(end != nil)
		*end = p;

	while(nd > 0 && d[nd-1] == '0'){
		nd--;
		e++;
	}
	if(nd == 0)
		v = 0;
	else
		v = convert(d, nd, e, sticky);
	return neg ? -v : v;
}
