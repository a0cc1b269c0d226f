/*
 * The guest's processors: one vCPU of #X each, run by a proc of its
 * own (the first by vmx's main proc), all sharing guest memory and the
 * devices. Exits are handled under one lock, so devices need none of
 * their own; a proc gives it up while it waits in #X or idles. The
 * others start as a PC's application processors do: waiting for INIT
 * and a startup IPI from a local APIC, then in real mode at the
 * page the SIPI names (SDM Vol. 3, "MP Initialization").
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

Vcpu cpus[Maxcpu];
int ncpu = 1;
static QLock big;
static Vcpu *holder;	/* whose loop has the lock */

/*
 * Vcpu.wakeup: a wakeup releases wakesem only for a loop Asleep on
 * it, so that each idle takes one, and an idle returns at once only
 * when something came since its loop took the lock; a release for
 * every interrupt posted while the guest ran left tokens that made as
 * many later idles return at once for nothing.
 */
enum {
	Awake,		/* its loop holds the lock, or runs the guest */
	Woken,		/* something came for it since it took the lock */
	Asleep,		/* its loop idles on wakesem */
};

/* Take the devices for v's exit; the local APIC at 0xfee00000 is v's. */
void
cpulock(Vcpu *v)
{
	qlock(&big);
	holder = v;
	lapicuse(v->apicid);
	/* what came before is there to see under the lock */
	__atomic_store_n(&v->wakeup, Awake, __ATOMIC_SEQ_CST);
}

void
cpuunlock(void)
{
	holder = nil;
	qunlock(&big);
}

/* Without the lock: v's loop, if it idles or is about to, looks again. */
static void
rouse(Vcpu *v)
{
	if(__atomic_exchange_n(&v->wakeup, Woken, __ATOMIC_SEQ_CST) == Asleep)
		semrelease(&v->wakesem, 1);
}

/*
 * Without the lock: bring v's loop back to look, out of the guest
 * through ctl stop or out of idle.
 */
void
wake(Vcpu *v)
{
	__atomic_store_n(&v->kicked, 1, __ATOMIC_SEQ_CST);
	if(__atomic_load_n(&v->inguest, __ATOMIC_SEQ_CST))
		write(v->ctl, "stop", 4);
	rouse(v);
}

/*
 * v's loop goes into the guest (in) or has left it. A wake that came
 * after the loop looked at the devices but before it went back in
 * would wait for the guest's next exit: going in, the loop stops the
 * guest itself.
 */
void
inguest(Vcpu *v, int in)
{
	if(!in)
		__atomic_store_n(&v->kicked, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&v->inguest, in, __ATOMIC_SEQ_CST);
	if(in && __atomic_load_n(&v->kicked, __ATOMIC_SEQ_CST))
		write(v->ctl, "stop", 4);
}

/*
 * For a halted or waiting vCPU, the lock given up: sleep until woken,
 * unless something came since the loop took the lock.
 */
void
idle(Vcpu *v)
{
	int awake;

	v->idles++;
	cpuunlock();
	awake = Awake;
	if(__atomic_compare_exchange_n(&v->wakeup, &awake, Asleep, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		semacquire(&v->wakesem, 1);
	cpulock(v);
}

/*
 * With virtual-interrupt delivery, v's local APIC vectors go to the
 * processor: from v's own loop, v ready, into the vIRR of its page,
 * with the EOI-exit bitmap following the TMR; from other loops
 * through ctl post, which reaches v however it runs, waits or idles,
 * except level-triggered ones, whose EOI must exit: those wake v's
 * loop to put them in itself. Returns 0 if v's loop must come.
 */
static int
postvirt(Vcpu *v, int page)
{
	u32int eoi[8];
	int vec;

	if(page){
		lapicmerge(v->apicid, eoi);
		if(memcmp(eoi, v->st->eoiexit, sizeof eoi) != 0){
			memmove(v->st->eoiexit, eoi, sizeof eoi);
			v->st->dirty |= Dirtyapic;
		}
		return 1;
	}
	while((vec = lapicpost(v->apicid)) >= 0)
		if(vcpuctl(v, "post %d", vec) < 0)
			fatal("post: %r");
	return !lapicwaits(v->apicid);
}

/*
 * Keep what the kernel holds for v to inject the interrupt v would
 * take next: its local APIC's, which a higher request replaces and a
 * raised priority withdraws, or else the 8259's, acknowledged as it
 * is posted and so left alone until taken. v's own loop, v ready,
 * posts through the state page, which its next read of run applies
 * with no system call of its own; others use ctl irq, which reaches v
 * whether it runs, waits or idles, unless the loop's post is still
 * in the page: that would override theirs, so v's loop is woken to
 * post again. With virtual-interrupt delivery only the 8259's goes
 * this way.
 */
void
postirq(Vcpu *v)
{
	int vec, page;

	if(v->ctl < 0 || !v->started)
		return;
	page = v == holder && v->ready;
	if(v->vid && !postvirt(v, page)){
		wake(v);
		return;
	}
	if(v->irqpic)
		return;
	if(!page && __atomic_load_n(&v->pagepost, __ATOMIC_SEQ_CST)){
		wake(v);
		return;
	}
	vec = v->vid ? -1 : lapicnext(v->apicid);
	if(vec < 0 && lapicextint(v->apicid) && i8259pending()){
		vec = i8259ack();
		v->irqpic = 1;
	}
	if(vec == v->irqposted)
		return;
	if(page){
		v->st->irq = vec >= 0 ? vec : Irqnone;
		v->st->dirty |= Dirtyirq;
		__atomic_store_n(&v->pagepost, 1, __ATOMIC_SEQ_CST);
	}else if((vec >= 0 ? vcpuctl(v, "irq %d", vec) : vcpuctl(v, "irq")) < 0)
		fatal("irq: %r");
	v->irqposted = vec;
}

/*
 * v took vec, as *ack says: in service at its local APIC unless the
 * 8259 gave it. An *ack may name one replaced just after the kernel
 * injected it.
 */
void
irqtaken(Vcpu *v, int vec)
{
	if(v->irqpic && vec == v->irqposted)
		v->irqpic = 0;
	else
		lapicack(v->apicid, vec);
	if(vec == v->irqposted)
		v->irqposted = -1;
}

/* Something for the vCPU's local APIC: post it and wake the vCPU's loop if idle. */
void
cpupoke(int cpu)
{
	Vcpu *v;

	if(cpu >= ncpu)
		return;
	v = &cpus[cpu];
	postirq(v);
	rouse(v);
}

/* An NMI is injected by the vCPU's own loop, at its next exit. */
void
cpunmi(int cpu)
{
	if(cpu >= ncpu)
		return;
	cpus[cpu].nmipending = 1;
	wake(&cpus[cpu]);
}

/*
 * INIT: an application processor goes back to wait for SIPI, its
 * local APIC reset (SDM Vol. 3, "Local APIC State After an INIT Reset
 * ("Wait-for-SIPI" State)"); its loop, woken at once, sees initpending.
 * The boot processor starts again at the reset vector, no SIPI needed
 * (SDM Vol. 3, "MP Initialization Protocol Requirements and
 * Restrictions"), where a PC's firmware would restart the machine:
 * vmx does what the firmware would, as for the guest's other resets.
 */
void
cpuinit(int cpu)
{
	Vcpu *v;

	if(cpu >= ncpu)
		return;
	if(cpu == 0){
		guestreset();
		return;
	}
	v = &cpus[cpu];
	lapicreset(cpu);
	if(v->started){
		v->started = 0;
		v->initpending = 1;
		wake(v);
	}
}

void
cpusipi(int cpu, int vec)
{
	Vcpu *v;

	if(cpu == 0 || cpu >= ncpu || cpus[cpu].started)
		return;
	v = &cpus[cpu];
	v->startcs = vec << 8;
	v->startip = 0;
	v->started = 1;
	rouse(v);
}

/*
 * The boot processor reset, to start in real mode at cs:ip, as a PC's
 * firmware sends it after a warm start: its loop, woken, sees
 * initpending, as an application processor's does after INIT.
 */
void
cpustart(int cpu, u16int cs, u16int ip)
{
	Vcpu *v;

	v = &cpus[cpu];
	lapicreset(cpu);
	v->startcs = cs;
	v->startip = ip;
	v->initpending = 1;
	wake(v);
}

#define REALSEG(s)	{s, 0}, {s "base", 0}, {s "limit", 0xffff}, {s "perm", 0x93}

/*
 * The state after INIT and SIPI: real mode at cs:ip (the SIPI's page),
 * the descriptor tables at 0 (SDM Vol. 3, "Processor State Following
 * Power-up, Reset, or INIT").
 */
static Reg startregs[] = {
	{"cs", 0}, {"csbase", 0}, {"pc", 0}, {"cslimit", 0xffff}, {"csperm", 0x9b},
	REALSEG("ds"), REALSEG("es"), REALSEG("fs"), REALSEG("gs"), REALSEG("ss"),
	{"flags", 2}, {"efer", 0}, {"cr0real", 0x10}, {"cr4real", 0},
	{"gdtrbase", 0}, {"gdtrlimit", 0xffff}, {"idtrbase", 0}, {"idtrlimit", 0xffff},
};

static char*
startstate(Vcpu *v)
{
	Reg r[nelem(startregs)];

	/* changes the last exit left in the page were for the state INIT ended */
	v->st->dirty = 0;
	memmove(r, startregs, sizeof r);
	r[0].val = v->startcs;
	r[1].val = (uvlong)v->startcs << 4;
	r[2].val = v->startip;
	return vcpuload(v, r, nelem(r));
}

/*
 * An application processor waits for SIPI, with the lock: at first,
 * or after INIT, which takes back what was posted for it. The boot
 * processor, reset for a warm start, is started already.
 */
void
waitsipi(Vcpu *v)
{
	char *err;
	int n;

	v->initpending = 0;
	v->nmipending = 0;
	if(v->irqposted >= 0 && vcpuctl(v, "irq") < 0)
		fatal("irq: %r");
	v->irqposted = -1;
	v->irqpic = 0;
	for(n = 0; !v->started && !guestending(); n++){
		if(n > 0)
			v->idlesempty++;
		idle(v);
	}
	if(!guestending() && (err = startstate(v)) != nil)
		fatal("cpu%d: %s", v->apicid, err);
}

/* An application processor's proc: wait for SIPI, then run. */
static void
approc(void *a)
{
	Vcpu *v;

	v = a;
	cpulock(v);
	waitsipi(v);
	cpuunlock();
	if(!guestending())
		runguest(v);
}

/*
 * Open the vCPUs; all but the first wait for SIPI in procs of their
 * own once started. After a reset nothing of the last boot's is kept:
 * the procs it ended may have left the lock held.
 */
void
cpusopen(int n)
{
	char *err;
	int i;

	memset(cpus, 0, sizeof cpus);
	memset(&big, 0, sizeof big);
	holder = nil;
	for(i = 0; i < Maxcpu; i++)
		cpus[i].ctl = -1;
	ncpu = n;
	for(i = 0; i < n; i++){
		cpus[i].apicid = i;
		if((err = vcpuopen(&cpus[i])) != nil)
			fatal("%s", err);
	}
	cpus[0].started = 1;
}

char*
cpusmap(void)
{
	char *err;
	int i;

	err = nil;
	for(i = 0; i < ncpu && err == nil; i++)
		err = vcpumap(&cpus[i]);
	pagesremove();
	return err;
}

void
cpusstart(void)
{
	int i;

	for(i = 1; i < ncpu; i++)
		helperproc(approc, &cpus[i]);
}

void
cpusclose(void)
{
	int i;

	for(i = 0; i < ncpu; i++){
		vcpuclose(&cpus[i]);
		lapicown(i);
	}
	pagesdrop();
}
