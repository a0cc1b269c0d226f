/*
 * A driver for a fuzz target: run every corpus file, then mutations
 * of them from a fixed seed, count of them or for seconds. A crash
 * (ASan, UBSan, a failed require) first saves the input that did it
 * to the crash file; running the driver with that file as the only
 * corpus replays it.
 * usage: fuzzNAME [-n count] [-t seconds] [-s seed] [-c crashfile] corpus...
 */
#include <u.h>
#include <libc.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sanitizer/common_interface_defs.h>
#include <xorshift.h>
#include "fuzz.h"

typedef struct Input Input;

enum {
	Maxinput	= 1<<20,
	Hot		= 0x1100,	/* headers: ELF's, multiboot's within the first pages */
};

struct Input {
	uchar	*data;
	usize	len;
};

static Input *corpus;
static int ncorpus;
static uchar *cur;
static usize curlen;
static char *crashfile = "crash";
static u64int rng;

static u64int
next(void)
{
	return xorshift(&rng);
}

static u64int
below(u64int n)
{
	return n == 0 ? 0 : next() % n;
}

/* Async-signal-safe: the process is about to die. */
static void
savecrash(void)
{
	int fd;

	if(cur == nil)
		return;
	fd = open(crashfile, O_WRONLY|O_CREAT|O_TRUNC, 0666);
	if(fd >= 0){
		if(write(fd, cur, curlen) < 0)
			;
		close(fd);
	}
	write(2, "fuzz: input saved in ", 21);
	write(2, crashfile, strlen(crashfile));
	write(2, "\n", 1);
}

static void
onsignal(int sig)
{
	savecrash();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
readcorpus(char *name)
{
	FILE *f;
	Input *in;

	f = fopen(name, "rb");
	if(f == nil){
		fprintf(stderr, "fuzz: %s: cannot open\n", name);
		exit(2);
	}
	corpus = realloc(corpus, (ncorpus+1) * sizeof corpus[0]);
	in = &corpus[ncorpus++];
	in->data = malloc(Maxinput);
	in->len = fread(in->data, 1, Maxinput, f);
	fclose(f);
}

/* An offset to damage: half the time among the headers. */
static usize
offset(usize len)
{
	if(len == 0)
		return 0;
	if(next() & 1)
		return below(len < Hot ? len : Hot);
	return below(len);
}

/* Values that lie well: edges of sizes, addresses and signs. */
static u64int
interesting(usize len)
{
	static u64int v[] = {
		0, 1, 2, 0x7f, 0x80, 0xff, 0xfff, 0x1000, 0x7fff, 0x8000, 0xffff,
		0x100000, 0x7fffffff, 0x80000000, 0xfffff000, 0xffffffff,
		1ULL<<32, 1ULL<<47, 1ULL<<63, ~0ULL,
	};

	switch(below(4)){
	case 0:
		return len + below(16) - 8;
	case 1:
		return next();
	}
	return v[below(nelem(v))];
}

static void
put(uchar *p, usize len, usize off, u64int v, int size)
{
	int i;

	for(i = 0; i < size && off+i < len; i++)
		p[off+i] = v >> 8*i;
}

static u64int
get(uchar *p, usize len, usize off, int size)
{
	u64int v;
	int i;

	v = 0;
	for(i = 0; i < size && off+i < len; i++)
		v |= (u64int)p[off+i] << 8*i;
	return v;
}

/* One random change to buf[0:*len] (capacity Maxinput). */
static void
mutate(uchar *buf, usize *len)
{
	static int sizes[] = {1, 2, 4, 8};
	usize off, n, m;
	Input *o;
	int size;

	off = offset(*len);
	size = sizes[below(nelem(sizes))];
	switch(below(8)){
	case 0:
		if(*len > 0)
			buf[off] ^= 1 << below(8);
		break;
	case 1:
		put(buf, *len, off & ~(usize)(size-1), interesting(*len), size);
		break;
	case 2:	/* a field that lies by a little or a page */
		off &= ~(usize)3;
		put(buf, *len, off, get(buf, *len, off, 4) + (below(2) ? below(9) - 4 : (below(2) ? 4096 : -4096)), 4);
		break;
	case 3:
		*len = below(*len + 1);
		break;
	case 4:	/* delete a run */
		n = below(*len - off + 1) % 256;
		memmove(buf+off, buf+off+n, *len-off-n);
		*len -= n;
		break;
	case 5:	/* repeat a run */
		n = below(*len - off + 1) % 256;
		if(*len + n <= Maxinput){
			memmove(buf+off+n, buf+off, *len-off);
			*len += n;
		}
		break;
	case 6:	/* another input's bytes over this one's */
		o = &corpus[below(ncorpus)];
		m = offset(o->len);
		n = below(o->len - m + 1) % 512;
		if(off + n > *len)
			n = *len - off;
		memmove(buf+off, o->data+m, n);
		break;
	case 7:
		if(*len > 0)
			buf[off] = interesting(*len);
		break;
	}
}

static void
run(uchar *data, usize len)
{
	uchar *exact;

	/* exactly len bytes, so ASan sees a read past the end */
	exact = malloc(len ? len : 1);
	memmove(exact, data, len);
	cur = exact;
	curlen = len;
	LLVMFuzzerTestOneInput(exact, len);
	cur = nil;
	free(exact);
}

int
main(int argc, char **argv)
{
	uchar *buf;
	usize len;
	vlong count, i;
	time_t end;
	int opt, j, seconds;
	char *name;

	count = 10000;
	seconds = 0;
	rng = 1;
	while((opt = getopt(argc, argv, "n:t:s:c:")) != -1)
		switch(opt){
		case 'n': count = strtoll(optarg, nil, 0); break;
		case 't': seconds = atoi(optarg); break;
		case 's': rng = strtoull(optarg, nil, 0) | 1; break;
		case 'c': crashfile = optarg; break;
		default:
			fprintf(stderr, "usage: %s [-n count] [-t seconds] [-s seed] [-c crashfile] corpus...\n", argv[0]);
			return 2;
		}
	for(j = optind; j < argc; j++)
		readcorpus(argv[j]);
	if(ncorpus == 0){
		fprintf(stderr, "fuzz: no corpus\n");
		return 2;
	}
	__sanitizer_set_death_callback(savecrash);
	signal(SIGABRT, onsignal);
	signal(SIGSEGV, onsignal);
	signal(SIGBUS, onsignal);
	signal(SIGFPE, onsignal);

	for(j = 0; j < ncorpus; j++)
		run(corpus[j].data, corpus[j].len);
	buf = malloc(Maxinput);
	end = time(nil) + seconds;
	for(i = 0; seconds > 0 ? time(nil) < end : i < count; i++){
		j = below(ncorpus);
		len = corpus[j].len;
		memmove(buf, corpus[j].data, len);
		for(opt = 1 + below(4); opt > 0; opt--)
			mutate(buf, &len);
		run(buf, len);
	}
	free(buf);
	for(j = 0; j < ncorpus; j++)
		free(corpus[j].data);
	free(corpus);
	name = strrchr(argv[0], '/');
	name = name != nil ? name+1 : argv[0];
	printf("ok %s: %d corpus inputs, %lld mutations\n", name, ncorpus, i);
	return 0;
}
