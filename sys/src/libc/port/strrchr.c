#include <u.h>
#include <libc.h>

char*
strrchr(char *s, int c)
{
	char *last;

	last = nil;
	for(;; s++){
		if(*s == (char)c)
			last = s;
		if(*s == 0)
			return last;
	}
}
