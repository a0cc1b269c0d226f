/*
 * The virtio test guest: drives the virtio devices vmx(1) puts on
 * PCI through the checks named on its command line, e.g.
 *	disk=MARK diskid=NAME disktail=N rodisk=MARK net=4 link=4 mac=HEX cons=TEXT rng=TEXT bad master=MARK
 * disk: the first block device holds MARK in sector 0, its last
 * sector N bytes of the file and then zeros, and it takes a write of
 * sector 1; rodisk: the second one holds MARK and refuses writes;
 * net: the first two cards, cabled to each other, carry N frames each
 * way; link: the first card sends N frames and receives N from
 * another guest on its cable; mac: the first card's address is HEX; cons: the console prints a line and reads TEXT;
 * rng: the entropy device, interrupting through MSI-X, gives TEXT's
 * first 16 bytes; bad: broken chains and rings make the first block
 * device ask for a reset, after which it works again; master: the
 * first block device, holding MARK, takes no request and the entropy
 * device sends no MSI-X message while their bus mastering is off;
 * masterheld: after master, the request is answered and the message,
 * pending meanwhile, sent once mastering is on.
 * Prints "ok NAME" or "not ok NAME: why"; the verdict goes to 0xf4.
 */
#include <u.h>
#include "guest.h"
#include <virtio.h>
#include "viodrv.h"

enum {
	Maxframe	= 1514,
	Ethertype	= 0x88b5,	/* IEEE's for local experiments */

	Lapicsvr	= 0xf0,
	Lapiceoi	= 0xb0,
	Msixvec		= 46,	/* our IDT ends at 47; the PIC's IRQ 14 stays masked */
	Rnglen		= 16,
};

typedef struct Blkhdr Blkhdr;
struct Blkhdr {
	u32int	type;
	u32int	reserved;
	u64int	sector;
};

static Vio vio[Maxvio];
static int nvio;
static long usedlen;
static volatile int intxs, msixs;
static Vdesc table[4] __attribute__((aligned(16)));
static uchar buf[2*Vblksector];
static uchar pattern[Vblksector];

static Vio*
find(int type, int nth)
{
	int i;

	for(i = 0; i < nvio; i++)
		if(vio[i].type == type && nth-- == 0)
			return &vio[i];
	return nil;
}

static Blkhdr blkhdr;
static u8int blkstatus;

/* Puts one block request on the queue; blkstatus is 0xff until it is answered. */
static void
blksubmit(Vio *v, u32int type, u64int sector, void *data, u32int len, int indirect)
{
	Vseg s[3];
	int n;

	blkhdr.type = type;
	blkhdr.sector = sector;
	blkstatus = 0xff;
	n = 0;
	s[n++] = (Vseg){&blkhdr, sizeof blkhdr};
	if(len > 0)
		s[n++] = (Vseg){data, len};
	s[n++] = (Vseg){&blkstatus, 1};
	if(indirect)
		viosubmitindirect(v, 0, table, s, n, type == Vblkout ? 2 : 1);
	else
		viosubmit(v, 0, s, n, type == Vblkout ? 2 : 1);
}

/* One block request; returns its status byte, or -1 if no answer came. */
static int
blkio(Vio *v, u32int type, u64int sector, void *data, u32int len, int indirect)
{
	blksubmit(v, type, sector, data, len, indirect);
	usedlen = viowait(v, 0);
	return usedlen < 0 ? -1 : blkstatus;
}

/* INTx: read (and so acknowledge) the ISR of every device on the line. */
static void
intx(void)
{
	int i;

	for(i = 0; i < nvio; i++)
		if(r8(vio[i].isr) & 1)
			intxs++;
}

static int
zeros(uchar *p, int n)
{
	while(n-- > 0)
		if(*p++ != 0)
			return 0;
	return 1;
}

/* The common configuration through the configuration access window, as through the BAR. */
static void
window(Vio *v)
{
	u32int nq, sel;

	if(v->windowcap == 0){
		check("disk window", 0, "no VIRTIO_PCI_CAP_PCI_CFG capability");
		return;
	}
	nq = viowindowread(v, Vcnumq, 2);
	check("disk window read", nq != 0 && nq == r16(v->common+Vcnumq), "%ud queues through the window, %ud through the BAR",
		nq, r16(v->common+Vcnumq));
	viowindowwrite(v, Vcgfsel, 4, 1);
	sel = r32(v->common+Vcgfsel);
	w32(v->common+Vcgfsel, 0);
	check("disk window write", sel == 1, "driver feature select %ud after writing 1 through the window", sel);
}

static void
disk(char *mark)
{
	Vio *v;
	u64int cap;
	char id[Vblkidlen+1], *tail;
	int st, i, n;

	if(mark == nil || (v = find(Vidblk, 0)) == nil){
		check("disk", 0, "no block device or no mark");
		return;
	}
	if(viostart(v, Vfversion1|Vfindirect|Vfblkflush, 1) < 0){
		check("disk start", 0, "status %ux", viostatus(v));
		return;
	}
	irqhandler[v->irq] = intx;
	picinit(~(1<<2), ~(1<<(v->irq-8)));
	asm volatile("sti");
	cap = r32(v->devcfg) | (u64int)r32(v->devcfg+4) << 32;
	print("disk capacity %llud sectors\n", cap);
	n = 0;
	st = blkio(v, Vblkin, 0, buf, Vblksector, 1);
	n++;
	check("disk read", st == Vblkok && usedlen == Vblksector+1 && memcmp(buf, mark, strlen(mark)) == 0,
		"status %d, %ld bytes", st, usedlen);
	for(i = 0; i < Vblksector; i++)
		pattern[i] = "virtio-blk wrote sector 1\n"[i % 26];
	st = blkio(v, Vblkout, 1, pattern, Vblksector, 0);
	n++;
	check("disk write", st == Vblkok && usedlen == 1, "status %d, %ld bytes", st, usedlen);
	memset(buf, 0, sizeof buf);
	st = blkio(v, Vblkin, 1, buf, Vblksector, 0);
	n++;
	check("disk read back", st == Vblkok && memcmp(buf, pattern, Vblksector) == 0, "status %d", st);
	if((tail = bootarg("disktail")) != nil){
		n++;
		i = parsesize(tail);
		st = blkio(v, Vblkin, cap-1, buf, Vblksector, 0);
		check("disk tail", st == Vblkok && i > 0 && i < Vblksector && buf[i-1] != 0 && zeros(buf+i, Vblksector-i),
			"status %d; the last sector should hold %d bytes, then zeros", st, i);
	}
	st = blkio(v, Vblkin, cap-1, buf, 2*Vblksector, 0);
	n++;
	check("disk past the end", st == Vblkioerr, "status %d reading the last sector and one more", st);
	st = blkio(v, Vblkflush, 0, nil, 0, 0);
	n++;
	check("disk flush", st == Vblkok && usedlen == 1, "status %d", st);
	memset(id, 0, sizeof id);
	st = blkio(v, Vblkgetid, 0, id, Vblkidlen, 0);
	n++;
	print("disk id %s\n", id);
	check("disk id", st == Vblkok && bootarg("diskid") != nil && strcmp(id, bootarg("diskid")) == 0,
		"status %d, id \"%s\"", st, id);
	for(i = 0; i < 1000000 && intxs < n; i++)
		asm volatile("pause");
	asm volatile("cli");
	print("disk interrupts %d for %d requests\n", intxs, n);
	check("disk intx", intxs > 0 && intxs <= n, "%d interrupts for %d requests", intxs, n);
	window(v);
}

static void
rodisk(char *mark)
{
	Vio *v;
	int st;

	if(mark == nil || (v = find(Vidblk, 1)) == nil){
		check("rodisk", 0, "no second block device or no mark");
		return;
	}
	if(viostart(v, Vfversion1|Vfblkro, 1) < 0){
		check("rodisk start", 0, "status %ux", viostatus(v));
		return;
	}
	check("rodisk flag", (v->features & Vfblkro) != 0, "VIRTIO_BLK_F_RO not offered");
	memset(pattern, 'X', Vblksector);
	st = blkio(v, Vblkout, 0, pattern, Vblksector, 0);
	check("rodisk write refused", st == Vblkioerr, "status %d", st);
	st = blkio(v, Vblkin, 0, buf, Vblksector, 0);
	check("rodisk read", st == Vblkok && memcmp(buf, mark, strlen(mark)) == 0, "status %d", st);
}

static uchar hdr[Vnethdrlen], out[Maxframe], in[Vnethdrlen + Maxframe];
static uchar broadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static void
mac(Vio *v, uchar *a)
{
	int i;

	for(i = 0; i < 6; i++)
		a[i] = r8(v->devcfg + i);
}

/* Frame i from src to dst in out; returns its length, which differs with i. */
static long
mkframe(uchar *src, uchar *dst, int i)
{
	long n;
	int j;

	n = 60 + 97*i % (Maxframe - 60);
	memmove(out, dst, 6);
	memmove(out+6, src, 6);
	out[12] = Ethertype >> 8;
	out[13] = Ethertype & 0xff;
	for(j = 14; j < n; j++)
		out[j] = i + j;
	return n;
}

/* Sends frame i to dst; 1 if the card took it. */
static int
sendframe(Vio *from, uchar *dst, int i)
{
	uchar src[6];
	Vseg s[2];

	mac(from, src);
	s[0] = (Vseg){hdr, Vnethdrlen};
	s[1] = (Vseg){out, mkframe(src, dst, i)};
	viosubmit(from, 1, s, 2, 2);
	return viowait(from, 1) == 0;
}

/* Receives a frame; 1 if it is frame i to dst from a card other than ours. */
static int
recvframe(Vio *to, uchar *dst, int i)
{
	uchar self[6];
	Vseg s[1];
	long len, n;

	memset(in, 0, sizeof in);
	s[0] = (Vseg){in, sizeof in};
	viosubmit(to, 0, s, 1, 0);
	len = viowait(to, 0);
	mac(to, self);
	if(len < Vnethdrlen + 14 || memcmp(in + Vnethdrlen + 6, self, 6) == 0)
		return 0;
	n = mkframe(in + Vnethdrlen + 6, dst, i);
	return len == Vnethdrlen + n && memcmp(in + Vnethdrlen, out, n) == 0 && in[Vnetnumbufs] == 1;
}

/* Frame i from one card to the other; 1 if it arrived whole. */
static int
frame(Vio *from, Vio *to, int i)
{
	uchar dst[6];

	mac(to, dst);
	return sendframe(from, dst, i) && recvframe(to, dst, i);
}

static void
net(char *arg)
{
	Vio *a, *b;
	int i, n, ab, ba;

	a = find(Vidnet, 0);
	b = find(Vidnet, 1);
	n = arg != nil ? parsesize(arg) : 0;
	if(a == nil || b == nil || n == 0){
		check("net", 0, "two network cards and a frame count wanted");
		return;
	}
	if(viostart(a, Vfversion1|Vfnetmac|Vfnetstatus, 2) < 0 || viostart(b, Vfversion1|Vfnetmac|Vfnetstatus, 2) < 0){
		check("net start", 0, "status %ux %ux", viostatus(a), viostatus(b));
		return;
	}
	check("net link", (r16(a->devcfg+6) & 1) && (r16(b->devcfg+6) & 1), "link down");
	check("net mac", r32(a->devcfg) != r32(b->devcfg) || r16(a->devcfg+4) != r16(b->devcfg+4),
		"both cards have the same address");
	ab = ba = 0;
	for(i = 0; i < n; i++){
		ab += frame(a, b, i);
		ba += frame(b, a, n+i);
	}
	print("net frames %d and %d of %d\n", ab, ba, n);
	check("net frames", ab == n && ba == n, "%d one way, %d the other, of %d", ab, ba, n);
}

/* The first card's address is the twelve hex digits of arg. */
static void
macaddr(char *arg)
{
	Vio *v;
	uchar want[6], have[6];
	int i, d, ok;

	if(arg == nil || strlen(arg) != 12 || (v = find(Vidnet, 0)) == nil){
		check("mac", 0, "a network card and twelve hex digits wanted");
		return;
	}
	ok = 1;
	memset(want, 0, sizeof want);
	for(i = 0; i < 12; i++){
		d = arg[i];
		if(d >= '0' && d <= '9')
			d -= '0';
		else if(d >= 'a' && d <= 'f')
			d -= 'a' - 10;
		else
			ok = 0;
		want[i/2] |= (d & 0xf) << (i & 1 ? 0 : 4);
	}
	mac(v, have);
	check("mac", ok && memcmp(have, want, 6) == 0, "address %x:%x:%x:%x:%x:%x",
		have[0], have[1], have[2], have[3], have[4], have[5]);
}

/* Another guest on the other end of the first card's cable does the same. */
static void
link(char *arg)
{
	Vio *v;
	int i, n, sent, got;

	v = find(Vidnet, 0);
	n = arg != nil ? parsesize(arg) : 0;
	if(v == nil || n == 0){
		check("link", 0, "a network card and a frame count wanted");
		return;
	}
	if(viostart(v, Vfversion1|Vfnetmac|Vfnetstatus, 2) < 0){
		check("link start", 0, "status %ux", viostatus(v));
		return;
	}
	sent = got = 0;
	for(i = 0; i < n; i++)
		sent += sendframe(v, broadcast, i);
	for(i = 0; i < n; i++)
		got += recvframe(v, broadcast, i);
	print("link frames %d sent, %d received of %d\n", sent, got, n);
	check("link frames", sent == n && got == n, "%d sent, %d received of %d", sent, got, n);
}

static void
cons(char *text)
{
	static char line[] = "virtio console says hello\n";
	static char in[64];
	Vio *v;
	Vseg s[1];
	long len, got;

	if(text == nil || (v = find(Vidcons, 0)) == nil){
		check("cons", 0, "no console or no text");
		return;
	}
	if(viostart(v, Vfversion1, 2) < 0){
		check("cons start", 0, "status %ux", viostatus(v));
		return;
	}
	s[0] = (Vseg){line, strlen(line)};
	viosubmit(v, 1, s, 1, 1);
	check("cons write", viowait(v, 1) == 0, "no answer");
	for(got = 0; got < strlen(text); got += len){
		s[0] = (Vseg){in + got, sizeof in - 1 - got};
		viosubmit(v, 0, s, 1, 0);
		if((len = viowait(v, 0)) <= 0)
			break;
	}
	check("cons read", got >= strlen(text) && strncmp(in, text, strlen(text)) == 0, "read \"%s\"", in);
}

static void
msix(void)
{
	msixs++;
	w32((uchar*)Lapic + Lapiceoi, 0);
}

static void
rng(char *text)
{
	static uchar bytes[Rnglen];
	Vio *v;
	Vseg s[1];
	long len;
	int i;

	if(text == nil || strlen(text) < Rnglen || (v = find(Vidrng, 0)) == nil){
		check("rng", 0, "no entropy device or text too short");
		return;
	}
	if(!(vionegotiate(v, Vfversion1) & Vsfeaturesok) || v->msixtable == nil){
		check("rng start", 0, "status %ux", viostatus(v));
		return;
	}
	w32((uchar*)Lapic + Lapicsvr, 1<<8 | 47);
	irqhandler[Msixvec - Virq0] = msix;
	viomsix(v, Msixvec);
	if(vioqueue(v, 0, 0) < 0){
		check("rng queue", 0, "MSI-X vector 0 refused");
		return;
	}
	w8(v->common + Vcstatus, Vsack|Vsdriver|Vsfeaturesok|Vsdriverok);
	asm volatile("sti");
	s[0] = (Vseg){bytes, Rnglen};
	viosubmit(v, 0, s, 1, 0);
	len = viowait(v, 0);
	for(i = 0; i < 1000000 && msixs == 0; i++)
		asm volatile("pause");
	asm volatile("cli");
	check("rng bytes", len == Rnglen && memcmp(bytes, text, Rnglen) == 0, "%ld bytes", len);
	check("rng msix", msixs == 1, "%d MSI-X interrupts, want 1", msixs);
}

/* A chain the device must refuse: it asks for a reset and takes nothing off the ring. */
static void
refused(char *name, Vio *v)
{
	int reset;
	u16int used;

	viokick(v, 0, 0);
	reset = vioneedsreset(v);
	used = *(volatile u16int*)(v->q[0].used + 2);
	check(name, reset && used == 0, "needs-reset %d, used index %d", reset, used);
}

static void
bad(char *arg)
{
	static Blkhdr h;
	static u8int st;
	Vio *v;
	Vdesc *d;

	if((v = find(Vidblk, 0)) == nil){
		check("bad", 0, "no block device");
		return;
	}
	check("bad feature", !(vionegotiate(v, Vfversion1|Vfblksizemax) & Vsfeaturesok), "unoffered feature accepted");
	check("bad version", !(vionegotiate(v, 0) & Vsfeaturesok), "driver without VERSION_1 accepted");

	viostart(v, Vfversion1, 1);
	d = v->q[0].desc;
	d[0] = (Vdesc){(uintptr)&h, sizeof h, Vdnext, 1};
	d[1] = (Vdesc){(uintptr)buf, Vblksector, Vdnext|Vdwrite, 0};
	refused("bad loop", v);

	viostart(v, Vfversion1, 1);
	d[0] = (Vdesc){0xf0000000, sizeof h, Vdnext, 1};
	d[1] = (Vdesc){(uintptr)&st, 1, Vdwrite, 0};
	refused("bad address", v);

	viostart(v, Vfversion1, 1);
	d[0] = (Vdesc){(uintptr)&h, 0xffffffff, Vdnext, 1};
	d[1] = (Vdesc){(uintptr)&st, 1, Vdwrite, 0};
	refused("bad length", v);

	viostart(v, Vfversion1, 1);
	d[0] = (Vdesc){(uintptr)&h, sizeof h, Vdnext|Vdindirect, 1};
	d[1] = (Vdesc){(uintptr)&st, 1, Vdwrite, 0};
	refused("bad indirect", v);

	vionegotiate(v, Vfversion1);
	check("bad ring", viobadring(v, 0, 0xc0000000), "ring outside RAM accepted");

	viostart(v, Vfversion1, 1);
	check("bad then good", blkio(v, Vblkin, 0, buf, Vblksector, 0) == Vblkok, "no read after the reset");
}

/*
 * What master leaves for masterheld: the disk's request and the
 * entropy device's message, held while bus mastering is off.
 */
static struct {
	Vio	*blk;
	Vio	*rng;
	char	*mark;
	int	msixs;		/* interrupts taken before */
} held;

/*
 * With bus mastering off in its PCI command register a function must
 * not touch memory (PCI 3.0, 6.2.2), and so sends no MSI-X message,
 * which is a memory write (6.8.3): the disk leaves a request
 * untouched, for as long as any answer takes to come, and the entropy
 * device, whose vector was masked when it owed an interrupt (the
 * pending bit then set), sends nothing when the vector is unmasked
 * with mastering off.
 */
static void
master(char *mark)
{
	static uchar bytes[Rnglen];
	Vio *v, *r;
	Vseg s[1];
	u16int used;
	long len;
	int i, pending;

	if(mark == nil || (v = find(Vidblk, 0)) == nil || (r = find(Vidrng, 0)) == nil){
		check("master", 0, "no block device, entropy device or mark");
		return;
	}
	if(viostart(v, Vfversion1, 1) < 0){
		check("master start", 0, "status %ux", viostatus(v));
		return;
	}
	viomaster(v, 0);
	memset(buf, 0, sizeof buf);
	blksubmit(v, Vblkin, 0, buf, Vblksector, 0);
	usedlen = viowait(v, 0);
	used = *(volatile u16int*)(v->q[0].used + 2);
	check("master off", usedlen < 0 && used == 0 && blkstatus == 0xff && zeros(buf, Vblksector),
		"answered with bus mastering off: used index %d, status %d", used, blkstatus);

	if(!(vionegotiate(r, Vfversion1) & Vsfeaturesok) || r->msixtable == nil){
		check("master msix start", 0, "status %ux", viostatus(r));
		return;
	}
	picinit(~0, ~0);
	w32((uchar*)Lapic + Lapicsvr, 1<<8 | 47);
	irqhandler[Msixvec - Virq0] = msix;
	viomsix(r, Msixvec);
	w32(r->msixtable + 12, 1);	/* entry 0 masked */
	if(vioqueue(r, 0, 0) < 0){
		check("master msix queue", 0, "MSI-X vector 0 refused");
		return;
	}
	w8(r->common + Vcstatus, Vsack|Vsdriver|Vsfeaturesok|Vsdriverok);
	held.msixs = msixs;
	asm volatile("sti");
	s[0] = (Vseg){bytes, Rnglen};
	viosubmit(r, 0, s, 1, 0);
	len = viowait(r, 0);
	/* the device sets the pending bit after it has written the used ring */
	for(i = 0; i < 100000 && (r32(r->msixpba) & 1) == 0; i++)
		asm volatile("pause");
	pending = r32(r->msixpba) & 1;
	check("master msix masked", len > 0 && pending && msixs == held.msixs,
		"%ld bytes, pending bit %d, %d interrupts", len, pending, msixs - held.msixs);
	viomaster(r, 0);
	w32(r->msixtable + 12, 0);
	for(i = 0; i < 100000 && msixs == held.msixs; i++)
		asm volatile("pause");
	asm volatile("cli");
	check("master msix off", msixs == held.msixs, "%d interrupts with bus mastering off", msixs - held.msixs);
	held.blk = v;
	held.rng = r;
	held.mark = mark;
}

/*
 * After master, vmx's devices keep what they held: with bus mastering
 * on again the disk answers the request, and the entropy device, its
 * pending bit still set, sends the message.
 */
static void
masterheld(char*)
{
	int i, pending;
	long len;

	if(held.blk == nil){
		check("masterheld", 0, "master did not run");
		return;
	}
	viomaster(held.blk, 1);
	len = viowait(held.blk, 0);
	check("masterheld request", len >= 0 && blkstatus == Vblkok && memcmp(buf, held.mark, strlen(held.mark)) == 0,
		"status %d once bus mastering was back on", len < 0 ? -1 : blkstatus);
	pending = r32(held.rng->msixpba) & 1;
	check("masterheld pending", pending, "no pending bit with bus mastering off");
	viomaster(held.rng, 1);
	asm volatile("sti");
	for(i = 0; i < 1000000 && msixs == held.msixs; i++)
		asm volatile("pause");
	asm volatile("cli");
	pending = r32(held.rng->msixpba) & 1;
	check("masterheld msix", msixs == held.msixs + 1 && !pending,
		"%d interrupts once bus mastering was on, pending bit %d", msixs - held.msixs, pending);
}

static Check checks[] = {
	{"disk", disk},
	{"rodisk", rodisk},
	{"net", net},
	{"link", link},
	{"mac", macaddr},
	{"cons", cons},
	{"rng", rng},
	{"bad", bad},
	{"master", master},
	{"masterheld", masterheld},
};

void
main(u32int magic, uintptr info)
{
	uartinit();
	parseboot(magic, info);
	trapinit();
	nvio = vioscan(vio, Maxvio);
	print("virtio devices %d\n", nvio);
	runchecks(checks, nelem(checks));
}
