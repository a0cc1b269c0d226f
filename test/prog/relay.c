#include <u.h>
#include <libc.h>

/*
 * relay A B: copies what is read from the file A to the file B and
 * from B to A, a read and a write a message, and prints the length of
 * each message as "a N" (from A) or "b N". Each way ends at end of
 * file, or a write failing; the test of vmx(1)'s network cards puts
 * it in the middle of their cable to see the frames one by one.
 */

enum { Maxmsg = 64*1024 };

static uchar buf[Maxmsg];

static void
copy(int from, int to, char *name)
{
	long n;

	while((n = read(from, buf, sizeof buf)) > 0){
		print("%s %ld\n", name, n);
		if(write(to, buf, n) != n)
			break;
	}
}

void
main(int argc, char **argv)
{
	int a, b;

	if(argc != 3){
		fprint(2, "usage: relay a b\n");
		exits("usage");
	}
	a = open(argv[1], ORDWR);
	b = open(argv[2], ORDWR);
	if(a < 0 || b < 0)
		sysfatal("open: %r");
	switch(rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		copy(b, a, "b");
		exits(nil);
	}
	copy(a, b, "a");
	wait();
	exits(nil);
}
