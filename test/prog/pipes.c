#include <u.h>
#include <libc.h>
#include "check.h"

/*
 * pipes: pipe(3) keeps write boundaries. Each check makes pipes,
 * writes and reads them through system calls, and prints "ok NAME"
 * or "not ok NAME: why"; the exit status is empty when all passed.
 * Messages say who wrote them: their first four bytes are a number
 * from which their length and the rest of their bytes follow.
 */

enum
{
	Pipesize	= 32*1024,	/* pipe(3): the longest write kept whole */
	Big		= 128*1024,	/* a read buffer longer than any message */
	Hdr		= 4,
};

static uchar	buf[Big];
static uchar	msg[Big];

/* The length of message number k whose lengths go up to max. */
static long
msglen(ulong k, long max)
{
	return Hdr + k*7919 % (max-Hdr+1);
}

/* Message k, of n bytes, in p. */
static void
fill(uchar *p, ulong k, long n)
{
	long j;

	p[0] = k;
	p[1] = k>>8;
	p[2] = k>>16;
	p[3] = k>>24;
	for(j = Hdr; j < n; j++)
		p[j] = k*31 + j;
}

/* Whether the n bytes at p are a message of lengths up to max; its number in *k. */
static int
valid(uchar *p, long n, long max, ulong *k)
{
	long j;

	if(n < Hdr)
		return 0;
	*k = p[0] | p[1]<<8 | p[2]<<16 | (ulong)p[3]<<24;
	if(n != msglen(*k, max))
		return 0;
	for(j = Hdr; j < n; j++)
		if(p[j] != (uchar)(*k*31 + j))
			return 0;
	return 1;
}

static void
mkpipe(int *fd)
{
	if(pipe(fd) < 0)
		sysfatal("pipe: %r");
}

/* Writes messages first..first+n-1 on fd, of lengths up to max; how many went. */
static int
writemsgs(int fd, ulong first, int n, long max)
{
	long len;
	int i;

	for(i = 0; i < n; i++){
		len = msglen(first+i, max);
		fill(msg, first+i, len);
		if(write(fd, msg, len) != len)
			break;
	}
	return i;
}

/* Writing to a pipe with no reader is an error, not the end (a child's own notify). */
static void
ignore(void*, char *note)
{
	noted(strcmp(note, "sys: write on closed pipe") == 0 ? NCONT : NDFLT);
}

/* Runs f(fd[end], arg) in a child process, which closes the pipe's other end. */
static void
child(void (*f)(int, ulong), int *fd, int end, ulong arg)
{
	switch(rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		close(fd[!end]);
		f(fd[end], arg);
		exits(nil);
	}
}

/* Waits for n children; the number of them that failed. */
static int
reap(int n)
{
	Waitmsg *w;
	int bad;

	bad = 0;
	while(n-- > 0){
		w = wait();
		if(w == nil)
			sysfatal("wait: %r");
		if(w->msg[0] != 0){
			fprint(2, "pipes: child: %s\n", w->msg);
			bad++;
		}
		free(w);
	}
	return bad;
}

/* Reads n messages; how many came whole and in order, from number first on. */
static int
readmsgs(int fd, ulong first, int n, long max)
{
	ulong k;
	int i;

	for(i = 0; i < n; i++)
		if(!valid(buf, read(fd, buf, sizeof buf), max, &k) || k != first+i)
			break;
	return i;
}

/* A hundred writes queued before any read, each read back alone. */
static void
queued(void)
{
	int fd[2], n;

	mkpipe(fd);
	if(writemsgs(fd[1], 0, 100, 200) != 100)
		sysfatal("write: %r");
	n = readmsgs(fd[0], 0, 100, 200);
	check("pipe-boundaries", n == 100, "message %d read wrong", n);
	close(fd[0]);
	close(fd[1]);
}

static void
writer(int fd, ulong first)
{
	if(writemsgs(fd, first, 2000, 5000) != 2000)
		sysfatal("write: %r");
}

/* Many writes, ahead of the reader and behind it, through a full pipe. */
static void
streamed(void)
{
	int fd[2], n, bad;
	long eof;

	mkpipe(fd);
	child(writer, fd, 1, 0);
	close(fd[1]);
	n = readmsgs(fd[0], 0, 2000, 5000);
	eof = read(fd[0], buf, sizeof buf);
	close(fd[0]);
	bad = reap(1);
	check("pipe-boundaries-streamed", n == 2000 && eof == 0 && bad == 0,
		"%d of 2000 messages whole, then %ld", n, eof);
}

/* A read shorter than a message leaves the rest for the next, and no more. */
static void
shortread(void)
{
	int fd[2];
	long a, b, c;

	mkpipe(fd);
	fill(msg, 1, 5000);
	write(fd[1], msg, 5000);
	write(fd[1], "next", 4);
	a = read(fd[0], buf, 100);
	b = read(fd[0], buf+100, sizeof buf - 100);
	c = read(fd[0], buf+5000, sizeof buf - 5000);
	check("pipe-short-read", a == 100 && b == 4900 && c == 4 && memcmp(buf, msg, 5000) == 0 && memcmp(buf+5000, "next", 4) == 0,
		"reads of %ld, %ld, %ld bytes", a, b, c);
	close(fd[0]);
	close(fd[1]);
}

/* Nothing caps a read but the message (the old pipes returned 512 bytes at most). */
static void
longread(void)
{
	int fd[2];
	long n;

	mkpipe(fd);
	fill(msg, 2, 4000);
	write(fd[1], msg, 4000);
	n = read(fd[0], buf, sizeof buf);
	check("pipe-long-read", n == 4000 && memcmp(buf, msg, n) == 0, "read %ld of 4000 bytes", n);
	close(fd[0]);
	close(fd[1]);
}

/* A zero-length write is a zero-length read between its neighbours. */
static void
zerowrite(void)
{
	int fd[2];
	long w, a, b, c;

	mkpipe(fd);
	write(fd[1], "a", 1);
	w = write(fd[1], "", 0);
	write(fd[1], "bc", 2);
	a = read(fd[0], buf, sizeof buf);
	b = read(fd[0], buf, sizeof buf);
	c = read(fd[0], buf, sizeof buf);
	check("pipe-zero-write", w == 0 && a == 1 && b == 0 && c == 2 && memcmp(buf, "bc", 2) == 0,
		"write gave %ld, reads %ld, %ld, %ld", w, a, b, c);
	close(fd[0]);
	close(fd[1]);
}

static void
bigwriter(int fd, ulong first)
{
	if(writemsgs(fd, first, 200, Pipesize) != 200)
		sysfatal("write: %r");
}

/*
 * Two writers of messages up to the pipe's size, most too long to
 * share it with another: each read is one writer's whole message,
 * each writer's in order.
 */
static void
twowriters(void)
{
	int fd[2], i, n[2], bad;
	ulong k, next[2];

	mkpipe(fd);
	child(bigwriter, fd, 1, 0);
	child(bigwriter, fd, 1, 1000);
	close(fd[1]);
	next[0] = 0;
	next[1] = 1000;
	n[0] = n[1] = 0;
	bad = 0;
	for(i = 0; i < 400; i++){
		if(!valid(buf, read(fd[0], buf, sizeof buf), Pipesize, &k)){
			bad++;
			continue;
		}
		if(k == next[0]){
			next[0]++;
			n[0]++;
		}else if(k == next[1]){
			next[1]++;
			n[1]++;
		}
	}
	close(fd[0]);
	bad += reap(2);
	check("pipe-two-writers", bad == 0 && n[0] == 200 && n[1] == 200,
		"%d broken messages or writers; %d and %d of 200 whole in order", bad, n[0], n[1]);
}

static void
reader(int fd, ulong out)
{
	ulong k;
	int n;

	n = 0;
	while(valid(buf, read(fd, buf, sizeof buf), 3000, &k))
		n++;
	fprint(out, "%d", n);
}

/*
 * Two readers share a writer's messages: every read is a whole
 * message, and the two count all of them (the writer ends with an
 * empty message for each).
 */
static void
tworeaders(void)
{
	int fd[2], res[2], i, got[2], bad;

	mkpipe(fd);
	mkpipe(res);
	child(reader, fd, 0, res[1]);
	child(reader, fd, 0, res[1]);
	close(fd[0]);
	writemsgs(fd[1], 0, 1000, 3000);
	write(fd[1], "", 0);
	write(fd[1], "", 0);
	for(i = 0; i < 2; i++){
		memset(buf, 0, 16);
		read(res[0], buf, 15);
		got[i] = atoi((char*)buf);
	}
	bad = reap(2);
	check("pipe-two-readers", got[0]+got[1] == 1000 && bad == 0,
		"%d and %d of 1000 messages read whole", got[0], got[1]);
	close(fd[1]);
	close(res[0]);
	close(res[1]);
}

/* A write of the pipe's size goes in whole and is read whole. */
static void
fullwrite(void)
{
	int fd[2];
	long w, n;

	mkpipe(fd);
	fill(msg, 3, Pipesize);
	w = write(fd[1], msg, Pipesize);
	n = read(fd[0], buf, sizeof buf);
	check("pipe-full-write", w == Pipesize && n == Pipesize && memcmp(buf, msg, n) == 0,
		"wrote %ld, read %ld of %d", w, n, Pipesize);
	close(fd[0]);
	close(fd[1]);
}

static void
hugewriter(int fd, ulong)
{
	fill(msg, 4, 2*Pipesize+5);
	if(write(fd, msg, 2*Pipesize+5) != 2*Pipesize+5)
		sysfatal("write: %r");
}

/* A write longer than the pipe arrives as messages of its size, in order. */
static void
overwrite(void)
{
	int fd[2], bad;
	long a, b, c;

	mkpipe(fd);
	child(hugewriter, fd, 1, 0);
	close(fd[1]);
	a = read(fd[0], buf, sizeof buf);
	b = read(fd[0], buf+Pipesize, sizeof buf - Pipesize);
	c = read(fd[0], buf+2*Pipesize, sizeof buf - 2*Pipesize);
	fill(msg, 4, 2*Pipesize+5);
	close(fd[0]);
	bad = reap(1);
	check("pipe-over-capacity", a == Pipesize && b == Pipesize && c == 5 && memcmp(buf, msg, 2*Pipesize+5) == 0 && bad == 0,
		"reads of %ld, %ld, %ld bytes", a, b, c);
}

/* The writer's end closed with messages queued: they, then end of file. */
static void
hangup(void)
{
	int fd[2];
	long a, b, c, d, e;

	mkpipe(fd);
	write(fd[1], "0123456789", 10);
	write(fd[1], "abcdefghijklmnopqrst", 20);
	write(fd[1], "-----------------------------", 30);
	close(fd[1]);
	a = read(fd[0], buf, sizeof buf);
	b = read(fd[0], buf, sizeof buf);
	c = read(fd[0], buf, sizeof buf);
	d = read(fd[0], buf, sizeof buf);
	e = read(fd[0], buf, sizeof buf);
	check("pipe-hangup-queued", a == 10 && b == 20 && c == 30 && d == 0 && e == 0,
		"reads of %ld, %ld, %ld, %ld, %ld bytes", a, b, c, d, e);
	close(fd[0]);
}


static void
blockedwriter(int fd, ulong)
{
	char err[ERRMAX];

	notify(ignore);
	fill(msg, 5, Pipesize);
	if(write(fd, msg, Pipesize) != Pipesize)
		sysfatal("first write: %r");
	if(write(fd, msg, Pipesize) >= 0)
		sysfatal("second write succeeded");
	rerrstr(err, sizeof err);
	if(strcmp(err, "write on closed pipe") != 0)
		sysfatal("second write: %s", err);
}

/* A writer waiting for room when the reader goes gets an error. */
static void
hangupwriter(void)
{
	int fd[2];

	mkpipe(fd);
	child(blockedwriter, fd, 1, 0);
	close(fd[1]);
	sleep(200);
	close(fd[0]);
	check("pipe-hangup-writer", reap(1) == 0, "the writer did not fail as it should");
}

/* A pipe's length is the bytes queued to be read, without the boundaries. */
static void
length(void)
{
	int fd[2];
	Dir *d;

	mkpipe(fd);
	write(fd[1], buf, 10);
	write(fd[1], buf, 20);
	write(fd[1], buf, 30);
	d = dirfstat(fd[0]);
	if(d == nil)
		sysfatal("dirfstat: %r");
	check("pipe-length", d->length == 60, "length %lld, want 60", d->length);
	free(d);
	close(fd[0]);
	close(fd[1]);
}

void
main(int, char**)
{
	notify(ignore);
	queued();
	streamed();
	shortread();
	longread();
	zerowrite();
	twowriters();
	tworeaders();
	fullwrite();
	overwrite();
	hangup();
	hangupwriter();
	length();
	exits(checkstatus() ? "failed" : nil);
}
