#include <u.h>
#include <libc.h>

char*
strchr(char *s, int c)
{
	for(;; s++){
		if(*s == (char)c)
			return s;
		if(*s == 0)
			return nil;
	}
}
