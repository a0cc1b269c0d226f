#include <u.h>
#include <libc.h>

/* No ARGBEGIN: only a leading -n is an option, so "echo -x" prints -x. */
void
main(int argc, char *argv[])
{
	int i, nflag;
	long len;
	char *buf, *p;

	nflag = argc > 1 && strcmp(argv[1], "-n") == 0;
	len = 1;
	for(i = 1+nflag; i < argc; i++)
		len += strlen(argv[i]) + 1;
	buf = malloc(len);
	if(buf == nil){
		fprint(2, "echo: no memory\n");
		exits("no memory");
	}
	p = buf;
	for(i = 1+nflag; i < argc; i++){
		if(i > 1+nflag)
			*p++ = ' ';
		strcpy(p, argv[i]);
		p += strlen(p);
	}
	if(!nflag)
		*p++ = '\n';
	if(write(1, buf, p-buf) != p-buf){
		fprint(2, "echo: write error: %r\n");
		exits("write error");
	}
	exits(nil);
}
