/*
 * The monitor's clock, from the TSC so that reading it costs no
 * system call, and the clock proc that hands control back to the
 * exit loop when a device timer falls due: it stops a running guest
 * through ctl, or wakes the loop idling for a halted guest.
 *
 * The clock may run slow by a whole factor (vmx -T): every guest
 * clock (the device timers and, through the frequency CPUID reports,
 * the TSC) then runs that many times slower than the host's. Where
 * the host is itself emulated and an exit costs as much as a guest's
 * timer period, that is what lets a periodic tick leave the guest
 * time to run.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

#define Never	0x7fffffffffffffffLL

enum {
	Calibms		= 20,
	Retry		= 1000000,	/* ns before kicking again a loop that did not notice */
	Maxahead	= 24*60*60,	/* seconds tscafter looks ahead at most */
};

static struct {
	uvlong	tsc0;
	uvlong	hz;		/* TSC ticks per second */
	int	slow;		/* host nanoseconds per monitor nanosecond */
	vlong	deadline;	/* the next device timer, or -1 */
	vlong	armed;		/* when the clock proc wakes up next */
	long	clocksem;	/* the clock proc sleeps here */
} clk;

uvlong
hosttsc(void)
{
	u32int lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uvlong)hi<<32 | lo;
}

/* The TSC's rate as the guest sees it: the guest's TSC is the host's. */
uvlong
tschz(void)
{
	return clk.hz * clk.slow;
}

vlong
now(void)
{
	uvlong d;

	d = hosttsc() - clk.tsc0;
	return tickstons(d, clk.hz) / clk.slow;
}

/*
 * When, on the monitor's clock, the TSC will have run n ticks more.
 * Beyond a day it is a day: the clock proc's waits stay in range, and
 * a guest takes an early timer interrupt as a spurious one.
 */
vlong
tscafter(uvlong n)
{
	if(n > clk.hz * Maxahead)
		n = clk.hz * Maxahead;
	return now() + tickstons(n, clk.hz) / clk.slow;
}

/* The TSC's rate against the kernel's clock, slowed by slow. */
void
clockinit(int slow)
{
	vlong t0, t1;
	uvlong c0, c1;

	t0 = nsec();
	c0 = hosttsc();
	sleep(Calibms);
	t1 = nsec();
	c1 = hosttsc();
	if(t1 <= t0 || c1 <= c0)
		sysfatal("cannot calibrate the TSC");
	clk.hz = (c1 - c0) * Sec / (t1 - t0);
	if(clk.hz == 0)
		clk.hz = 1;
	clk.slow = slow;
	clk.tsc0 = c0;
	clk.deadline = -1;
	clk.armed = Never;
}

/*
 * The exit loop calls this on every exit; it costs a system call
 * only when the clock proc sleeps past the new deadline.
 */
void
setdeadline(vlong when)
{
	__atomic_store_n(&clk.deadline, when, __ATOMIC_SEQ_CST);
	if(when >= 0 && when < __atomic_load_n(&clk.armed, __ATOMIC_SEQ_CST))
		semrelease(&clk.clocksem, 1);
}

/* Give control back to the first vCPU's exit loop soon: new input, or a timer due. */
void
kick(void)
{
	wake(&cpus[0]);
}

static void
clockproc(void*)
{
	vlong d, t, wait;

	while(!dying){
		d = __atomic_load_n(&clk.deadline, __ATOMIC_SEQ_CST);
		t = now();
		if(d < 0)
			wait = Never;
		else if(t >= d){
			kick();
			wait = Retry;
		}else
			wait = d - t;
		__atomic_store_n(&clk.armed, wait == Never ? Never : t + wait, __ATOMIC_SEQ_CST);
		/* the loop may have moved the deadline before it could see armed */
		if(__atomic_load_n(&clk.deadline, __ATOMIC_SEQ_CST) != d)
			continue;
		if(wait != Never)
			alarm((wait * clk.slow + 999999) / 1000000);
		semacquire(&clk.clocksem, 1);
		alarm(0);
	}
}

/* At each boot: no deadline yet, and no wakeup left from the last boot's clock proc. */
void
clockstart(void)
{
	clk.deadline = -1;
	clk.armed = Never;
	clk.clocksem = 0;
	helperproc(clockproc, nil);
}

/* Let the clock proc see that vmx is ending. */
void
clockstop(void)
{
	semrelease(&clk.clocksem, 1);
}
