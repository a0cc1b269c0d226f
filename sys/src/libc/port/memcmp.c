#include <u.h>
#include <libc.h>

int
memcmp(void *a, void *b, usize n)
{
	uchar *p, *q;

	p = a;
	q = b;
	for(; n > 0; n--, p++, q++)
		if(*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}
