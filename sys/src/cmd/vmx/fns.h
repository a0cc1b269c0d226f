/* provided by the monitor */
vlong	now(void);
uvlong	hosttsc(void);
uvlong	tschz(void);
void	guestreset(void);
void	guestexit(u32int);

/* dispatch.c */
u64int	sizemask(int size);
void	ioregister(int space, Iodev*);
int	iodispatch(int space, int write, uvlong addr, int size, u64int *val);

/* timer.c */
void	timerset(Timer*, vlong when);
void	timerstop(Timer*);
void	timersclear(void);
vlong	timerpoll(vlong t);
vlong	nstoticks(vlong ns, vlong hz);
vlong	tickstons(vlong ticks, vlong hz);

/* pcmem.c: the PC memory layout */
void	memsplit(uvlong size, uvlong *below, uvlong *above);
int	pcmemmap(Memrange *map, int max, uvlong ramsize);

/* the devices (see Vdev in dat.h); devtab.c is made by the mkfile */
extern Vdev *devtab[];
extern Conf conf;

/* i8259.c */
void	i8259line(int irq, int level);
int	i8259pending(void);
int	i8259ack(void);

/* lapic.c */
void	lapicuse(int cpu);
void	lapicirq(int vec, int level);
int	lapicdeliver(int dest, int logical, int vec, int level, int lowest);
u32int	lapictpr(void);
void	lapicsettpr(u32int);
int	lapicnext(int cpu);
void	lapicack(int cpu, int vec);
int	lapicextint(int cpu);
u64int	lapicdeadline(void);
void	lapicsetdeadline(u64int tsc, vlong when);
void	lapicreset(int cpu);
void	lapicvirt(int cpu, u32int *page);
void	lapicown(int cpu);
void	lapicmerge(int cpu, u32int eoi[8]);
int	lapicpost(int cpu);
int	lapicwaits(int cpu);
void	lapicwritten(int r);
void	lapiceoi(int vec);

/* ioapic.c */
void	irqline(int irq, int level);
void	ioapiceoi(int vec);

/* uart8250.c: the UART model serial.c puts behind COM1 and COM2 */
void	uartinit(Uart*, u16int base, int irq, void (*sink)(Uart*, uchar*, int));
int	uartrx(Uart*, uchar*, int);
void	uartflush(Uart*);

/* rtc.c */
u8int	cmosget(int reg);
void	cmosset(int reg, u8int v);

/* warm.c */
int	warmstart(void);

/* acpi.c */
void	checksum(uchar *p, int n, uchar *sum);

/* pci.c */
void	pciregister(Pcidev*);
void	pciplace(Pcidev*, int bar, u64int addr);
Pcidev*	pcidevs(void);
int	pcimaster(Pcidev*);

/* virtio.c: the virtio devices' interrupts, from the exit loop */
void	virtiopoll(void);

/* cpuid.c */
void	cpuidpolicy(u32int leaf, u32int subleaf, u32int r[4], Cpuview*);
u64int	cr4allowed(u32int leaf1[4], u32int leaf7[4]);
int	xcr0valid(u64int xcr0, u32int leafd[4]);

/* msr.c */
void	msrinit(Msrs*, int bsp);
int	msrread(Msrs*, u32int msr, u64int *val);
int	msrwrite(Msrs*, u32int msr, u64int val);
int	msrconst(int i, u32int *msr, u64int *val);

/* x86decode.c */
int	x86decode(uchar *code, int n, int mode, Insn*);

/* load.c: the loader table (see dat.h) and what the loaders share */
extern Loader loaders[];
extern char loadername[];	/* what multiboot kernels are told loaded them */

Loader*	findloader(uchar *image, usize len);
char*	loadkernel(Load *l, uchar *image, usize len);
u32int	ramkb(Load *l, uvlong base);
char*	claim(Load *l, int kind, uvlong addr, uvlong len);
char*	place(Load *l, int kind, uvlong addr, uchar *data, usize n, uvlong memsz);
char*	placenew(Load *l, int kind, uchar *data, usize n, uvlong align, uvlong *addr);
void	setreg(Load *l, char *name, uvlong val);
void	flatmode(Load *l, uvlong pc);
char*	longmode(Load *l, uvlong pc);
u16int	get16(uchar *p);
u32int	get32(uchar *p);
u64int	get64(uchar *p);
void	put16(uchar *p, u16int v);
void	put32(uchar *p, u32int v);
void	put64(uchar *p, u64int v);

/* elf.c: program-header loading shared by the ELF-based loaders */
int	iself(uchar *image, usize len);
char*	elfload(Load *l, uchar *image, usize len, uvlong *entry, int *is64);
int	elfnote(uchar *image, usize len, char *name);

/* multiboot.c: also used by multiboot 2 and by plain ELF kernels */
char*	placeaout(Load *l, uchar *image, usize len, usize hdroff, u32int *addrs, uvlong *entry);
char*	placemods(Load *l, uvlong *addrs);
char*	mb1enter(Load *l, uvlong entry, int is64);

/* the loaders */
int	mb1probe(uchar*, usize);
char*	mb1load(Load*, uchar*, usize);
int	mb2probe(uchar*, usize);
char*	mb2load(Load*, uchar*, usize);
int	elfprobe(uchar*, usize);
char*	elfboot(Load*, uchar*, usize);
int	linuxprobe(uchar*, usize);
char*	linuxload(Load*, uchar*, usize);

/* wait.c: the text of #X regs */
int	parseregs(char *text, Regval*, int max);

/* mem.c: the segment holding guest RAM */
char*	segnew(Gseg*, uvlong va, uvlong size, void **base, char *what);
void	segremove(Gseg*);
void	segdrop(Gseg*);
char*	memcreate(uvlong size);
char*	memmap(int fd);
void	memremove(void);
void	memdrop(void);

/* ram.c: addresses in guest RAM */
void	raminit(uchar *base, uvlong size);
uchar*	memptr(uvlong pa, uvlong n);
uchar*	ramptr(void);
uvlong	ramsize(void);
int	pagewalk(Paging*, uvlong va, uvlong *pa);

/* clock.c: the monitor's clock and waking the exit loop */
void	clockinit(int slow);
vlong	tscafter(uvlong n);
void	clockstart(void);
void	setdeadline(vlong when);
void	kick(void);
void	clockstop(void);

/* serial.c: COM1 and COM2 and their files */
void	serialpoll(void);
void	serialflush(void);

/* vcpu.c: the vCPU's files */
char*	vcpuopen(Vcpu*);
void	vcpuclose(Vcpu*);
char*	vcpumap(Vcpu*);
void	pagesremove(void);
void	pagesdrop(void);
long	vcpustats(Vcpu*, char *buf, long n);
char*	vcpuload(Vcpu*, Reg *regs, int nregs);
int	vcpuwait(Vcpu*, Exit*);
uvlong	vcpureg(Vcpu*, char *name);
void	vcpuset(Vcpu*, char *name, uvlong val);
int	vcpuctl(Vcpu*, char *fmt, ...);
char*	vcpupolicy(Vcpu*);
void	guestcpuid(Vcpu*, u32int leaf, u32int subleaf, u32int r[4]);

/* cpus.c: the guest's processors and the lock their exits take */
extern Vcpu cpus[Maxcpu];
void	cpulock(Vcpu*);
void	cpuunlock(void);
void	wake(Vcpu*);
void	inguest(Vcpu*, int in);
void	idle(Vcpu*);
void	postirq(Vcpu*);
void	irqtaken(Vcpu*, int vec);
void	cpupoke(int cpu);
void	cpunmi(int cpu);
void	cpuinit(int cpu);
void	waitsipi(Vcpu*);
void	cpusipi(int cpu, int vec);
void	cpustart(int cpu, u16int cs, u16int ip);
void	cpusopen(int n);
char*	cpusmap(void);
void	cpusstart(void);
void	cpusclose(void);

/* exits.c */
int	guestending(void);
char*	runguest(Vcpu*);
void	endguest(char *status);
int	guestresets(void);
int	guestrestart(void);

/* cpus.c */
extern int ncpu;

/* main.c */
extern int debug;
void	trace(char *fmt, ...);
void	helperproc(void (*f)(void*), void *arg);
extern int dying;
void	fatal(char *fmt, ...);
char*	syserr(char *what);
void	backing(char *spec, int *in, int *out);
