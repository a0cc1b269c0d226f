/* The monitor's processors as the local APIC sees them: two, recording what they were sent. */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

int ncpu = 2;
int cpupokes[2];
int cpunmis[2];
int cpuinits[2];
int cpusipis[2];	/* the last vector, or -1 */

void
cpupoke(int cpu)
{
	cpupokes[cpu]++;
}

void
cpunmi(int cpu)
{
	cpunmis[cpu]++;
}

void
cpuinit(int cpu)
{
	cpuinits[cpu]++;
}

void
cpusipi(int cpu, int vec)
{
	cpusipis[cpu] = vec;
}
