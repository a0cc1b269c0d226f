/*
 * A vCPU for test programs: a few real-mode bytes at Code in a sticky
 * #g segment of its own, mapped at guest address 0, with an optional
 * interrupt handler for vector Vector at Handler.
 */
enum
{
	Code	= 0x1000,
	Handler	= 0x2000,
	Vector	= 0x20,
};

typedef struct Vm Vm;
struct Vm
{
	int	n;		/* #X/n */
	int	ctl;
	int	wait;
	char	seg[32];
};

int	xopen(char *fmt, int n, int mode);
void	xwrite(int fd, char *s);
void	newvm(Vm *v, char *name, uchar *code, int ncode, uchar *handler, int nhandler);
void	endvm(Vm *v);
uvlong	vmstat(Vm *v, char *name);
