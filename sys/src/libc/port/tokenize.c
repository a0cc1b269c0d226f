#include <u.h>
#include <libc.h>

static int
isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Split s in place into at most max words separated by white space,
 * with rc's quoting: '...' protects spaces and '' inside it is a quote.
 */
int
tokenize(char *s, char **args, int max)
{
	char *w;
	int n, quoted;

	n = 0;
	while(n < max){
		while(isspace(*s))
			s++;
		if(*s == 0)
			break;
		args[n++] = w = s;
		quoted = 0;
		for(; *s != 0; s++){
			if(*s == '\''){
				if(quoted && s[1] == '\''){
					*w++ = *++s;
					continue;
				}
				quoted = !quoted;
				continue;
			}
			if(!quoted && isspace(*s))
				break;
			*w++ = *s;
		}
		if(*s != 0)
			s++;
		*w = 0;
	}
	return n;
}
