#include <u.h>
#include <libc.h>

enum
{
	Tx	= 0x80,		/* 10xxxxxx continuation */
	Maskx	= 0x3F,
	Surr1	= 0xD800,	/* UTF-16 surrogates are not runes */
	Surr2	= 0xDFFF,
};

/* smallest rune that needs n bytes, for rejecting overlong forms */
static Rune minrune[UTFmax+1] = { 0, 0, 0x80, 0x800, 0x10000 };

/* length of a sequence from its first byte; 0 for a byte that cannot start one */
static int
seqlen(uchar c)
{
	if(c < 0x80)
		return 1;
	if(c < 0xC0)
		return 0;
	if(c < 0xE0)
		return 2;
	if(c < 0xF0)
		return 3;
	if(c < 0xF8)
		return 4;
	return 0;
}

int
chartorune(Rune *rp, char *str)
{
	uchar *s;
	Rune r;
	int i, n;

	s = (uchar*)str;
	n = seqlen(s[0]);
	if(n == 1){
		*rp = s[0];
		return 1;
	}
	if(n == 0)
		goto bad;
	r = s[0] & (0x7F >> n);
	for(i = 1; i < n; i++){
		if((s[i] & ~Maskx) != Tx)
			goto bad;
		r = r<<6 | (s[i] & Maskx);
	}
	if(r < minrune[n] || r > Runemax || (r >= Surr1 && r <= Surr2))
		goto bad;
	*rp = r;
	return n;
bad:
	*rp = Runeerror;
	return 1;
}

int
runelen(long c)
{
	if(c < 0 || c > Runemax || (c >= Surr1 && c <= Surr2))
		c = Runeerror;
	if(c < 0x80)
		return 1;
	if(c < 0x800)
		return 2;
	if(c < 0x10000)
		return 3;
	return 4;
}

int
runetochar(char *str, Rune *rp)
{
	uchar *s;
	Rune r;
	int i, n;

	s = (uchar*)str;
	r = *rp;
	n = runelen(r);
	if(r > Runemax || (r >= Surr1 && r <= Surr2))
		r = Runeerror;
	if(n == 1){
		s[0] = r;
		return 1;
	}
	for(i = n-1; i > 0; i--){
		s[i] = Tx | (r & Maskx);
		r >>= 6;
	}
	s[0] = (0xFF00 >> n) | r;
	return n;
}

int
fullrune(char *str, int n)
{
	int need;

	if(n <= 0)
		return 0;
	need = seqlen(*(uchar*)str);
	return need == 0 || n >= need;
}
