#include <u.h>
#include <libc.h>
#include "../port/le.h"

enum
{
	Guess	= STATFIXLEN + 4*16,	/* room for typical names */
};

/*
 * Stat name, or fd if name is nil, into a malloc'd Dir.  A stat that
 * does not fit returns just the size field, so a second try fits.
 */
static Dir*
statdir(char *name, int fd)
{
	Dir *d;
	uchar *buf;
	int i, n, size;

	size = Guess;
	for(i = 0; i < 2; i++){
		d = malloc(sizeof(Dir) + size);
		if(d == nil)
			return nil;
		buf = (uchar*)&d[1];
		n = name != nil ? stat(name, buf, size) : fstat(fd, buf, size);
		if(n < BIT16SZ){
			free(d);
			return nil;
		}
		size = BIT16SZ + GBIT16(buf);
		if(size <= n){
			if(convM2D(buf, n, d, (char*)buf) == 0){
				free(d);
				werrstr("bad stat format");
				return nil;
			}
			return d;
		}
		free(d);
	}
	werrstr("stat changed size");
	return nil;
}

Dir*
dirstat(char *name)
{
	return statdir(name, -1);
}

Dir*
dirfstat(int fd)
{
	return statdir(nil, fd);
}
