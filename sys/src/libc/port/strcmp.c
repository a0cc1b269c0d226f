#include <u.h>
#include <libc.h>

int
strcmp(char *a, char *b)
{
	uchar c, d;

	do{
		c = *a++;
		d = *b++;
		if(c != d)
			return c < d ? -1 : 1;
	}while(c != 0);
	return 0;
}
