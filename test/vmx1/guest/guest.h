/*
 * Support library for the bare-metal test guests.
 * Built twice: -m32 for guests entered in protected mode,
 * -m64 for the guest entered in long mode.
 */

enum {
	Maxmods	= 8,
};

typedef struct Boot Boot;
typedef struct Check Check;
typedef struct Frame Frame;
typedef struct Mod Mod;

struct Mod {
	uchar	*data;
	usize	size;
	char	*name;
};

/* What the boot loader told us, whatever protocol it spoke. */
struct Boot {
	char	*protocol;
	char	*loader;
	char	*cmdline;
	int	havemmap;
	u64int	ramtotal;	/* bytes of usable RAM in the memory map */
	int	nmods;
	Mod	mods[Maxmods];
};

#ifdef __x86_64__
#define NSAVED	15
#else
#define NSAVED	8
#endif

/* Laid out by the trap stubs in trap32.s and trap64.s. */
struct Frame {
	uintptr	saved[NSAVED];
	uintptr	vector;
	uintptr	err;
	uintptr	pc;
	uintptr	cs;
	uintptr	flags;
};

enum {
	Vnmi	= 2,
	Vgp	= 13,
	Virq0	= 32,	/* the PIC's vectors start here */
	Vlapic0	= 48,	/* then those of lapichandler[] */
	Nvec	= 256,
	Lapic	= 0xfee00000,
};

extern Boot boot;

/* A check a guest runs when its name is a word of the command line, with the word's =value. */
struct Check {
	char	*name;
	void	(*run)(char *arg);
};

/* arch.c: the processor's architectural behaviour, nil-terminated */
extern Check archchecks[];

/* debug.c: debug exceptions and registers, nil-terminated */
extern Check debugchecks[];

static inline u8int
inb(int port)
{
	u8int v;

	asm volatile("inb %w1, %b0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void
outb(int port, u8int v)
{
	asm volatile("outb %b0, %w1" : : "a"(v), "Nd"(port));
}

static inline u32int
inl(int port)
{
	u32int v;

	asm volatile("inl %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void
outl(int port, u32int v)
{
	asm volatile("outl %0, %w1" : : "a"(v), "Nd"(port));
}

/* checks.c or hello.c, called by the start code with the boot magic and info */
void	main(u32int magic, uintptr info);

/* boot.c */
void	parseboot(u32int magic, uintptr info);
char*	bootarg(char *name);
int	bootflag(char *name);
uvlong	parsesize(char *s);
void	runchecks(Check *c, int n) __attribute__((noreturn));

/* uart.c */
void	uartinit(void);
void	uartputc(int c);
int	uartgetc(void);
int	uartscratch(void);

/* print.c */
void	print(char *fmt, ...);
void	check(char *name, int ok, char *fmt, ...);
extern int nfailed;

/* str.c */
usize	strlen(char *s);
int	strncmp(char *a, char *b, usize n);
int	strcmp(char *a, char *b);
void*	memset(void *p, int c, usize n);
void*	memmove(void *to, void *from, usize n);
int	memcmp(void *a, void *b, usize n);

/* trap.c */
void	trapinit(void);
void	expectfault(int skip);
int	faulted(uintptr *err);
void	trap(Frame *f);
extern void (*irqhandler[16])(void);
extern void (*lapichandler[Nvec-Vlapic0])(int vec);
extern void (*debugtrap)(Frame*);
extern void (*nmitrap)(void);
extern volatile int nmis;

/* timer.c */
void	picinit(u8int mask1, u8int mask2);
void	timerinit(int hz);
ulong	waitticks(ulong n);
void	piceoi(int irq);
void	timerstop(void);

/* cpu.c */
void	cpuid(u32int leaf, u32int r[4]);
void	cpuvendor(char buf[13]);
int	hypervisor(char buf[13]);
int	rdmsrsafe(u32int msr, u64int *v);
int	wrmsrsafe(u32int msr, u64int v);
u64int	rdtsc(void);

/* rtc.c */
typedef struct Rtc Rtc;
struct Rtc {
	int	year, mon, day, hour, min, sec;
};
void	rtcread(Rtc *t);
int	rtcsecond(void);
int	cmos(int r);
void	cmosput(int r, int v);

/* pci.c */
int	pciscan(void (*found)(int dev, int fn, u16int vid, u16int did));
u32int	pciread(int dev, int fn, int reg);
void	pciwrite16(int dev, int fn, int reg, u16int v);
void	pciwrite32(int dev, int fn, int reg, u32int v);

/* smp.c */
void	lapiceoi(void);
extern Check smpchecks[];

/* intr.c */
extern Check intrchecks[];
void	com2line(int up);
void	com2route(int vec, int dest);

/* exit.c */
void	exitvm(int verdict) __attribute__((noreturn));
