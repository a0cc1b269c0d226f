/*
 * The run loop of #X: the guest's state in and out of the processor,
 * event injection, the exit line, and the files that follow a run
 * (wait, trace, status, stats).
 *
 * Scheduling: there is no kernel process per vCPU. ctl go only marks
 * the vCPU running; the process that reads wait enters the guest from
 * its own kernel context (vmxwait) and stays in the run loop until an
 * exit that user space must see, which it returns as the line read.
 * An exit to user space thus costs the read of wait and the write of
 * go, and no other context switch. Exits the kernel handles (external
 * interrupts, NMIs, interrupt windows) resume the guest at once.
 * Host interrupts are not acknowledged on exit: the loop opens
 * interrupts briefly after such an exit so the host's handler runs,
 * and if the scheduler then wants the processor the loop puts the
 * host's FPU, debug and syscall state back, releases the vCPU and
 * yields. ctl stop sets a flag the loop reads after every exit, so a
 * guest that spins is stopped at its next clock interrupt.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"
#include "vmx.h"

/* The guest's own copies of these live in Vcpu.msr while it is not loaded. */
static const u32int msrswapped[] = {
	MSRSTAR, MSRLSTAR, MSRCSTAR, MSRFMASK, MSRKGSBASE,
};
_Static_assert(nelem(msrswapped) == Nmsrswap, "Vcpu.msr holds one of each");

static void
invept(int type, uvlong eptp)
{
	uvlong desc[2];

	desc[0] = eptp;
	desc[1] = 0;
	asm volatile("invept %0, %1" : : "m"(desc), "r"((uvlong)type) : "cc", "memory");
}

static void
invvpid(int type, int vpid)
{
	uvlong desc[2];

	desc[0] = vpid;
	desc[1] = 0;
	asm volatile("invvpid %0, %1" : : "m"(desc), "r"((uvlong)type) : "cc", "memory");
}

static void
xsave(uchar *area, u64int mask)
{
	asm volatile("xsave64 %0" : "=m"(*area) : "a"((u32int)mask), "d"((u32int)(mask>>32)) : "memory");
}

static void
xrstor(uchar *area, u64int mask)
{
	asm volatile("xrstor64 %0" : : "m"(*area), "a"((u32int)mask), "d"((u32int)(mask>>32)) : "memory");
}

static u64int
xgetbv(void)
{
	u32int lo, hi;

	asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (u64int)hi<<32 | lo;
}

static void
xsetbv(u64int v)
{
	asm volatile("xsetbv" : : "c"(0), "a"((u32int)v), "d"((u32int)(v>>32)));
}

void
getdr(u64int dr[4], u64int *dr6)
{
	asm volatile("movq %%dr0, %0" : "=r"(dr[0]));
	asm volatile("movq %%dr1, %0" : "=r"(dr[1]));
	asm volatile("movq %%dr2, %0" : "=r"(dr[2]));
	asm volatile("movq %%dr3, %0" : "=r"(dr[3]));
	asm volatile("movq %%dr6, %0" : "=r"(*dr6));
}

static void
putdr(u64int dr[4], u64int dr6)
{
	asm volatile("movq %0, %%dr0" : : "r"(dr[0]));
	asm volatile("movq %0, %%dr1" : : "r"(dr[1]));
	asm volatile("movq %0, %%dr2" : : "r"(dr[2]));
	asm volatile("movq %0, %%dr3" : : "r"(dr[3]));
	asm volatile("movq %0, %%dr6" : : "r"(dr6));
}

/*
 * Put the guest's FPU, debug registers and syscall MSRs in the
 * processor, keeping the host's; the VMCS switches everything else.
 */
static void
load(Vcpu *v)
{
	int i;

	/* the host's lazy FPU switching may have left TS set */
	v->hostts = getcr0() & CR0TS;
	if(v->hostts)
		putcr0(getcr0() & ~CR0TS);
	vmcswrite(Fhostcr0, getcr0());
	vmcswrite(Fhostcr3, getcr3());
	vmcswrite(Fhostcr4, getcr4());
	/*
	 * The host's XCR0, DR0-DR3 and syscall MSRs stay as boot
	 * (trapinit) or reset left them: read where v first loads on a
	 * processor. DR6 changes with the host's own #DBs.
	 */
	if(v->hostcpu != m->machno){
		v->hostxcr0 = xgetbv();
		getdr(v->hostdr, &v->hostdr6);
		for(i = 0; i < Nmsrswap; i++)
			v->hostmsr[i] = rdmsr(msrswapped[i]);
		if(vmx.rdtscp)
			v->hosttscaux = rdmsr(Msrtscaux);
		v->hostcpu = m->machno;
	}
	/*
	 * Both images are saved and restored with every component
	 * enabled: XCR0 governs XSAVE and AVX, not the SSE registers
	 * used through CR4.OSFXSR alone (13.3).
	 */
	xsetbv(vmx.xcr0max);
	xsave(v->hostfpu, vmx.xcr0max);
	xrstor(v->fpu, vmx.xcr0max);
	xsetbv(v->xcr0);
	asm volatile("movq %%dr6, %0" : "=r"(v->hostdr6));
	putdr(v->dr, v->dr6);
#pragma GCC unroll 8
	for(i = 0; i < Nmsrswap; i++)
		wrmsr(msrswapped[i], v->msr[i]);
	if(vmx.rdtscp)
		wrmsr(Msrtscaux, v->tscaux);
	v->loaded = 1;
}

static void
unload(Vcpu *v)
{
	int i;

	if(!v->loaded)
		return;
#pragma GCC unroll 8
	for(i = 0; i < Nmsrswap; i++){
		v->msr[i] = rdmsr(msrswapped[i]);
		wrmsr(msrswapped[i], v->hostmsr[i]);
	}
	if(vmx.rdtscp)
		wrmsr(Msrtscaux, v->hosttscaux);
	getdr(v->dr, &v->dr6);
	putdr(v->hostdr, v->hostdr6);
	xsetbv(vmx.xcr0max);
	xsave(v->fpu, vmx.xcr0max);
	xrstor(v->hostfpu, vmx.xcr0max);
	xsetbv(v->hostxcr0);
	if(v->hostts)
		putcr0(getcr0() | CR0TS);
	v->loaded = 0;
}

/*
 * Whether the entry delivers a #DB, the guest owing one after its last
 * instruction (pending debug exceptions, 26.6.3): it comes before
 * NMIs and interrupts, which injecting would lose it to.
 */
static int
debugowed(void)
{
	return (vmcsread(Fpendingdebug) & (Pendbs|Pendbp)) != 0 && (vmcsread(Finterrupt) & Iblockmovss) == 0;
}

/* Whether the guest's IF and interruptibility let an interrupt in now. */
static int
interruptible(void)
{
	return (vmcsread(Frflags) & Rflagsif) && (vmcsread(Finterrupt) & Iblockmask) == 0;
}

/* Events for this entry: a redelivery first, then exc, then irq if the guest can take it. */
static void
inject(Vcpu *v)
{
	Vevent *ev;
	u32int proc, info, type;
	int open;		/* the guest can take an interrupt now */
	int owed;		/* and events wait for the #DB it owes */
	uvlong cr0;

	ev = nil;
	v->injected = nil;
	/* once: should the #DB not come, the next entry gives the events anyway */
	owed = !v->dbwaited && debugowed();
	v->dbwaited = 0;
	if(v->redeliverpending){
		ev = &v->redeliver;
		v->redeliverpending = 0;
	}else if(v->excpending){
		type = v->exc.info & Itype;
		if((type == Inmi || type == Iextint) && (vmx.pin & Pinpreempt) && owed){
			/* the timer at 0 makes an exit right after the #DB (26.6.4), then exc goes in */
			vmcswrite(Fpreempttimer, 0);
			v->preemptnow = 1;
			v->dbwaited = 1;
		}else{
			ev = &v->exc;
			v->excpending = 0;
		}
	}
	proc = v->procctl;
	/*
	 * Looked at without the lock first, on every entry: an irq posted
	 * after this look interrupts the processor, so the guest exits at
	 * once and the next entry takes it.
	 */
	v->irqheld = 0;
	if(v->irqpending){
		open = ev == nil && interruptible();
		ilock(&v->irqlock);
		if(v->irqpending && apicholds(v, &v->irq))
			v->irqheld = (v->irq.info & 0xff) >> 4;
		else if(v->irqpending && open && !owed){
			v->irqtaken = v->irq;
			ev = &v->irqtaken;
			v->irqpending = 0;
			v->ackvec = v->irqtaken.info & 0xff;
		}else if(v->irqpending){
			proc |= Procirqwin;
			v->dbwaited |= owed;
		}
		iunlock(&v->irqlock);
	}
	/*
	 * Under the quirk's workaround (vmxapic.c) a virtual interrupt
	 * the guest cannot take now waits for the window instead of being
	 * recognized at entry (29.2.1). A #DB owed needs no wait: the
	 * processor delivers it first.
	 */
	if(v->vid && v->vidquirk && apicpending(v) && (ev != nil || !interruptible()))
		proc |= Procirqwin;
	if(v->step)
		proc |= Procmtf;
	vmcswrite(Fproc, proc);
	if(v->vapic != nil)
		apicentry(v);
	if(ev == nil){
		/* exits clear its valid bit, but a failed VMLAUNCH or VMRESUME leaves it */
		vmcswrite(Fentryinfo, 0);
		return;
	}
	v->injected = ev;
	info = ev->info;
	/* no error code in real mode (26.2.1.3) */
	cr0 = vmcsread(Fguestcr0);
	if((cr0 & CR0PE) == 0)
		info &= ~Icode;
	vmcswrite(Fentryinfo, info);
	vmcswrite(Fentrycode, ev->code);
	vmcswrite(Fentryilen, ev->ilen);
}

/* An entry that failed delivered nothing: the event is still pending. */
static void
undoinject(Vcpu *v)
{
	if(v->injected == &v->redeliver)
		v->redeliverpending = 1;
	else if(v->injected == &v->exc)
		v->excpending = 1;
	else if(v->injected == &v->irqtaken){
		/* unless ctl irq gave another meanwhile */
		ilock(&v->irqlock);
		if(!v->irqpending){
			v->irq = v->irqtaken;
			v->irqpending = 1;
		}
		iunlock(&v->irqlock);
		v->ackvec = -1;
	}
	v->injected = nil;
}

/*
 * Guest state that users can get wrong by themselves but that
 * hardware would not mind (26.3.1.5): STI blocking without IF, and
 * in the shadow of STI or MOV SS a pending single step that does not
 * follow TF, as when regs sets flags there.
 */
static void
fixinterruptibility(void)
{
	uvlong irq, flags, pend, step;

	irq = vmcsread(Finterrupt);
	if((irq & Iblockmask) == 0)
		return;
	flags = vmcsread(Frflags);
	if((irq & Iblocksti) && (flags & Rflagsif) == 0){
		irq &= ~Iblocksti;
		vmcswrite(Finterrupt, irq);
		if((irq & Iblockmask) == 0)
			return;
	}
	pend = vmcsread(Fpendingdebug);
	step = (flags & Rflagstf) && (vmcsread(Fguestdebugctl) & Debugctlbtf) == 0 ? Pendbs : 0;
	if((pend & Pendbs) != step)
		vmcswrite(Fpendingdebug, (pend & ~Pendbs) | step);
}

static char *exitnames[Vnreason] = {
	[0] "exc", [1] "extirq", [2] "triplef", [3] "initsig", [4] "sipi", [5] "smiio",
	[6] "smiother", [7] "irqwin", [8] "nmiwin", [9] "taskswitch", [10] ".cpuid",
	[11] ".getsec", [12] ".hlt", [13] ".invd", [14] ".invlpg", [15] ".rdpmc",
	[16] ".rdtsc", [17] ".rsm", [18] ".vmcall", [19] ".vmclear", [20] ".vmlaunch",
	[21] ".vmptrld", [22] ".vmptrst", [23] ".vmread", [24] ".vmresume", [25] ".vmwrite",
	[26] ".vmxoff", [27] ".vmxon", [28] "movcr", [29] ".movdr", [30] "io",
	[31] ".rdmsr", [32] ".wrmsr", [33] "entrystate", [34] "entrymsr", [36] ".mwait",
	[37] "monitortrap", [39] ".monitor", [40] ".pause", [41] "mcheck", [43] "tpr",
	[44] "apicacc", [45] "eoi", [46] "gdtr_idtr", [47] "ldtr_tr", [48] "eptfault",
	[49] "eptinval", [50] ".invept", [51] ".rdtscp", [52] "preempt", [53] ".invvpid",
	[54] ".wbinvd", [55] ".xsetbv", [56] "apicwrite", [57] ".rdrand", [58] ".invpcid",
	[59] ".vmfunc", [60] ".encls", [61] ".rdseed", [62] "pmlfull", [63] ".xsaves",
	[64] ".xrstors",
};

/*
 * The exit line is made on every exit that reaches user space, so it
 * is appended without print's generality or per-byte bounds: its
 * longest form (eptfault: name, qualification and seven fields of at
 * most 16 digits) is under 200 bytes, inside Vlinemax.
 */
#define PUTLIT(p, s)	(__builtin_memcpy((p), (s), sizeof(s)-1), (p) + sizeof(s)-1)

/* x as %#llux prints it, but 0 as 0x0. */
static char*
puthex(char *p, uvlong x)
{
	int n, i;

	n = x == 0 ? 1 : (67 - __builtin_clzll(x)) / 4;
	p = PUTLIT(p, "0x");
	for(i = n-1; i >= 0; i--, x >>= 4)
		p[i] = "0123456789abcdef"[x & 0xf];
	return p + n;
}

static int
exitline(Vcpu *v, char *buf)
{
	char *p, *s, num[16];
	u32int reason, info;
	int rno, vec;
	uvlong qual;

	p = buf;
	reason = vmcsread(Freason);
	rno = reason & 0xffff;
	qual = vmcsread(Fqual);
	info = vmcsread(Fexitinfo);
	if(reason & Rfailed)
		*p++ = '!';
	vec = info & 0xff;
	if(rno == Vmxexception && (info & Ivalid)){
		s = vec < nelem(excnames) ? excnames[vec] : nil;
		if(s == nil){
			seprint(num, num+sizeof num, "#%d", vec);
			s = num;
		}
	}else if(rno < Vnreason && exitnames[rno] != nil)
		s = exitnames[rno];
	else{
		seprint(num, num+sizeof num, "?%d", rno);
		s = num;
	}
	while(*s != 0)
		*p++ = *s++;
	p = puthex(PUTLIT(p, " "), qual);
	p = puthex(PUTLIT(p, " pc "), vmcsread(Frip));
	p = puthex(PUTLIT(p, " sp "), vmcsread(Frsp));
	p = puthex(PUTLIT(p, " ilen "), vmcsread(Fexitilen));
	p = puthex(PUTLIT(p, " iinfo "), vmcsread(Fexitinstr));
	if(rno == Vmxexception && (info & Icode))
		p = puthex(PUTLIT(p, " excode "), vmcsread(Fexitcode));
	if(rno == Vmxeptfault && (qual & 1<<7))
		p = puthex(PUTLIT(p, " va "), vmcsread(Fguestva));
	if(rno == Vmxeptfault || rno == Vmxeptinval)
		p = puthex(PUTLIT(p, " pa "), vmcsread(Fguestpa));
	if(rno == Vmxio)
		p = puthex(PUTLIT(p, " ax "), v->gpr[0]);
	*p++ = '\n';
	return p - buf;
}

/* Copy a line to every trace reader, never blocking on one. */
static void
trace(Vcpu *v, char *line, int n)
{
	Vtrace *t;
	int i;

	/* unlocked: a reader that links itself meanwhile starts with the next line */
	if(v->traces == nil)
		return;
	lock(&v->tracelock);
	for(t = v->traces; t != nil; t = t->next){
		if(t->wr - t->rd + n > BY2PG){
			t->lost++;
			continue;
		}
		for(i = 0; i < n; i++)
			t->buf[(t->wr + i) % BY2PG] = line[i];
		t->wr += n;
		wakeup(t);
	}
	unlock(&v->tracelock);
}

/*
 * Let v go for a while from the run loop: the host's FPU, debug and
 * syscall state back, v unlocked, interrupts on. vmxretake takes it
 * back: v locked, its VMCS current (perhaps moved here from another
 * processor) and interrupts off.
 */
void
vmxrelease(Vcpu *v)
{
	unload(v);
	qunlock(v);
	spllo();
}

void
vmxretake(Vcpu *v)
{
	qlock(v);
	splhi();
	if(v->state != Vending)
		vmcsload(v);
}

/*
 * Let pending host interrupts in, without letting the scheduler
 * switch away while the guest's state is loaded; if it wanted to, or
 * another process waits for v, release v and yield.
 */
static void
hostinterrupts(Vcpu *v)
{
	up->nlocks++;
	asm volatile("sti; nop; cli" : : : "memory");
	up->nlocks--;
	if(!up->delaysched && !qlockwanted(v))
		return;
	vmxrelease(v);
	if(up->delaysched){
		up->delaysched = 0;
		sched();
	}
	vmxretake(v);
}

/* An exit for user space: v is ready. */
static int
foruser(Vcpu *v)
{
	v->state = Vready;
	v->step = 0;
	return v->ackvec >= 0 ? Whatexit|Whatack : Whatexit;
}

/*
 * Run the guest until an exit that user space must see. Called with
 * v locked and interrupts off; returns what there is for the reader:
 * Whatexit (v is then ready, its VMCS current and holding the exit),
 * Whatack (an irq delivered, in ackvec), both, or 0 if v is no longer
 * running. A note for the reader ends the read with "interrupted"
 * between two entries; v stays running, so the next read goes on.
 */
static int
run(Vcpu *v)
{
	u32int reason, info;
	uvlong t0;
	int r;

	for(;;){
		if(v->state != Vrunning)
			return 0;
		/*
		 * stop reports the next exit: one that came before
		 * the guest ran since go would leave the reader with
		 * nothing to report and v ready, asleep for good;
		 * one the kernel answered is done with and not news.
		 */
		if(v->stopreq && v->exited && !v->answered){
			v->stopreq = 0;
			v->state = Vready;
			return Whatexit;
		}
		if(up->notepending){
			up->notepending = 0;
			error(Eintr);
		}
		if(!v->loaded)
			load(v);
		if(v->flushvpid){
			invvpid((vmx.eptcaps & Capinvvpidone) ? 1 : 2, v->vpid);
			v->flushvpid = 0;
		}
		if(v->flushept){
			invept((vmx.eptcaps & Capinveptone) ? 1 : 2, eptp(v));
			v->flushept = 0;
		}
		inject(v);
		fixinterruptibility();
		sidechannels(v);
		t0 = rdtsc();
		if(v->gotsc != 0){
			v->go2entry += t0 - v->gotsc;
			v->gotsc = 0;
		}
		r = vmxenter(v->gpr, v->launched);
		tablesload();
		v->exittsc = rdtsc();
		v->guestcycles += v->exittsc - t0;
		if(v->preemptnow){
			vmcswrite(Fpreempttimer, v->preempt);
			v->preemptnow = 0;
		}
		if(r != 0){
			/*
			 * Controls and host state are the kernel's, and events
			 * are checked when written: nothing regs can change
			 * would make the next entry work.
			 */
			v->injected = nil;
			vmcswrite(Fentryinfo, 0);
			snprint(v->errstr, sizeof v->errstr, "vmx: VM entry failed: %s, instruction error %llud",
				r == 1 ? "no current VMCS" : "invalid controls or host state",
				r == 1 ? 0 : vmcsread(Finstrerror));
			v->state = Vdead;
			error(v->errstr);
		}
		reason = vmcsread(Freason);
		if((reason & 0xffff) == Vmxmcheck){
			/* a machine check during entry: the host's, and v cannot go on */
			strcpy(v->errstr, "vmx: machine check");
			v->state = Vdead;
			asm volatile("int $18");
			return 0;
		}
		if((reason & Rfailed) == 0)
			v->launched = 1;
		else
			undoinject(v);
		v->injected = nil;
		v->exited = 1;
		v->answered = 0;
		if((reason & 0xffff) < Vnreason)
			v->nexit[reason & 0xffff]++;
		info = vmcsread(Fidtinfo);
		if(info & Ivalid){
			v->redeliver.info = info & ~(1<<12);
			v->redeliver.code = vmcsread(Fidtcode);
			v->redeliver.ilen = vmcsread(Fexitilen);
			v->redeliverpending = 1;
		}
		switch(reason){
		case Vmxextint:
		case Vmxpreempt:
			hostinterrupts(v);
			break;
		case Vmxirqwin:
			break;
		case Vmxexception:
			info = vmcsread(Fexitinfo);
			if((info & Itype) == Inmi){
				/* the host's NMI, held off by the exit: its handler takes it as if no guest ran */
				v->nnmi++;
				asm volatile("int $2");
				break;
			}
			if((info & (Itype|0xff)) == (Ihard|Vecmc)){
				strcpy(v->errstr, "vmx: machine check");
				v->state = Vdead;
				asm volatile("int $18");
				return 0;
			}
			return foruser(v);
		default:
			if(!vmxanswer(v, reason))
				return foruser(v);
			v->answered = 1;
		}
		if(v->ackvec >= 0)
			return Whatack;
	}
}

/* v runs from the next entry on; v is locked. */
static void
start(Vcpu *v, int step)
{
	v->step = step;
	v->stopreq = 0;
	v->exited = 0;
	/* the monitor may have written the virtual-APIC page while v was ready */
	v->vapicdirty = 1;
	v->state = Vrunning;
	v->gotsc = rdtsc();
}

/*
 * go and step, with optional "name=value;..." settings applied first.
 * The reader of wait does the running.
 */
void
vmxgo(Vcpu *v, int step, char *settings)
{
	uintptr s;
	int waiter;

	if(step && !vmx.mtf)
		error("vmx: cpu lacks monitor trap flag");
	s = vmcslock(v, ~(1<<Vready));
	if(waserror()){
		vmcsunlock(v, s);
		nexterror();
	}
	stateapply(v);
	setregs(v, settings);
	start(v, step);
	v->stopnext = 0;
	/* only a reader inside vmxwait can be asleep; others will see Vrunning */
	waiter = v->waiter != nil;
	poperror();
	vmcsunlock(v, s);
	if(waiter)
		wakeup(&v->runr);
}

/*
 * Takes effect at the next exit; needs no lock, so it reaches a
 * spinning guest, on another processor through an interrupt. A stop
 * while v is ready waits for the next read of run, which a monitor
 * may be about to make; go forgets it.
 */
void
vmxstop(Vcpu *v)
{
	vmxrefuse(v, 1<<Vending);
	if(v->state == Vrunning){
		v->stopreq = 1;
		coherence();
		kick(v);
		wakeup(&v->hltr);
	}else if(v->state == Vready)
		v->stopnext = 1;
}

static int
runnable(void *a)
{
	Vcpu *v;

	v = a;
	return (v->state != Vready && v->state != Vinit) || v->held[0] != 0;
}

/*
 * For the reader of wait or run, v locked, interrupts off and
 * waiter up: run the guest (after go) until it has something to say;
 * returns Whatexit, Whatack or both.
 */
static int
runwait(Vcpu *v, uintptr *s)
{
	u32int reason;
	int what;

	for(what = 0; what == 0;){
		vmxrefuse(v, 1<<Vending | 1<<Vdead);
		switch(v->state){
		case Vrunning:
			vmcsload(v);
			what = run(v);
			break;
		default:
			if(v->loaded)
				unload(v);
			splx(*s);
			qunlock(v);
			if(waserror()){
				qlock(v);
				*s = splhi();
				nexterror();
			}
			sleep(&v->runr, runnable, v);
			poperror();
			qlock(v);
			*s = splhi();
		}
	}
	if(v->page != nil){
		/* databreakable after the fault-like accesses only: its call would cost every exit */
		if(what & Whatexit){
			reason = statefill(v) & 0xffff;
			if((reason == Vmxeptfault || reason == Vmxapicaccess) && databreakable())
				what |= Whatdatabreak;
		}
		v->page->what = what;
		v->page->ack = v->ackvec;
	}
	return what;
}

/* Take v for a reader of wait or run; returns the interrupt state for endwait. */
static uintptr
beginwait(Vcpu *v)
{
	qlock(v);
	if(v->waiter != nil){
		qunlock(v);
		error("vmx: wait is already being read");
	}
	v->waiter = up;
	return splhi();
}

/*
 * Back to user space with the host's own MSRs, FPU and debug
 * registers, even when the guest runs on (an *ack line): the guest's
 * KERNEL_GS_BASE would otherwise reach the next swapgs.
 */
static void
endwait(Vcpu *v, uintptr s, int failed)
{
	if(!failed || v->state != Vending)
		unload(v);
	splx(s);
	v->waiter = nil;
}

/* The reader's share of an exit's cost, for stats; v is locked. */
static void
userexit(Vcpu *v)
{
	if(v->exittsc != 0){
		v->exit2user += rdtsc() - v->exittsc;
		v->exittsc = 0;
		v->nuserexit++;
	}
}

/* What a line of wait says, in buf; an exit behind an *ack is held for the next read. */
static int
waitline(Vcpu *v, int what, char *buf, long size)
{
	int n;

	if((what & Whatack) == 0)
		return exitline(v, buf);
	n = snprint(buf, size, "*ack %d\n", v->ackvec);
	v->ackvec = -1;
	if(what & Whatexit)
		v->held[exitline(v, v->held)] = 0;
	return n;
}

/* A read of wait: the next exit or *ack as a line, which goes to trace readers too. */
long
vmxwait(Vcpu *v, char *buf, long size)
{
	int n;
	uintptr s;

	s = beginwait(v);
	if(waserror()){
		endwait(v, s, 1);
		qunlock(v);
		nexterror();
	}
	if(v->held[0] != 0){
		n = strlen(v->held);
		memmove(buf, v->held, n+1);
		v->held[0] = 0;
	}else
		n = waitline(v, runwait(v, &s), buf, size);
	endwait(v, s, 0);
	poperror();
	trace(v, buf, n);
	userexit(v);
	qunlock(v);
	return n;
}

/*
 * A read of run: the state page's changes applied and the guest
 * started if it is ready, then run to its next exit or *ack, which
 * the page reports, its lines going to trace readers as wait's do.
 * Returns the page's what.
 */
int
vmxrun(Vcpu *v)
{
	char line[Vlinemax];
	uintptr s;
	int what, n;
	uvlong t0;

	t0 = rdtsc();
	s = beginwait(v);
	if(waserror()){
		endwait(v, s, 1);
		qunlock(v);
		nexterror();
	}
	if(v->page == nil)
		error("vmx: no state page");
	vmxrefuse(v, 1<<Vending | 1<<Vdead);
	if(v->held[0] != 0){
		/* the exit behind an *ack that wait reported */
		v->held[0] = 0;
		what = v->page->what = Whatexit;
	}else{
		if(v->state == Vready){
			vmcsload(v);
			stateapply(v);
			start(v, 0);
			v->gotsc = t0;
			/* a monitor's stop may come as it goes in */
			v->stopreq = v->stopnext;
			v->stopnext = 0;
		}else if(v->page->dirty != 0)
			error("vmx: vCPU is running");
		what = runwait(v, &s);
	}
	if(v->traces != nil){
		n = waitline(v, what, line, sizeof line);
		trace(v, line, n);
		if(v->held[0] != 0){
			trace(v, v->held, strlen(v->held));
			v->held[0] = 0;
		}
	}
	v->ackvec = -1;
	endwait(v, s, 0);
	poperror();
	userexit(v);
	qunlock(v);
	return what;
}

char*
vmxstatus(Vcpu *v, char *p, char *e)
{
	static char *names[] = {
	[Vinit]		"init",
	[Vready]	"ready",
	[Vrunning]	"running",
	[Vending]	"ending",
	[Vdead]		"dead",
	};

	if(v->state == Vdead)
		return seprint(p, e, "dead %q\n", v->errstr);
	return seprint(p, e, "%s\n", names[v->state]);
}

char*
vmxstatsread(Vcpu *v, char *p, char *e)
{
	uvlong ns;
	int i;

	ns = m->cpuhz ? v->guestcycles * 1000 / (m->cpuhz / 1000000) : 0;
	p = seprint(p, e, "guestns %llud\n", ns);
	p = seprint(p, e, "userexits %llud\nexit2user %llud\ngo2entry %llud\n",
		v->nuserexit, v->exit2user, v->go2entry);
	for(i = 0; i < Vnreason; i++){
		if(v->nexit[i] != 0)
			p = seprint(p, e, "%s %lud\n", exitnames[i] ? exitnames[i] : "?", v->nexit[i]);
		if(v->nkernel[i] != 0)
			p = seprint(p, e, "%s.kernel %lud\n", exitnames[i], v->nkernel[i]);
	}
	if(v->nnmi != 0)
		p = seprint(p, e, "nmi %lud\n", v->nnmi);
	if(v->nl1dflush != 0)
		p = seprint(p, e, "l1dflush %lud\n", v->nl1dflush);
	if(v->nverw != 0)
		p = seprint(p, e, "verw %lud\n", v->nverw);
	if(v->nibpb != 0)
		p = seprint(p, e, "ibpb %lud\n", v->nibpb);
	p = seprint(p, e, "sidecycles %llud\n", v->sidecycles);
	if(vmx.apic2 & Proc2vid)
		p = seprint(p, e, "vidquirk %d\n", v->vidquirk);
	if(v->nmigrate != 0)
		p = seprint(p, e, "migrations %lud\n", v->nmigrate);
	return p;
}

/* A new reader of trace: it sees the lines of exits from now on. */
Vtrace*
vmxtraceopen(Vcpu *v)
{
	Vtrace *t;

	t = smalloc(sizeof *t);
	t->buf = smalloc(BY2PG);
	lock(&v->tracelock);
	t->next = v->traces;
	v->traces = t;
	/* vmxfree sets ending before it hangs up those it finds here */
	t->hungup = v->state == Vending;
	unlock(&v->tracelock);
	return t;
}

void
vmxtraceclose(Vcpu *v, Vtrace *t)
{
	Vtrace **l;

	lock(&v->tracelock);
	for(l = &v->traces; *l != nil; l = &(*l)->next)
		if(*l == t){
			*l = t->next;
			break;
		}
	unlock(&v->tracelock);
	free(t->buf);
	free(t);
}

/* The vCPU is gone: readers get what is left, then end of file. */
void
tracehangup(Vcpu *v)
{
	Vtrace *t;

	lock(&v->tracelock);
	for(t = v->traces; t != nil; t = t->next){
		t->hungup = 1;
		wakeup(t);
	}
	unlock(&v->tracelock);
}

static int
tracewaiting(void *a)
{
	Vtrace *t;

	t = a;
	return t->rd != t->wr || t->lost != 0 || t->hungup;
}

/*
 * One reader at a time (devvmx.c sees to it): two would sleep on t.
 * The lines are copied out of the lock, since touching buf may fault.
 */
long
vmxtraceread(Vcpu *v, Vtrace *t, char *buf, long n)
{
	long i;
	char tmp[2*Vlinemax];

	if(n > sizeof tmp)
		n = sizeof tmp;
	sleep(t, tracewaiting, t);
	lock(&v->tracelock);
	if(t->lost != 0){
		i = snprint(tmp, sizeof tmp, "lost %lud\n", t->lost);
		t->lost = 0;
		if(i > n)
			i = n;
	}else
		for(i = 0; i < n && t->rd != t->wr; i++)
			tmp[i] = t->buf[t->rd++ % BY2PG];
	unlock(&v->tracelock);
	memmove(buf, tmp, i);
	return i;
}
