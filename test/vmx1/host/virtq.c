/*
 * The virtqueue walker against rings a hostile driver writes: chains
 * that loop, leave RAM, grow huge or break the descriptor rules must
 * be refused, never followed; then a fixed-seed fuzz of random rings
 * under the sanitizers.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include <virtio.h>
#include "vio.h"
#include "test.h"

enum {
	Ramsize	= 1<<20,
	Qsize	= 8,
	Descs	= 0x10000,
	Avail	= 0x11000,
	Used	= 0x12000,
	Table	= 0x13000,
	Data	= 0x20000,

	N	= 1,	/* descriptor flags */
	W	= 2,
	I	= 4,

	Fuzzruns	= 20000,
};

static uchar *ram;
static Vq q;
static Vbuf b;
static u16int availidx;

static void
desc(uvlong table, int i, u64int addr, u32int len, u16int flags, u16int next)
{
	uchar *p;

	p = ram + table + 16*i;
	put64(p, addr);
	put32(p+8, len);
	put16(p+12, flags);
	put16(p+14, next);
}

static void
offer(u16int head)
{
	put16(ram + Avail + 4 + 2*(availidx % Qsize), head);
	put16(ram + Avail + 2, ++availidx);
}

static void
setup(int indirect, int eventidx)
{
	memset(ram, 0, Ramsize);
	memset(&q, 0, sizeof q);
	q.size = Qsize;
	q.desc = Descs;
	q.avail = Avail;
	q.used = Used;
	q.indirect = indirect;
	q.eventidx = eventidx;
	availidx = 0;
	if(vqstart(&q) != nil)
		abort();
	q.enabled = 1;
}

/* One chain at head 0 after setup; returns what vqpop said. */
static int
pop1(char **err)
{
	offer(0);
	*err = nil;
	return vqpop(&q, &b, err);
}

static void
refused(char *name, char *why)
{
	char *err;
	int r;

	r = pop1(&err);
	check(name, r < 0 && err != nil, "%s: vqpop gave %d", why, r);
}

static void
starts(void)
{
	Vq v;

	memset(&v, 0, sizeof v);
	v.size = 6;
	v.desc = Descs;
	v.avail = Avail;
	v.used = Used;
	check("virtq-start-size", vqstart(&v) != nil, "queue size 6 accepted");
	v.size = 512;
	check("virtq-start-big", vqstart(&v) != nil, "queue size 512 accepted");
	v.size = 8;
	v.desc = Descs + 8;
	check("virtq-start-align", vqstart(&v) != nil, "misaligned descriptor table accepted");
	v.desc = Descs;
	v.used = Ramsize - 8;
	check("virtq-start-ram", vqstart(&v) != nil, "used ring past RAM accepted");
	v.used = 0xfec00000;
	check("virtq-start-mmio", vqstart(&v) != nil, "used ring in MMIO accepted");
	v.used = Used;
	check("virtq-start-ok", vqstart(&v) == nil, "good rings refused");
}

static void
chains(void)
{
	char *err;
	uchar out[24];
	int r;

	setup(0, 0);
	check("virtq-empty", vqpop(&q, &b, &err) == 0, "empty ring popped");

	setup(0, 0);
	desc(Descs, 0, Data, 16, N, 3);
	desc(Descs, 3, Data+0x100, 8, N, 5);
	desc(Descs, 5, Data+0x200, 512, W, 0);
	memmove(ram + Data, "0123456789abcdef", 16);
	memmove(ram + Data + 0x100, "ghijklmn", 8);
	r = pop1(&err);
	check("virtq-chain", r == 1 && b.nseg == 3 && b.nread == 2 && b.rlen == 24 && b.wlen == 512
		&& b.seg[2].p == ram + Data + 0x200 && b.head == 0, "pop %d nseg %d nread %d", r, b.nseg, b.nread);
	check("virtq-read", vbread(&b, 10, out, 24) == 14 && memcmp(out, "abcdefghijklmn", 14) == 0,
		"reading across segments");
	check("virtq-write", vbwrite(&b, 500, "xyzxyzxyzxyzxyzxyz", 18) == 12 && memcmp(ram + Data + 0x200 + 500, "xyzxyzxyzxyz", 12) == 0,
		"writing past the writable part");
	check("virtq-drained", vqpop(&q, &b, &err) == 0, "popped twice");

	setup(0, 0);
	desc(Descs, 0, Data, 16, N, 1);
	desc(Descs, 1, Data, 16, N, 0);
	refused("virtq-loop", "two descriptors pointing at each other");

	setup(0, 0);
	desc(Descs, 0, Data, 16, N, 0);
	refused("virtq-selfloop", "a descriptor pointing at itself");

	setup(0, 0);
	desc(Descs, 0, Data, 16, N, Qsize);
	refused("virtq-next-range", "next index past the table");

	setup(0, 0);
	put16(ram + Avail + 4, 200);
	put16(ram + Avail + 2, ++availidx);
	r = vqpop(&q, &b, &err);
	check("virtq-head-range", r < 0, "head index 200 followed");

	setup(0, 0);
	desc(Descs, 0, 0xf0000000, 16, 0, 0);
	refused("virtq-addr-mmio", "buffer in the PCI hole");

	setup(0, 0);
	desc(Descs, 0, Ramsize - 8, 16, 0, 0);
	refused("virtq-addr-end", "buffer across the end of RAM");

	setup(0, 0);
	desc(Descs, 0, Data, 0xffffffff, W, 0);
	refused("virtq-huge", "4G buffer");

	setup(0, 0);
	desc(Descs, 0, 0xfffffffffffff000ULL, 0x2000, 0, 0);
	refused("virtq-wrap", "buffer wrapping the address space");

	setup(0, 0);
	desc(Descs, 0, Data, 16, W|N, 1);
	desc(Descs, 1, Data, 16, 0, 0);
	refused("virtq-order", "readable after writable");

	setup(0, 0);
	put16(ram + Avail + 2, Qsize + 1);
	r = vqpop(&q, &b, &err);
	check("virtq-idx-jump", r < 0, "available index %d ahead of a queue of %d followed", Qsize+1, Qsize);
}

static void
indirects(void)
{
	char *err;
	int r;

	setup(0, 0);
	desc(Descs, 0, Table, 48, I, 0);
	refused("virtq-indirect-unoffered", "indirect table without the feature");

	setup(1, 0);
	desc(Descs, 0, Table, 48, I, 0);
	desc(Table, 0, Data, 16, N, 2);
	desc(Table, 2, Data+0x100, 4, N|W, 1);
	desc(Table, 1, Data+0x200, 1, W, 0);
	r = pop1(&err);
	check("virtq-indirect", r == 1 && b.nseg == 3 && b.nread == 1 && b.wlen == 5, "pop %d nseg %d", r, b.nseg);

	setup(1, 0);
	desc(Descs, 0, Data, 16, N, 1);
	desc(Descs, 1, Table, 16, I, 0);
	desc(Table, 0, Data+0x200, 1, W, 0);
	r = pop1(&err);
	check("virtq-indirect-tail", r == 1 && b.nseg == 2 && b.nread == 1, "direct then indirect: pop %d", r);

	setup(1, 0);
	desc(Descs, 0, Table, 48, I|N, 1);
	refused("virtq-indirect-next", "indirect descriptor with NEXT");

	setup(1, 0);
	desc(Descs, 0, Table, 32, I, 0);
	desc(Table, 0, Table, 16, I, 0);
	refused("virtq-indirect-nested", "indirect table in an indirect table");

	setup(1, 0);
	desc(Descs, 0, Table, 40, I, 0);
	refused("virtq-indirect-len", "table length not a multiple of 16");

	setup(1, 0);
	desc(Descs, 0, Table, 0, I, 0);
	refused("virtq-indirect-empty", "empty table");

	setup(1, 0);
	desc(Descs, 0, Table, 16*(Qsize+1), I, 0);
	refused("virtq-indirect-big", "table longer than the queue");

	setup(1, 0);
	desc(Descs, 0, Ramsize - 16, 32, I, 0);
	refused("virtq-indirect-ram", "table across the end of RAM");

	setup(1, 0);
	desc(Descs, 0, Table, 32, I, 0);
	desc(Table, 0, Data, 16, N, 1);
	desc(Table, 1, Data, 16, N, 0);
	refused("virtq-indirect-loop", "loop inside the table");
}

static void
pushes(void)
{
	char *err;
	int irq1, irq2;

	setup(0, 0);
	desc(Descs, 0, Data, 1, W, 0);
	pop1(&err);
	irq1 = vqpush(&q, 0, 1);
	check("virtq-push", get16(ram + Used + 2) == 1 && get32(ram + Used + 4) == 0 && get32(ram + Used + 8) == 1 && irq1,
		"used ring not filled or no interrupt");
	put16(ram + Avail, 1);	/* VIRTQ_AVAIL_F_NO_INTERRUPT */
	pop1(&err);
	check("virtq-nointr", !vqpush(&q, 0, 1), "interrupt despite NO_INTERRUPT");

	/* event index: the driver wants an interrupt when used->idx passes used_event */
	setup(0, 1);
	desc(Descs, 0, Data, 1, W, 0);
	put16(ram + Avail + 4 + 2*Qsize, 1);
	pop1(&err);
	irq1 = vqpush(&q, 0, 1);
	pop1(&err);
	irq2 = vqpush(&q, 0, 1);
	check("virtq-eventidx", !irq1 && irq2, "interrupts %d %d, want 0 1", irq1, irq2);
	vqpop(&q, &b, &err);
	check("virtq-availevent", get16(ram + Used + 4 + 8*Qsize) == 2, "avail_event %d, want 2",
		get16(ram + Used + 4 + 8*Qsize));
}

/* Random rings: every chain popped lies in RAM and respects the order rule. */
static void
fuzz(void)
{
	char *err;
	uchar *end;
	int i, j, r, bad, npop, nerr;

	srand(1);
	bad = npop = nerr = 0;
	for(i = 0; i < Fuzzruns && !bad; i++){
		setup(rand() & 1, rand() & 1);
		for(j = 0; j < Qsize; j++)
			desc(Descs, j, rand() % 3 ? Data + (rand() & 0xffff) : (u64int)rand() << 20,
				rand() % 4 ? rand() & 0x3ff : (u32int)rand() << 1, rand() & 7, rand() % (Qsize+2));
		for(j = 0; j < 4; j++)
			desc(Table, j, Data + (rand() & 0xfff), rand() & 0xff, rand() & 7, rand() % 5);
		if(rand() & 1)
			desc(Descs, rand() % Qsize, Table, 16*(rand() % 6), I | (rand() & 1), 0);
		put16(ram + Avail + 4, rand() % (Qsize+1));
		put16(ram + Avail + 2, rand() % 3 ? 1 : rand());
		r = vqpop(&q, &b, &err);
		if(r < 0){
			nerr++;
			continue;
		}
		if(r == 0)
			continue;
		npop++;
		end = ram + Ramsize;
		for(j = 0; j < b.nseg; j++)
			if(b.seg[j].p < ram || b.seg[j].p + b.seg[j].len > end)
				bad = 1;
	}
	check("virtq-fuzz", !bad && npop > 0 && nerr > 0, "run %d: %d popped, %d refused", i, npop, nerr);
}

int
main(void)
{
	ram = calloc(1, Ramsize);
	raminit(ram, Ramsize);
	starts();
	chains();
	indirects();
	pushes();
	fuzz();
	return checkstatus();
}
