#include <u.h>
#include <libc.h>
#include <bio.h>

/*
 * tr [-cds] [string1 [string2]]: translate runes of string1 to the
 * runes of string2 at the same place (the last rune of string2
 * standing in when it is shorter), delete them (-d), or squeeze
 * repeats (-s); -c takes the runes not in string1.
 */

typedef struct Set Set;
struct Set
{
	Rune	*r;
	int	n;
};

static int	cflag, dflag, sflag;

static void
usage(void)
{
	fprint(2, "usage: tr [-cds] [string1 [string2]]\n");
	exits("usage");
}

static void
add(Set *s, Rune r)
{
	if(s->n % 64 == 0){
		s->r = realloc(s->r, (s->n+64)*sizeof(Rune));
		if(s->r == nil)
			sysfatal("no memory");
	}
	s->r[s->n++] = r;
}

/* one rune of a string argument, after escapes: \n \t \\ \ooo */
static char*
onerune(char *p, Rune *r)
{
	int i;

	if(*p != '\\' || p[1] == 0)
		return p + chartorune(r, p);
	p++;
	switch(*p){
	case 'n':
		*r = '\n';
		return p+1;
	case 't':
		*r = '\t';
		return p+1;
	}
	if(*p >= '0' && *p <= '7'){
		*r = 0;
		for(i = 0; i < 3 && *p >= '0' && *p <= '7'; i++)
			*r = *r*8 + *p++ - '0';
		return p;
	}
	return p + chartorune(r, p);
}

static void
expand(char *p, Set *s)
{
	Rune lo, hi;

	while(*p != 0){
		p = onerune(p, &lo);
		if(p[0] == '-' && p[1] != 0){
			p = onerune(p+1, &hi);
			if(hi < lo)
				sysfatal("bad range %C-%C", lo, hi);
			for(; lo < hi; lo++)
				add(s, lo);
		}
		add(s, lo);
	}
}

/* the last place of r in s, or -1 */
static int
find(Set *s, Rune r)
{
	int i;

	for(i = s->n-1; i >= 0; i--)
		if(s->r[i] == r)
			return i;
	return -1;
}

void
main(int argc, char *argv[])
{
	Set s1, s2, *squeeze;
	Biobuf bin, bout;
	long c;
	Rune r, last;
	int i, in1;

	ARGBEGIN{
	case 'c':
		cflag = 1;
		break;
	case 'd':
		dflag = 1;
		break;
	case 's':
		sflag = 1;
		break;
	default:
		usage();
	}ARGEND

	if(argc > 2 || (dflag && argc < 1))
		usage();
	memset(&s1, 0, sizeof s1);
	memset(&s2, 0, sizeof s2);
	if(argc > 0)
		expand(argv[0], &s1);
	if(argc > 1)
		expand(argv[1], &s2);
	if(s2.n == 0 && argc > 1 && !dflag)
		sysfatal("empty string2");
	squeeze = argc > 1 ? &s2 : &s1;

	Binit(&bin, 0, OREAD);
	Binit(&bout, 1, OWRITE);
	last = -1;
	while((c = Bgetrune(&bin)) >= 0){
		r = c;
		i = find(&s1, r);
		in1 = (i >= 0) ^ cflag;
		if(in1 && dflag)
			continue;
		if(in1 && s2.n > 0)
			r = cflag || i >= s2.n ? s2.r[s2.n-1] : s2.r[i];
		if(sflag && r == last && (find(squeeze, r) >= 0) ^ (squeeze == &s1 && cflag))
			continue;
		Bputrune(&bout, r);
		last = r;
	}
	Bflush(&bout);
	exits(nil);
}
