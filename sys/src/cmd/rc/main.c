#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/* rc: start-up and the command loop. */

char	flags[128];
int	interactive;

static void
usage(void)
{
	fprint(2, "usage: rc [-eilx] [-c command] [file [arg ...]]\n");
	exits("usage");
}

/*
 * Parse and run the commands of in, a line at a time, to its end.
 * At the top level of an interactive rc, errors and interrupts go
 * back to the prompt; anywhere else they end the loop, and
 * stopping() carries them on up.
 */
void
runinput(Input *in, int top)
{
	Parser p;
	Tree *t;
	int eof, prompting;

	prompting = top && interactive;
	for(;;){
		parseinit(&p, in);
		in->continuing = 0;
		t = parseline(&p);
		eof = p.tok.type == Eof;
		if(!interrupted && p.err != nil){
			fprint(2, "rc: %s\n", p.err);
			setstatus("syntax error");
			if(prompting)
				skipline(in);
			else
				unwinding = 1;
		}else if(!interrupted)
			execseq(t, 0);
		freetree(t);
		parsefree(&p);
		if(!stopping()){
			if(eof)
				break;
			continue;
		}
		if(!prompting)
			break;
		if(interrupted){
			in->pos = in->n;
			write(2, "\n", 1);
			setstatus("interrupted");
		}
		interrupted = 0;
		unwinding = 0;
	}
}

static Word*
wordlist(int n, char **s)
{
	Word *list;

	list = nil;
	while(n > 0)
		list = newword(estrdup(s[--n]), list);
	return list;
}

static void
setdefaults(void)
{
	char buf[16];

	setvar("ifs", wordlist(3, (char*[]){" ", "\t", "\n"}));
	setvar("path", wordlist(2, (char*[]){".", "/bin"}));
	setvar("prompt", wordlist(2, (char*[]){"% ", "\t"}));
	importenv();
	snprint(buf, sizeof buf, "%d", getpid());
	setvar("pid", newword(estrdup(buf), nil));
	setstatus("");
}

/* -l: a login shell first runs $home/lib/profile. */
static void
profile(void)
{
	Word *home;
	Input in;
	char *file;
	int fd;

	home = getvar("home");
	if(home == nil)
		return;
	file = inpath(home->s, "lib/profile");
	fd = open(file, OREAD|OCEXEC);
	if(fd >= 0){
		fdinput(&in, fd, file, 0);
		runinput(&in, 0);
		free(in.buf);
		close(fd);
	}
	free(file);
	if(interactive){
		interrupted = 0;
		unwinding = 0;
	}
}

void
main(int argc, char *argv[])
{
	char *cmd;
	Input in;
	int fd;

	cmd = nil;
	ARGBEGIN{
	case 'c':
		cmd = EARGF(usage());
		break;
	case 'e':
	case 'i':
	case 'l':
	case 'x':
		flags[ARGC()] = 1;
		break;
	default:
		usage();
	}ARGEND

	setdefaults();
	if(cmd != nil){
		stringinput(&in, cmd, "-c");
		setvar("0", newword(estrdup(argv0), nil));
		setvar("*", wordlist(argc, argv));
	}else if(argc > 0){
		fd = open(argv[0], OREAD|OCEXEC);
		if(fd < 0){
			fprint(2, "rc: can't open %s: %r\n", argv[0]);
			exits("can't open");
		}
		fdinput(&in, fd, argv[0], flags['i']);
		setvar("0", newword(estrdup(argv[0]), nil));
		setvar("*", wordlist(argc-1, argv+1));
	}else{
		fdinput(&in, 0, "stdin", flags['i'] || isconsole(0));
		setvar("0", newword(estrdup(argv0), nil));
		setvar("*", nil);
	}
	interactive = in.interactive;
	flags['i'] = interactive;
	catchnotes();
	if(flags['l'])
		profile();
	runinput(&in, 1);
	exits(interrupted ? "interrupted" : getstatus());
}
