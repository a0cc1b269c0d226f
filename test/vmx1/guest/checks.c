/*
 * The test guest: each word of the command line naming a check runs
 * it, with its expectation after '=' where it takes one, e.g.
 *	serial cmdline protocol=multiboot1 loader=vmx mem=64M module=hello
 *	cpuid=PlanNineVMX! msr gp timer=10 rtc pci input=ping
 * and those of arch.c (cr4 cr0 cr8 tsc rdtscp xsave invpcid), debug.c
 * (drregs step stepexit movss stepirq stepnmi debugctl drexec drwrite
 * drio icebp), smp.c (smp=N, 32-bit guests) and intr.c (lapicorder
 * lapictpr lapicnest).
 * (spin and chatter never end: they are for stopping vmx from outside;
 * reset=WAY resets the machine, which ends vmx -R; reboot=WAY resets
 * it and checks the next boot; warmstart=CODE resets it for a warm
 * start, which ends in real mode).
 * Prints what it saw and "ok NAME" or "not ok NAME: why" per check;
 * the verdict (0 all passed, 1 otherwise) goes to port 0xf4.
 */
#include <u.h>
#include "guest.h"

enum {
	Unknownmsr	= 0x12345678,
	Badselector	= 0x7ff8,	/* far beyond the GDT's limit */
	Movfslen	= 2,
	Hz		= 100,
	Inputsecs	= 5,
	Maxline		= 64,
	Memslack	= 2<<20,	/* firmware may keep back up to this much */

	Cmosmark	= 0x40,		/* a CMOS RAM byte no firmware of ours uses */
	Rebootmark	= 0xb7,
	Rebootprobe	= 8<<20,	/* RAM beyond the image */
	Uartscratch	= 0x3f8 + 7,

	Cmosshutdown	= 0x0f,
	Resumeptr	= 0x467,	/* 40:67, where firmware jumps on a warm start */
	Resumeat	= 0x7000,
};

#ifdef __x86_64__
#define ARCH	"amd64"
#else
#define ARCH	"386"
#endif

static void
serial(char *arg)
{
	check("serial", uartscratch(), "scratch register does not hold its value");
}

extern char imagestart[], imageend[];	/* from guest.ld */

/* Whether the loader put something inside our own image. */
static int
inimage(void *p, usize n)
{
	return (char*)p < imageend && (char*)p + n > imagestart;
}

static void
cmdline(char *arg)
{
	check("cmdline", !inimage(boot.cmdline, strlen(boot.cmdline)+1),
		"command line at %lux lies in the image", (ulong)boot.cmdline);
}

static void
loader(char *arg)
{
	check("loader", arg != nil && strncmp(boot.loader, arg, strlen(arg)) == 0,
		"loader is \"%s\"", boot.loader);
}

static void
protocol(char *arg)
{
	check("protocol", arg != nil && strcmp(boot.protocol, arg) == 0,
		"booted by %s", boot.protocol);
}

static void
mem(char *arg)
{
	uvlong want;

	if(!boot.havemmap){
		check("mem", 0, "no memory map");
		return;
	}
	print("mem %lludK\n", boot.ramtotal>>10);
	want = arg != nil ? parsesize(arg) : 0;
	check("mem", boot.ramtotal <= want && boot.ramtotal + Memslack > want,
		"memory map holds %lludK, want %lludK", boot.ramtotal>>10, want>>10);
}

static void
module(char *arg)
{
	Mod *m;
	usize n;

	if(boot.nmods == 0){
		check("module", 0, "no modules");
		return;
	}
	m = &boot.mods[0];
	print("module \"%s\" %llud bytes\n", m->name, (uvlong)m->size);
	if(inimage(m->data, m->size)){
		check("module", 0, "module at %lux lies in the image", (ulong)m->data);
		return;
	}
	n = arg != nil ? strlen(arg) : 0;
	check("module", n > 0 && m->size >= n && strncmp((char*)m->data, arg, n) == 0,
		"module does not start with \"%s\"", arg != nil ? arg : "");
}

static void
cpu(char *arg)
{
	char vendor[13], hv[13];
	int have;

	cpuvendor(vendor);
	print("cpu %s\n", vendor);
	have = hypervisor(hv);
	print("hv %s\n", have ? hv : "none");
	if(arg == nil)
		check("cpuid", vendor[0] != 0, "no vendor");
	else
		check("cpuid", have && strcmp(hv, arg) == 0, "hypervisor \"%s\", want \"%s\"", hv, arg);
}

static void
msr(char *arg)
{
	u64int v;
	int vec;

	vec = rdmsrsafe(Unknownmsr, &v);
	if(vec == Vgp)
		print("msr %ux #GP\n", Unknownmsr);
	if(vec == 0)
		check("msr", 0, "read %llux", v);
	else
		check("msr", vec == Vgp, "vector %d", vec);
}

static void
gp(char *arg)
{
	uintptr err;
	int vec;

	expectfault(Movfslen);
	asm volatile("movl %0, %%fs" : : "a"(Badselector) : "memory");
	vec = faulted(&err);
	print("gp vector %d err %lux\n", vec, (ulong)err);
	check("gp", vec == Vgp && err == Badselector, "vector %d err %lux", vec, (ulong)err);
}

static void
timer(char *arg)
{
	ulong want, got;

	want = arg != nil ? parsesize(arg) : 10;
	timerinit(Hz);
	got = waitticks(want);
	timerstop();
	print("ticks %lud\n", got);
	check("timer", got >= want, "%lud ticks, want %lud", got, want);
}

static void
rtc(char *arg)
{
	Rtc t;

	rtcread(&t);
	print("rtc %d-%d-%d %d:%d:%d\n", t.year, t.mon, t.day, t.hour, t.min, t.sec);
	check("rtc", t.year >= 2000 && t.mon >= 1 && t.mon <= 12 && t.day >= 1 && t.day <= 31
		&& t.hour < 24 && t.min < 60 && t.sec < 60, "implausible date");
}

static void
pcifound(int dev, int fn, u16int vid, u16int did)
{
	print("pci 0:%d.%d %ux:%ux\n", dev, fn, vid, did);
}

static void
pci(char *arg)
{
	int n;

	n = pciscan(pcifound);
	check("pci", n > 0, "no device on bus 0");
}

/* Reads a line from COM1 within Inputsecs seconds. */
static void
input(char *arg)
{
	char line[Maxline];
	int c, n, last, secs;

	print("input?\n");
	n = 0;
	secs = 0;
	last = rtcsecond();
	while(secs < Inputsecs && n < Maxline-1){
		c = uartgetc();
		if(c == '\n' || c == '\r')
			break;
		if(c >= 0){
			line[n++] = c;
			continue;
		}
		c = rtcsecond();
		if(c != last){
			last = c;
			secs++;
		}
	}
	line[n] = 0;
	print("input \"%s\"\n", line);
	check("input", arg != nil && strcmp(line, arg) == 0, "want \"%s\"", arg != nil ? arg : "");
}

/* Never ends and never exits to the monitor: for stopping vmx from outside. */
static void
spin(char *arg)
{
	print("spinning\n");
	asm volatile("cli");
	for(;;)
		asm volatile("" : : : "memory");
}

/* Never ends, printing numbered lines: for vmx writing into a pipe nobody reads. */
static void
chatter(char *arg)
{
	ulong n;

	for(n = 0;; n++)
		print("line %lud\n", n);
}

/*
 * Resets the machine the PC way named: the reset control register
 * at 0xcf9 (the ACPI reset register), the 8042's pulse command or its
 * output port, port 0x92, or a triple fault (an exception with an
 * empty IDT). Still running after it is a failure.
 */
static void
reset(char *way)
{
	struct {
		u16int	limit;
		uintptr	base;
	} __attribute__((packed)) noidt = {0, 0};

	if(way == nil)
		way = "nothing";
	print("resetting by %s\n", way);
	if(strcmp(way, "cf9") == 0)
		outb(0xcf9, 0x06);
	else if(strcmp(way, "8042") == 0)
		outb(0x64, 0xfe);
	else if(strcmp(way, "8042outport") == 0){
		outb(0x64, 0xd1);
		outb(0x60, 0x02);
	}else if(strcmp(way, "port92") == 0)
		outb(0x92, 0x01);
	else if(strcmp(way, "triple") == 0)
		asm volatile("lidt %0; int3" : : "m"(noidt));
	check("reset", 0, "still running after a reset by %s", way);
}

static int imagedata = 1;	/* as the image holds it */

/*
 * reboot=WAY: the first boot leaves marks in CMOS RAM, in RAM beyond
 * the image, in its own data and in the UART's scratch register, and
 * resets the PC by WAY, as reset does. Started again, the machine
 * has only the CMOS mark left, as a PC's battery keeps it: the image
 * loaded again into fresh memory, the devices reset. That boot
 * clears the mark and says what it found.
 */
static void
reboot(char *way)
{
	volatile u32int *probe;
	int scratch;

	probe = (u32int*)Rebootprobe;
	if(cmos(Cmosmark) != Rebootmark){
		cmosput(Cmosmark, Rebootmark);
		*probe = 0x12345678;
		imagedata = 2;
		outb(Uartscratch, 0x5a);
		reset(way);
		return;
	}
	cmosput(Cmosmark, 0);
	scratch = inb(Uartscratch);
	print("booted again\n");
	check("reboot image", imagedata == 1, "data %d as the first boot left it", imagedata);
	check("reboot memory", *probe == 0, "RAM beyond the image holds %#ux", *probe);
	check("reboot uart", scratch == 0, "scratch register %#ux", scratch);
}

/*
 * Real-mode code for the warm start: prints "ok warmstart" on COM1
 * and ends vmx with verdict 0 through port 0xf4.
 */
static uchar resume[] = {
	0xba, 0xf8, 0x03,		/* mov $0x3f8, %dx */
#define OUT(c) 0xb0, c, 0xee		/* mov $c, %al; out %al, %dx */
	OUT('o'), OUT('k'), OUT(' '), OUT('w'), OUT('a'), OUT('r'), OUT('m'),
	OUT('s'), OUT('t'), OUT('a'), OUT('r'), OUT('t'), OUT('\n'),
#undef OUT
	0x66, 0x31, 0xc0,		/* xor %eax, %eax */
	0x66, 0xe7, 0xf4,		/* out %eax, $0xf4 */
	0xeb, 0xfe,			/* jmp . */
};

/*
 * warmstart=CODE (5 or a): CMOS shutdown code CODE and the address of
 * real-mode code at 40:67, then a reset by the 8042, as an 80286
 * program leaves protected mode: the PC's firmware clears the code and
 * jumps there, the code and memory as the guest left them. A boot
 * that finds the code still set was a cold start instead.
 */
static void
warmstart(char *code)
{
	u16int farptr[2] = {Resumeat & 0xf, Resumeat >> 4};	/* offset, segment */
	int c;

	c = cmos(Cmosshutdown);
	if(c != 0){
		cmosput(Cmosshutdown, 0);
		check("warmstart", 0, "booted cold with shutdown code %x", c);
		return;
	}
	if(code == nil || (strcmp(code, "5") != 0 && strcmp(code, "a") != 0)){
		check("warmstart", 0, "code 5 or a, not %s", code);
		return;
	}
	memmove((void*)Resumeat, resume, sizeof resume);
	memmove((void*)Resumeptr, farptr, sizeof farptr);
	cmosput(Cmosshutdown, code[0] == '5' ? 0x05 : 0x0a);
	print("warm start with code %s\n", code);
	outb(0x64, 0xfe);
	check("warmstart", 0, "still running after the reset");
}

static Check checks[] = {
	{"serial", serial},
	{"cmdline", cmdline},
	{"loader", loader},
	{"protocol", protocol},
	{"mem", mem},
	{"module", module},
	{"cpuid", cpu},
	{"msr", msr},
	{"gp", gp},
	{"timer", timer},
	{"rtc", rtc},
	{"pci", pci},
	{"input", input},
	{"spin", spin},
	{"chatter", chatter},
	{"reset", reset},
	{"reboot", reboot},
	{"warmstart", warmstart},
};

void
main(u32int magic, uintptr info)
{
	Check *c;

	uartinit();
	parseboot(magic, info);
	trapinit();
	print("guest %s booted by %s from %s\n", ARCH, boot.protocol, boot.loader);
	print("cmdline %s\n", boot.cmdline);
	for(c = archchecks; c->name != nil; c++)
		if(bootflag(c->name))
			c->run(bootarg(c->name));
	for(c = debugchecks; c->name != nil; c++)
		if(bootflag(c->name))
			c->run(bootarg(c->name));
	for(c = smpchecks; c->name != nil; c++)
		if(bootflag(c->name))
			c->run(bootarg(c->name));
	for(c = intrchecks; c->name != nil; c++)
		if(bootflag(c->name))
			c->run(bootarg(c->name));
	runchecks(checks, nelem(checks));
}
