#include <u.h>
#include <libc.h>

enum
{
	Chunk	= 128,
};

/*
 * The value of /env/name as one string: rc stores each word
 * followed by a NUL, so the words are joined with spaces.
 */
char*
getenv(char *name)
{
	char path[KNAMELEN+8], *s, *t;
	long n, m;
	int fd;

	if(strchr(name, '/') != nil || strlen(name) > KNAMELEN)
		return nil;
	snprint(path, sizeof path, "/env/%s", name);
	fd = open(path, OREAD);
	if(fd < 0)
		return nil;
	s = nil;
	n = 0;
	do{
		t = realloc(s, n+Chunk+1);
		if(t == nil){
			free(s);
			close(fd);
			return nil;
		}
		s = t;
		m = read(fd, s+n, Chunk);
		if(m > 0)
			n += m;
	}while(m > 0);
	close(fd);
	if(n > 0 && s[n-1] == 0)
		n--;
	s[n] = 0;
	for(t = s; t < s+n; t++)
		if(*t == 0)
			*t = ' ';
	return s;
}
