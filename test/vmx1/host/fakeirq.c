#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

int irqlevel[16];
int irqedges[16];

void
irqline(int irq, int level)
{
	if(level && !irqlevel[irq])
		irqedges[irq]++;
	irqlevel[irq] = level;
}
