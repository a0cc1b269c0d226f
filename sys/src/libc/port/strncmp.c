#include <u.h>
#include <libc.h>

int
strncmp(char *a, char *b, long n)
{
	uchar c, d;

	for(; n > 0; n--){
		c = *a++;
		d = *b++;
		if(c != d)
			return c < d ? -1 : 1;
		if(c == 0)
			break;
	}
	return 0;
}
