/* provided by the monitor */
vlong	now(void);
uvlong	hosttsc(void);
void	guestreset(void);
void	guestexit(u32int);

/* dispatch.c */
void	ioregister(Iodev*);
int	iodispatch(int write, u16int port, int size, u32int *val);
void	mmioregister(Mmiodev*);
int	mmiodispatch(int write, uvlong addr, int size, u64int *val);

/* timer.c */
void	timerset(Timer*, vlong when);
void	timerstop(Timer*);
vlong	timerpoll(vlong t);

/* i8259.c */
void	i8259init(void);
void	i8259reset(void);
void	i8259line(int irq, int level);
int	i8259pending(void);
int	i8259ack(void);

/* lapic.c */
void	lapicinit(void);
void	lapicreset(void);
void	lapicirq(int vec, int level);
int	nextintr(void);

/* ioapic.c */
void	ioapicinit(void);
void	ioapicreset(void);
void	irqline(int irq, int level);
void	ioapiceoi(int vec);

/* i8254.c */
void	i8254init(void);
void	i8254reset(void);

/* uart8250.c */
void	uartinit(Uart*, u16int base, int irq, void (*sink)(Uart*, uchar*, int));
void	uartreset(Uart*);
int	uartrx(Uart*, uchar*, int);
void	uartflush(Uart*);

/* rtc.c */
void	rtcinit(vlong epochsec);
void	rtcreset(void);
void	rtcsetmem(uvlong below4g, uvlong above4g);

/* i8042.c */
void	i8042init(void);
void	i8042reset(void);

/* sysports.c */
void	sysportsinit(void);

/* pci.c */
void	pciinit(void);
void	pciregister(Pcidev*);
void	pcibar(Pcidev*, int bar, u64int size, int flags);
u64int	pcibaraddr(Pcidev*, int bar);

/* cpuid.c */
void	cpuidpolicy(u32int leaf, u32int subleaf, u32int r[4], int apicid, int ncpu);

/* msr.c */
void	msrinit(Msrs*, int bsp);
int	msrread(Msrs*, u32int msr, u64int *val);
int	msrwrite(Msrs*, u32int msr, u64int val);

/* x86decode.c */
int	x86decode(uchar *code, int n, int mode, Insn*);

/* load.c: the loader table (see dat.h) and what the loaders share */
extern Loader loaders[];
extern char loadername[];	/* what multiboot kernels are told loaded them */

Loader*	findloader(uchar *image, usize len);
char*	loadkernel(Load *l, uchar *image, usize len);
int	pcmemmap(Memrange *map, int max, uvlong ramsize);
u32int	ramkb(Load *l, uvlong base);
char*	piecename(int kind);
char*	place(Load *l, int kind, uvlong addr, uchar *data, usize n, uvlong memsz);
char*	placenew(Load *l, int kind, uchar *data, usize n, uvlong align, uvlong *addr);
void	setreg(Load *l, char *name, uvlong val);
uvlong	getreg(Load *l, char *name);
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

/* wait.c: the text of #X wait and regs */
int	parseexit(char *line, Exit*);
int	parseregs(char *text, Regval*, int max);

/* mem.c: the segment holding guest RAM */
char*	memcreate(uvlong size);
char*	memmap(int fd);
void	memremove(void);

/* ram.c: addresses in guest RAM */
void	raminit(uchar *base, uvlong size);
uchar*	memptr(uvlong pa, uvlong n);
uchar*	ramptr(void);
uvlong	ramsize(void);
int	pagewalk(Paging*, uvlong va, uvlong *pa);

/* clock.c: the monitor's clock and waking the exit loop */
void	clockinit(void);
void	clockstart(int ctlfd);
void	setdeadline(vlong when);
void	inguest(int);
void	kick(void);
void	idle(void);
void	clockstop(void);

/* serial.c */
void	serialinit(Serial*, u16int base, int irq, int infd, int outfd);
void	serialstart(Serial*);
void	serialpoll(Serial*);
void	serialflush(Serial*);

/* vcpu.c: the vCPU's files */
char*	vcpuopen(Vcpu*);
void	vcpuclose(Vcpu*);
char*	vcpumap(Vcpu*);
char*	vcpuload(Vcpu*, Reg *regs, int nregs);
int	vcpuwait(Vcpu*, Exit*, char *line, int n);
uvlong	vcpureg(Vcpu*, char *name);
void	vcpuset(Vcpu*, char *name, uvlong val);
int	vcpuctl(Vcpu*, char *fmt, ...);
int	vcpugo(Vcpu*);

/* exits.c */
char*	runguest(Vcpu*);
void	endguest(char *status);

/* main.c */
extern int debug;
void	trace(char *fmt, ...);
void	helperproc(void (*f)(void*), void *arg);
extern int dying;
extern Serial com[2];
void	fatal(char *fmt, ...);
char*	syserr(char *what);
