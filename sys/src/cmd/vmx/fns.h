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
void	irqline(int irq, int level);
int	i8259pending(void);
int	i8259ack(void);

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
