/*
 * vCPUs for the #X test programs: guest memory is a sticky 64 KiB #g
 * segment of the vCPU's own, mapped at guest address 0; newvm makes
 * one in real mode with a few bytes at Code and an optional interrupt
 * handler for vector Vector at Handler; statepage gives it a state
 * page (vmx(3)) attached at Stateva, apicpage a virtual-APIC page at
 * Apicva, vmlongmode puts it in 64-bit mode, vmesapic points its es
 * at the xAPIC. vmstat and vmreg read stats and regs by name; vmrun
 * reads run once, vmctlerr wants a ctl message refused, vmlater writes
 * one from a child. runsubtest runs the subtest of a program's table
 * that its first argument names. The checks are check.h's.
 */
#include <vmxstate.h>
#include "check.h"

enum
{
	Guestmem	= 64*1024,
	Code	= 0x1000,
	Handler	= 0x2000,
	Vector	= 0x20,
	Stateva	= 0x20000000,
	Apicva	= 0x30000000,	/* the virtual-APIC page, then the APIC-access page */
	Apicbase	= 0xfee00000,	/* the guest's xAPIC page */

	/* apicpage's flags */
	Apicxapic	= 1<<0,		/* the xAPIC's page virtualized */
	Apicvid	= 1<<1,		/* virtual-interrupt delivery */
};

typedef struct Vm Vm;
typedef struct Subtest Subtest;
struct Vm
{
	int	n;		/* #X/n */
	int	ctl;
	int	wait;
	char	seg[32];
	int	run;		/* #X/n/run, once statepage made the page */
	uchar	*apic;		/* the virtual-APIC page, once apicpage made it */
};

/*
 * A subtest, run as "PROG NAME [N]": f gets N, or n when no N is
 * given; a subtest whose n is 0 takes no N.
 */
struct Subtest
{
	char	*name;
	void	(*f)(int n);
	int	n;
};

int	xopen(char *fmt, int n, int mode);
void	xwrite(int fd, char *s);
void	vmseg(Vm *v, char *name);
void	vmload(Vm *v, void *p, long n, vlong off);
void	vmclone(Vm *v);
void	vmrealmode(Vm *v);
void	newvm(Vm *v, char *name, uchar *code, int ncode, uchar *handler, int nhandler);
void	newvcpu(Vm *v);
void	endvm(Vm *v);
uvlong	vmstat(Vm *v, char *name);
uvlong	vmreg(Vm *v, char *name);
uvlong	swapfigure(char *name);
Vmxstate*	statepage(Vm *v);
uchar*	apicpage(Vm *v, int flags);
void	vmlongmode(Vm *v);
void	vmesapic(Vm *v);
int	vmrun(Vm *v, char *err);
void	vmctlerr(Vm *v, char *name, char *msg, char *want);
void	vmlater(Vm *v, int ms, char *msg);
char*	next(Vm *v, char *buf, int n);
void	runsubtest(Subtest *t, int nt, int argc, char *argv[]);

