#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

extern int cpupokes[2], cpunmis[2], cpuinits[2], cpusipis[2];

enum {
	Base	= 0xfee00000,
	Id	= Base+0x20,
	Tpr	= Base+0x80,
	Ldr	= Base+0xd0,
	Dfr	= Base+0xe0,
	Eoi	= Base+0xb0,
	Svr	= Base+0xf0,
	Isr	= Base+0x100,
	Irr	= Base+0x200,
	Esr	= Base+0x280,
	Icrlo	= Base+0x300,
	Icrhi	= Base+0x310,
	Lvtt	= Base+0x320,
	Lint0	= Base+0x350,
	Error	= Base+0x370,
	Init	= Base+0x380,
	Cur	= Base+0x390,
	Div	= Base+0x3e0,
};

/* Enabled as a kernel leaves it: spurious vector 0xff, LINT0 masked. */
static void
setup(void)
{
	lapicdev.init();
	i8259dev.init();
	mmiow(Svr, 0x1ff);
	mmiow(Lint0, 1<<16);
	fakenow += 1000000000;
}

static int
count(int vec)
{
	int n;

	n = 0;
	while(takeintr(0) == vec){
		n++;
		mmiow(Eoi, 0);
	}
	return n;
}

/* Both in the cluster model with logical ids ldr0 and ldr1, vCPU 0's APIC in use. */
static void
clusters(int ldr0, int ldr1)
{
	setup();
	mmiow(Dfr, 0x0fffffff);
	mmiow(Ldr, ldr0<<24);
	lapicuse(1);
	mmiow(Svr, 0x1ff);
	mmiow(Dfr, 0x0fffffff);
	mmiow(Ldr, ldr1<<24);
	lapicuse(0);
}

/* Logical ids in the cluster model, a destination, the vCPUs that take it as bits. */
static struct {
	char	*name;
	int	ldr0, ldr1, dest, want;
} clustered[] = {
	{"cluster-member", 0x11, 0x22, 0x22, 2},
	{"cluster-own", 0x11, 0x22, 0x13, 1},
	{"cluster-absent-member", 0x11, 0x22, 0x21, 0},
	{"cluster-absent", 0x11, 0x22, 0x33, 0},
	{"cluster-broadcast", 0x11, 0x22, 0xff, 3},
	{"cluster-two", 0x11, 0x12, 0x13, 3},
};

/* vCPU 0 sends vec to the logical destination dest: which vCPUs have it requested, as bits. */
static int
logical(int dest, int mode, int vec)
{
	mmiow(Icrhi, (u32int)dest<<24);
	mmiow(Icrlo, 1<<11 | mode | vec);
	return (lapicnext(0) == vec) | (lapicnext(1) == vec) << 1;
}

static u32int vpage[1024];

int
main(void)
{
	int i, v, w, n;
	u32int c, eoi[8];

	lapicdev.init();
	ioapicdev.init();
	i8259dev.init();

	check("version", (mmior(Base+0x30) & 0xff00ff) == 0x50014, "version %#x", mmior(Base+0x30));
	check("id", mmior(Base+0x20) == 0, "id %#x", mmior(Base+0x20));

	/* software-disabled from reset: the 8259 gets through LINT0, a fixed interrupt is refused */
	lapicdev.init();
	outb(0x20, 0x11); outb(0x21, 0x20); outb(0x21, 0x04); outb(0x21, 0x01);
	mmiow(Icrlo, 1<<18 | 0x40);
	i8259line(1, 1);
	check("disabled-extint", takeintr(0) == 0x21, "8259 irq 1 not through LINT0");
	check("disabled-refuses", takeintr(0) == -1 && mmior(Irr+0x20) == 0, "0x40 accepted while disabled");
	mmiow(Svr, 0x1ff);
	check("enabled-refused-gone", takeintr(0) == -1, "0x40 taken once enabled");

	/* disabling holds what was requested and masks the LVT, LINT0 too */
	mmiow(Icrlo, 1<<18 | 0x41);
	mmiow(Svr, 0xff);
	mmiow(Lint0, 7<<8);
	check("disabled-holds", lapicnext(0) == -1 && (mmior(Irr+0x20) & 1<<1), "irr %#x", mmior(Irr+0x20));
	check("disabled-masks", (mmior(Lint0) & 1<<16) && !lapicextint(0), "lint0 %#x", mmior(Lint0));
	mmiow(Svr, 0x1ff);
	check("enabled-held", takeintr(0) == 0x41, "0x41 lost");
	mmiow(Eoi, 0);

	setup();
	i8259line(1, 0);
	i8259line(1, 1);
	check("lint0-masked", takeintr(0) == -1, "8259 irq through a masked LINT0");

	/* priority: a higher class interrupts, the same or lower class waits for EOI */
	setup();
	lapicirq(0x51, 0);
	v = takeintr(0);
	check("ack", v == 0x51 && (mmior(Isr+0x20) & 1<<0x11) && mmior(Irr+0x20) == 0,
		"vector %#x isr %#x", v, mmior(Isr+0x20));
	lapicirq(0x55, 0);
	check("same-class-waits", takeintr(0) == -1, "0x55 in during 0x51");
	lapicirq(0x61, 0);
	check("higher-class-nests", takeintr(0) == 0x61, "0x61 held back");
	mmiow(Eoi, 0);
	check("eoi-highest", !(mmior(Isr+0x20) & 1<<1) && (mmior(Isr+0x20) & 1<<0x11), "isr %#x", mmior(Isr+0x20));
	mmiow(Eoi, 0);
	check("after-eoi", takeintr(0) == 0x55, "0x55 lost");
	mmiow(Eoi, 0);

	/* requested is not yet in service: those requested at once go highest first, one per EOI */
	setup();
	lapicirq(0x41, 0);
	lapicirq(0x7e, 0);
	lapicirq(0x52, 0);
	check("requested", lapicnext(0) == 0x7e && mmior(Isr+0x30) == 0 && (mmior(Irr+0x30) & 1<<0x1e),
		"next %#x isr %#x irr %#x", lapicnext(0), mmior(Isr+0x30), mmior(Irr+0x30));
	v = takeintr(0);
	w = takeintr(0);
	check("highest-first", v == 0x7e && w == -1, "took %#x then %#x", v, w);
	mmiow(Eoi, 0);
	v = takeintr(0);
	mmiow(Eoi, 0);
	w = takeintr(0);
	mmiow(Eoi, 0);
	check("then-by-eoi", v == 0x52 && w == 0x41 && mmior(Isr+0x20) == 0,
		"took %#x then %#x", v, w);
	lapicirq(0x45, 0);
	mmiow(Tpr, 0x40);
	check("tpr-withdraws", lapicnext(0) == -1 && (mmior(Irr+0x20) & 1<<5), "0x45 above tpr 0x40");
	mmiow(Tpr, 0);

	setup();
	mmiow(Tpr, 0x50);
	lapicirq(0x52, 0);
	check("tpr-blocks", takeintr(0) == -1, "0x52 above tpr 0x50");
	mmiow(Tpr, 0x40);
	check("tpr-lowered", takeintr(0) == 0x52, "0x52 lost");

	/* illegal vectors set ESR and raise the error LVT */
	setup();
	mmiow(Error, 0xfe);
	lapicirq(3, 0);
	mmiow(Esr, 0);
	check("esr", mmior(Esr) == 1<<7, "esr %#x", mmior(Esr));
	check("error-lvt", takeintr(0) == 0xfe, "no error interrupt");

	/* a self IPI */
	setup();
	mmiow(Icrlo, 1<<18 | 0x77);
	check("self-ipi", takeintr(0) == 0x77, "no self ipi");

	/* the timer: 100 MHz divided by 16 is 160 ns a count */
	setup();
	mmiow(Div, 3);
	mmiow(Lvtt, 1<<16 | 0x30);
	mmiow(Init, ~0U);
	advance(10000000);
	c = ~0U - mmior(Cur);
	check("count-rate", c == 10000000/160, "%u counts in 10 ms", c);
	check("masked-timer", takeintr(0) == -1, "interrupt from a masked timer");

	setup();
	mmiow(Div, 0xb);
	mmiow(Lvtt, 1<<17 | 0x30);
	mmiow(Init, 1000000);		/* 10 ms */
	w = 0;
	for(v = 0; v < 10; v++){
		advance(10000000);
		w += count(0x30);
	}
	check("periodic", w == 10, "%d ticks in 100 ms at 100 Hz", w);
	mmiow(Init, 0);
	advance(100000000);
	check("stopped", count(0x30) == 0 && mmior(Cur) == 0, "ticks after init count 0");

	setup();
	mmiow(Div, 0xb);
	mmiow(Lvtt, 0x31);
	mmiow(Init, 1000);
	advance(5000);
	check("oneshot-counting", mmior(Cur) == 500, "current %u", mmior(Cur));
	advance(100000);
	check("oneshot", count(0x31) == 1 && mmior(Cur) == 0, "not exactly one tick");

	/* TSC-deadline mode: the count registers idle, one interrupt per deadline */
	setup();
	mmiow(Div, 0xb);
	mmiow(Lvtt, 1<<17 | 0x32);
	mmiow(Init, 1000);
	mmiow(Lvtt, 2<<17 | 0x32);
	advance(100000);
	check("deadline-entry-disarms", count(0x32) == 0 && mmior(Init) == 0, "periodic count kept, init %u", mmior(Init));
	mmiow(Init, 1000);
	check("deadline-no-count", mmior(Init) == 0 && mmior(Cur) == 0, "init %u current %u", mmior(Init), mmior(Cur));
	lapicsetdeadline(12345, fakenow + 1000);
	check("deadline-reads", lapicdeadline() == 12345, "deadline %llu", lapicdeadline());
	advance(999);
	check("deadline-not-yet", count(0x32) == 0, "interrupt before the deadline");
	advance(1);
	check("deadline-fires", count(0x32) == 1 && lapicdeadline() == 0, "deadline %llu after it", lapicdeadline());
	advance(100000000);
	check("deadline-once", count(0x32) == 0, "a second interrupt");
	lapicsetdeadline(1, fakenow + 1000);
	lapicsetdeadline(0, 0);
	advance(100000);
	check("deadline-zero-disarms", count(0x32) == 0 && lapicdeadline() == 0, "deadline %llu", lapicdeadline());
	lapicsetdeadline(2, fakenow + 1000);
	lapicsetdeadline(3, fakenow + 5000);
	advance(4000);
	check("deadline-moved", count(0x32) == 0 && lapicdeadline() == 3, "fired at the old deadline");
	advance(1000);
	check("deadline-moved-fires", count(0x32) == 1, "no interrupt at the new deadline");
	lapicsetdeadline(4, fakenow - 10);
	advance(0);
	check("deadline-past", count(0x32) == 1, "a deadline already passed did not fire at once");
	lapicsetdeadline(5, fakenow + 1000);
	mmiow(Lvtt, 0x32);
	advance(100000);
	check("deadline-exit-disarms", count(0x32) == 0 && lapicdeadline() == 0, "deadline %llu", lapicdeadline());
	lapicsetdeadline(6, fakenow + 10);
	advance(100000);
	check("deadline-ignored-outside", count(0x32) == 0 && lapicdeadline() == 0, "deadline %llu in one-shot mode", lapicdeadline());

	/* IPIs between the two vCPUs of fakecpu.c; each APIC's id is its index */
	setup();
	lapicuse(1);
	mmiow(Svr, 0x1ff);
	mmiow(Ldr, 1<<25);
	check("apic-id", mmior(Id) == 1<<24, "id %#x", mmior(Id));
	lapicuse(0);
	check("apic-id-0", mmior(Id) == 0, "id %#x", mmior(Id));
	mmiow(Icrhi, 1<<24);
	mmiow(Icrlo, 0x41);
	check("ipi-physical", takeintr(1) == 0x41 && takeintr(0) == -1 && cpupokes[1] > 0, "not at vCPU 1 alone");
	mmiow(Icrhi, 2<<24);
	mmiow(Icrlo, 1<<11 | 0x52);
	check("ipi-logical", takeintr(1) == 0x52 && takeintr(0) == -1, "not by LDR");
	mmiow(Icrhi, 1<<24);
	mmiow(Icrlo, 1<<11 | 0x63);
	check("ipi-logical-miss", takeintr(1) == -1, "vCPU 1 outside the mask took it");
	mmiow(Icrlo, 3<<18 | 0x74);
	check("ipi-all-but-self", takeintr(1) == 0x74 && takeintr(0) == -1, "broadcast wrong");
	mmiow(Icrlo, 2<<18 | 0x85);
	check("ipi-all", takeintr(1) == 0x85 && takeintr(0) == 0x85, "broadcast wrong");
	/* lowest priority: one of the two, the lower priority, else the one with it pending */
	setup();
	lapicuse(1);
	mmiow(Svr, 0x1ff);
	mmiow(Ldr, 2<<24);
	lapicuse(0);
	mmiow(Ldr, 1<<24);
	mmiow(Tpr, 0x80);
	mmiow(Icrhi, 3<<24);
	mmiow(Icrlo, 1<<11 | 1<<8 | 0x46);
	check("ipi-lowest", lapicnext(1) == 0x46 && lapicnext(0) == -1, "not to vCPU 1 alone");
	mmiow(Tpr, 0);
	mmiow(Icrlo, 1<<11 | 1<<8 | 0x46);
	check("ipi-lowest-focus", lapicnext(1) == 0x46 && lapicnext(0) == -1, "not to vCPU 1, where 0x46 is pending");
	lapicuse(1);
	mmiow(Tpr, 0x30);
	lapicuse(0);
	mmiow(Icrlo, 1<<11 | 1<<8 | 0x57);
	check("ipi-lowest-tpr", lapicnext(0) == 0x57 && lapicnext(1) == 0x46, "0x57 not to vCPU 0, below 1's tpr");
	lapicuse(0);
	mmiow(Icrlo, 1<<18 | 4<<8);
	check("ipi-self-nmi", cpunmis[0] == 1 && cpunmis[1] == 0, "nmis %d %d", cpunmis[0], cpunmis[1]);
	mmiow(Icrhi, 1<<24);
	mmiow(Icrlo, 1<<14 | 5<<8);
	mmiow(Icrlo, 6<<8 | 0x08);
	check("init-sipi", cpuinits[1] == 1 && cpusipis[1] == 8 && cpuinits[0] == 0, "inits %d sipi %d", cpuinits[1], cpusipis[1]);
	mmiow(Icrlo, 1<<15 | 5<<8);
	check("init-deassert-ignored", cpuinits[1] == 1, "inits %d", cpuinits[1]);

	/* vCPU 1 software-disabled: it refuses fixed IPIs, takes NMIs, and lowest priority passes it by */
	setup();
	n = cpunmis[1];
	mmiow(Icrhi, 1<<24);
	mmiow(Icrlo, 0x41);
	mmiow(Icrlo, 4<<8);
	lapicuse(1);
	c = mmior(Irr+0x20);
	check("ipi-disabled", c == 0 && cpunmis[1] == n+1, "irr %#x, nmis %d", c, cpunmis[1] - n);
	mmiow(Ldr, 2<<24);
	lapicuse(0);
	mmiow(Ldr, 1<<24);
	mmiow(Tpr, 0x80);
	mmiow(Icrhi, 3<<24);
	mmiow(Icrlo, 1<<11 | 1<<8 | 0x46);
	check("ipi-lowest-enabled", (mmior(Irr+0x20) & 1<<6) && takeintr(1) == -1, "0x46 not at vCPU 0");

	/* the cluster model: fixed IPIs to the members named of the cluster named */
	for(i = 0; i < nelem(clustered); i++){
		clusters(clustered[i].ldr0, clustered[i].ldr1);
		v = logical(clustered[i].dest, 0, 0x41);
		check(clustered[i].name, v == clustered[i].want, "to %#x: taken by %#x", clustered[i].dest, v);
	}
	clusters(0x11, 0x12);
	mmiow(Tpr, 0x80);
	check("cluster-lowest", logical(0x13, 1<<8, 0x46) == 2, "not at vCPU 1 alone, below vCPU 0's tpr");
	clusters(0x11, 0x22);
	n = cpunmis[1];
	w = cpunmis[0];
	logical(0x22, 4<<8, 0);
	check("cluster-nmi", cpunmis[1] == n+1 && cpunmis[0] == w, "nmis %d %d", cpunmis[0] - w, cpunmis[1] - n);
	n = cpuinits[1];
	w = cpuinits[0];
	logical(0x22, 5<<8 | 1<<14, 0);
	check("cluster-init", cpuinits[1] == n+1 && cpuinits[0] == w, "inits %d %d", cpuinits[0] - w, cpuinits[1] - n);
	clusters(0x11, 0x22);
	n = lapicdeliver(0x22, 1, 0x63, 0, 0);
	check("cluster-deliver", n == 1 && lapicnext(1) == 0x63 && lapicnext(0) == -1, "%d took it", n);
	clusters(0x11, 0x22);
	check("cluster-deliver-none", lapicdeliver(0x12, 1, 0x63, 0, 0) == 0, "taken where cluster 1 has no member 2");

	/* vCPU 1's registers in a virtual-APIC page; what it accepts waits for cpus.c */
	lapicvirt(1, vpage);
	setup();
	lapicuse(1);
	check("virt-page", vpage[0x20/4] == 1<<24 && vpage[0x30/4] == mmior(Base+0x30) && vpage[0xf0/4] == 0xff,
		"id %#x version %#x svr %#x", vpage[0x20/4], vpage[0x30/4], vpage[0xf0/4]);
	mmiow(Svr, 0x1ff);
	lapicirq(0x41, 0);
	lapicirq(0x52, 1);
	v = lapicpost(1);
	w = lapicpost(1);
	check("virt-post-edge", v == 0x41 && w == -1 && lapicwaits(1) && mmior(Irr+0x20) == 0,
		"posted %#x then %#x", v, w);
	lapicmerge(1, eoi);
	check("virt-merge-level", mmior(Irr+0x20) == 1<<0x12 && eoi[2] == 1<<0x12 && !lapicwaits(1),
		"irr %#x eoi %#x", mmior(Irr+0x20), eoi[2]);
	vpage[0x310/4] = 0;
	vpage[0x300/4] = 1<<18 | 0x63;
	lapicwritten(0x300);
	check("virt-written-icr", lapicpost(1) == 0x63, "no self IPI from the ICR in the page");
	vpage[0x20/4] = 5<<24;
	lapicwritten(0x20);
	check("virt-written-id", mmior(Id) == 1<<24, "id %#x", mmior(Id));
	lapicuse(0);

	return checkstatus();
}
