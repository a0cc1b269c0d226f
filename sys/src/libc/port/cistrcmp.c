#include <u.h>
#include <libc.h>

static int
lower(uchar c)
{
	if(c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}

/* Compare ASCII case-insensitively; n < 0 means no limit. */
static int
cicmp(char *a, char *b, long n)
{
	int c, d;

	for(; n != 0; n--){
		c = lower(*a++);
		d = lower(*b++);
		if(c != d)
			return c < d ? -1 : 1;
		if(c == 0)
			break;
	}
	return 0;
}

int
cistrcmp(char *a, char *b)
{
	return cicmp(a, b, -1);
}

int
cistrncmp(char *a, char *b, int n)
{
	if(n <= 0)
		return 0;
	return cicmp(a, b, n);
}
