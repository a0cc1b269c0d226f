/*
 * Bring the machine up: memory, traps, interrupt controllers, clocks,
 * devices; then start the first process.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "ureg.h"

Conf	conf;
Mach	*machp[MAXMACH];
ulong	kerndate;

static void	init0(void*);

void
cpuidentify(void)
{
	u32int r[4];

	cpuid(0, 0, r);
	memmove(m->cpuvendor, &r[1], 4);
	memmove(m->cpuvendor+4, &r[3], 4);
	memmove(m->cpuvendor+8, &r[2], 4);
	m->cpuvendor[12] = 0;
	if(r[0] >= 7){
		cpuid(7, 0, r);
		m->cpuid7bx = r[1];
	}
	cpuid(1, 0, r);
	m->cpuidax = r[0];
	m->cpuidcx = r[2];
	m->cpuiddx = r[3];
	cpuid(0x80000001, 0, r);
	m->cpuidextcx = r[2];
	m->cpuidextdx = r[3];
}

/*
 * Everything the boot loader left that the page allocator must not
 * have: the first MiB, the kernel, the modules and the boot tables.
 */
static int
bootreserved(Memrange *r)
{
	int i, n;

	n = 0;
	r[n].base = 0;
	r[n++].size = MiB;
	r[n].base = MiB;
	r[n++].size = conf.bootfree - MiB;
	for(i = 0; i < conf.nmodule; i++){
		r[n].base = conf.module[i].base & ~(uvlong)(BY2PG-1);
		r[n].size = PGROUND(conf.module[i].base + conf.module[i].size) - r[n].base;
		n++;
	}
	return n;
}

static void
devinitall(void)
{
	int i;

	for(i = 0; devtab[i] != nil; i++)
		devtab[i]->reset();
	for(i = 0; devtab[i] != nil; i++)
		devtab[i]->init();
}

void
main(ulong magic, ulong info)
{
	Memrange rsv[NMODULE+4];
	int nrsv;

	mach0.self = &mach0;
	machp[0] = &mach0;
	wrmsr(MSRGSBASE, (uintptr)&mach0);
	conf.nmach = 1;
	conf.hz = 100;
	uartconsinit();
	cpuidentify();
	multibootinit(magic, info);
	print("\nPlan 9 VMX kernel, cpu0: %s family %#ux\n", m->cpuvendor, m->cpuidax);
	mmuinit();
	nrsv = bootreserved(rsv);
	pageinit(rsv, nrsv);
	trapinit();
	gdtinit();
	fpuinit();
	acpiinit();
	i8259disable();
	apicinit();
	ioapicinit();
	clockinit();
	kerndate = rtctime();
	bootnsec = (vlong)kerndate*1000000000LL - nsec();
	uartintrinit();
	devinitall();
	mpinit();
	print("memory %lludM, %lludM free, cpu %lludMHz, cmdline '%s'\n",
		conf.npage*BY2PG/MiB, pagesfree()/MiB, m->cpuhz/1000000, cmdline);
	if(getconf("selftest") != nil && selftest != nil)
		kproc("selftest", selftest, nil);
	else
		kproc("init", init0, nil);
	spllo();
	schedinit();
}

/*
 * The first user process: a kernel process that gives itself a name
 * space, the console as its standard files, and execs the init
 * program (/rc/bin/init, or init= on the command line).
 */
static void
init0(void*)
{
	Chan *c;
	char *file, *args;
	int i, n;

	up->kp = 0;
	up->noteid = up->pid;
	up->pml4 = newpml4();
	up->pgrp = newpgrp();
	up->fgrp = newfgrp();
	up->egrp = newegrp();
	up->slash = namec("#/", Aaccess, 0, 0);
	pathclose(up->slash->path);
	up->slash->path = newpath("/");
	up->dot = cclone(up->slash);
	c = namec("#c/cons", Aopen, ORDWR, 0);
	for(i = 0; i < 3; i++){
		incref(c);
		newfd(c);
	}
	cclose(c);
	up->ureg = (Ureg*)(up->kstack + KSTACK) - 1;
	file = getconf("init");
	file = kstrdup(file != nil ? file : "/rc/bin/init");
	n = strlen(file)+1;
	args = smalloc(n);
	memmove(args, file, n);
	if(waserror())
		panic("init: exec %s: %s", file, up->errstr);
	execproc(file, args, 1, n);
	poperror();
	free(file);
	touser(up->ureg);
}

void
idlehands(void)
{
	asm volatile("sti; hlt; cli");
}

void
halt(void)
{
	for(;;)
		asm volatile("cli; hlt");
}

/* A hypervisor's signature from CPUID leaf 0x40000000, or "". */
static void
hypervisor(char *sig)
{
	u32int r[4];

	sig[0] = 0;
	if((m->cpuidcx & (1<<31)) == 0)
		return;
	cpuid(0x40000000, 0, r);
	memmove(sig, &r[1], 4);
	memmove(sig+4, &r[2], 4);
	memmove(sig+8, &r[3], 4);
	sig[12] = 0;
}

/*
 * Stop the machine, how being Poweroff, Reboot or Panicoff. Bochs
 * reads 0xe9 back from its debug port, whose writes go to its
 * standard output: the verdict goes there, then it stops at the
 * magic breakpoint. QEMU and KVM leave through the isa-debug-exit
 * port if they have one, with a code that tells a panic, vmx(1)
 * through its own at the same port, with the exit status; then ACPI;
 * then halt. The test harness (test/boot) takes only the clean
 * verdict as a clean stop.
 */
void
shutdown(int how)
{
	char sig[13], *s;
	enum { Debugport = 0xe9, Qemuexit = 0xf4, Qemuclean = 0x10, Qemupanic = 0x11 };

	splhi();
	uartdrain();
	if(how == Reboot){
		outb(0xcf9, 0x02);
		outb(0xcf9, 0x06);
		outb(0x64, 0xfe);
		halt();
	}
	if(inb(Debugport) == Debugport){
		for(s = how == Panicoff ? "shutdown: panic\n" : "shutdown: clean\n"; *s != 0; s++)
			outb(Debugport, *s);
		asm volatile("xchgw %bx, %bx");
	}
	hypervisor(sig);
	if(strcmp(sig, "TCGTCGTCGTCG") == 0 || strncmp(sig, "KVMKVMKVM", 9) == 0)
		outl(Qemuexit, how == Panicoff ? Qemupanic : Qemuclean);
	if(strcmp(sig, "PlanNineVMX!") == 0)
		outl(Qemuexit, how == Panicoff);	/* vmx(1): exit status 0 or 1 */
	acpipoweroff();
	iprint("halted\n");
	halt();
}
