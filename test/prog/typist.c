#include <u.h>
#include <libc.h>

/*
 * typist PROMPT LINE: copies standard input to standard output and,
 * the first time a line of it starts with PROMPT, writes LINE and a
 * newline to file descriptor 3. vmx(1)'s self-boot test reads the
 * guest's console through it so as to type at the guest's rc only
 * once that prompts: a line typed before the guest kernel's console
 * reads input is dropped.
 */

enum { Bufsize = 8192 };

static char buf[Bufsize];

void
main(int argc, char **argv)
{
	char *prompt, *line;
	long n, i, col;
	int typed;

	if(argc != 3){
		fprint(2, "usage: typist prompt line\n");
		exits("usage");
	}
	prompt = argv[1];
	line = argv[2];
	typed = 0;
	col = 0;	/* how far the current line matches prompt, or -1 once it does not */
	while((n = read(0, buf, sizeof buf)) > 0){
		if(write(1, buf, n) != n)
			sysfatal("write: %r");
		for(i = 0; i < n && !typed; i++){
			if(buf[i] == '\n' || buf[i] == '\r')
				col = 0;
			else if(col >= 0 && buf[i] == prompt[col])
				col++;
			else
				col = -1;
			if(col > 0 && prompt[col] == 0){
				if(fprint(3, "%s\n", line) < 0)
					sysfatal("type: %r");
				typed = 1;
			}
		}
	}
	if(n < 0)
		sysfatal("read: %r");
	if(!typed)
		exits("no prompt");
	exits(nil);
}
