/* Shared by the host tests: the fake monitor; check.h reports. */
#include <stdio.h>
#include "check.h"

enum {
	Faketschz	= 2500000000ULL,	/* what tschz says */
};

extern vlong	fakenow;
extern uvlong	faketsc;
extern int	nresets;
extern int	nexits;
extern u32int	exitstatus;

void	advance(vlong ns);
void	outp(u16int port, int size, u32int v);
u32int	inp(u16int port, int size);
void	mmiow(uvlong addr, u32int v);
u32int	mmior(uvlong addr);
void	outb(u16int port, u32int v);
u32int	inb(u16int port);

/* the devices under test; init is also their reset */
extern Vdev	acpidev, i8042dev, i8254dev, i8259dev, ioapicdev, lapicdev, pcidev, rtcdev, sysportsdev;

/* test/intack.c */
int	takeintr(int cpu);

/* test/fakeirq.c, for tests without the real interrupt controller */
extern int	irqlevel[16];
extern int	irqedges[16];
