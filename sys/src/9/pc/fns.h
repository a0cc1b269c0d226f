#include "../port/portfns.h"

/* acpi.c */
void	acpiinit(void);
int	acpipoweroff(void);

/* apic.c */
void	apicinit(void);
void	apiceoi(void);
void	apictimerinit(void);
int	apicid(void);
void	apicipi(int, int);
void	apicstartap(int, int);

/* main.c, multiboot.c */
void	cpuidentify(void);
void	multibootinit(ulong, ulong);
void	shutdown(int) __attribute__((noreturn));
void	halt(void) __attribute__((noreturn));
void	idlehands(void);
char*	getconf(char*);
extern	ulong	kerndate;

/* i8253.c, clock */
uvlong	fastticks(void);
void	clockinit(void);
void	pitwait(int);
vlong	nsec(void);
ulong	seconds(void);
void	microdelay(int);

/* i8259.c, ioapic.c */
void	i8259disable(void);
void	ioapicinit(void);
void	ioapicroute(int, int);
void	intrenable(int, void(*)(Ureg*, void*), void*, char*);

/* mmu.c */
void	mmuinit(void);
void	mmuapboot(u64int*);
void	mmuapinit(void);
void	mmuswitch(Proc*);
void	mmukernel(void);
void	mmuflushuser(Proc*);
void	mmuflushothers(void);
void	mmurelease(Proc*);
u64int*	newpml4(void);
void	putmmu(uintptr, uvlong, int, int);
uvlong	PADDR(void*);
#define	KADDR(pa)	((void*)((uintptr)(pa) + KZERO))

/* mp.c */
void	mpinit(void);
void	squidboy(Mach*);
void	wakeidle(void);

/* rtc.c */
ulong	rtctime(void);

/* trap.c */
void	backtrace(uintptr);
void	trapinit(void);
void	idtload(void);
void	trap(Ureg*);
void	gdtinit(void);
void	gdtload(void);
void	tablesload(void);
void	procsave(Proc*);
void	procrestore(Proc*);
void	procsetup(Proc*);

/* fpu.c */
void	fpuinit(void);
void	fpreset(Proc*);
void	fpfork(Proc*, Proc*);

/* syscall.c */
void	notify(Ureg*);
void	procexec(Proc*);
void	procfork(Proc*);
void	syscall(Ureg*);
void	userregs(Ureg*);

/* uart8250.c */
void	uartconsinit(void);
void	uartdrain(void);
void	uartiputs(char*, int);
void	uartputs(char*, int);
void	uartintrinit(void);

/* selftest.c: only the test kernel links it (see mkfile) */
void	selftest(void*) __attribute__((weak));

/* l.s */
int	setlabel(Label*) __attribute__((returns_twice));
void	gotolabel(Label*) __attribute__((noreturn));
extern	char	vectors[];
void	syscallentry(void);
void	touser(Ureg*) __attribute__((noreturn));
extern	char	end[], etext[], edata[];

#define getcallerpc()	((uintptr)__builtin_return_address(0))

static inline void
outb(int port, u8int v)
{
	asm volatile("outb %0, %w1" : : "a"(v), "Nd"(port));
}

static inline void
outs(int port, u16int v)
{
	asm volatile("outw %0, %w1" : : "a"(v), "Nd"(port));
}

static inline void
outl(int port, u32int v)
{
	asm volatile("outl %0, %w1" : : "a"(v), "Nd"(port));
}

static inline u8int
inb(int port)
{
	u8int v;

	asm volatile("inb %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u16int
ins(int port)
{
	u16int v;

	asm volatile("inw %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32int
inl(int port)
{
	u32int v;

	asm volatile("inl %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uvlong
rdmsr(u32int msr)
{
	u32int lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uvlong)hi<<32 | lo;
}

static inline void
wrmsr(u32int msr, uvlong v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32int)v), "d"((u32int)(v>>32)));
}

static inline uvlong
rdtsc(void)
{
	u32int lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uvlong)hi<<32 | lo;
}

static inline void
cpuid(u32int leaf, u32int sub, u32int r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

static inline uintptr
getcr0(void)
{
	uintptr v;

	asm volatile("movq %%cr0, %0" : "=r"(v));
	return v;
}

static inline uintptr
getcr2(void)
{
	uintptr v;

	asm volatile("movq %%cr2, %0" : "=r"(v));
	return v;
}

static inline uintptr
getcr3(void)
{
	uintptr v;

	asm volatile("movq %%cr3, %0" : "=r"(v));
	return v;
}

static inline uintptr
getcr4(void)
{
	uintptr v;

	asm volatile("movq %%cr4, %0" : "=r"(v));
	return v;
}

static inline void
putcr0(uintptr v)
{
	asm volatile("movq %0, %%cr0" : : "r"(v) : "memory");
}

static inline void
putcr3(uintptr v)
{
	asm volatile("movq %0, %%cr3" : : "r"(v) : "memory");
}

static inline void
putcr4(uintptr v)
{
	asm volatile("movq %0, %%cr4" : : "r"(v) : "memory");
}

static inline uintptr
splhi(void)
{
	uintptr f;

	asm volatile("pushfq; popq %0; cli" : "=r"(f) : : "memory");
	return f;
}

static inline uintptr
spllo(void)
{
	uintptr f;

	asm volatile("pushfq; popq %0; sti" : "=r"(f) : : "memory");
	return f;
}

static inline void
splx(uintptr f)
{
	if(f & 0x200)
		asm volatile("sti" : : : "memory");
	else
		asm volatile("cli" : : : "memory");
}

static inline int
islo(void)
{
	uintptr f;

	asm volatile("pushfq; popq %0" : "=r"(f));
	return (f & 0x200) != 0;
}

static inline u32int
tas(u32int *key)
{
	u32int v;

	v = 1;
	asm volatile("xchgl %0, %1" : "+r"(v), "+m"(*key) : : "memory");
	return v;
}

static inline void
coherence(void)
{
	asm volatile("mfence" : : : "memory");
}

static inline void
pause(void)
{
	asm volatile("pause");
}

/* vmx.c, vmxregs.c, vmxept.c, vmxrun.c: all devvmx.c knows of a vCPU */
void	vmxinit(void);
void	vmxapinit(void);
char*	vmxlacks(void);
Vcpu*	vmxnew(int);
int	vmxindex(Vcpu*);
void	vmxfree(Vcpu*);
void	vmxget(Vcpu*);
void	vmxput(Vcpu*);
long	vmxwait(Vcpu*, char*, long);
int	vmxrun(Vcpu*);
void	vmxstatepage(Vcpu*, char*, uvlong);
void	vmxgo(Vcpu*, int, char*);
void	vmxstop(Vcpu*);
void	vmxevent(Vcpu*, char*, int);
void	vmxextrap(Vcpu*, u32int);
char*	vmxregsread(Vcpu*, char*, char*);
void	vmxsetreg(Vcpu*, char*, char*);
void	vmxmap(Vcpu*, char*, char*, uvlong, uvlong, char*, uvlong);
void	vmxunmapall(Vcpu*);
char*	vmxmapread(Vcpu*, char*, char*);
long	vmxfpuio(Vcpu*, void*, long, vlong, int);
char*	vmxstatsread(Vcpu*, char*, char*);
char*	vmxstatus(Vcpu*, char*, char*);
Vtrace*	vmxtraceopen(Vcpu*);
void	vmxtraceclose(Vcpu*, Vtrace*);
long	vmxtraceread(Vcpu*, Vtrace*, char*, long);
void	vmxhlt(Vcpu*, int);
void	vmxapic(Vcpu*, char*, uvlong, int, uvlong, int);
void	vmxpost(Vcpu*, int);
void	vmxvidquirk(Vcpu*, int);
Vpolicy*	vmxpolicybegin(Vcpu*, int);
void	vmxpolicyline(void*, char**, int);
void	vmxpolicycommit(Vcpu*, Vpolicy*);
void	vmxpolicyclear(Vcpu*, int);
char*	vmxpolicyread(Vcpu*, int, char*, char*);

/* vmxasm.s */
int	vmxenter(u64int*, int);
extern	char	vmxexit[];
