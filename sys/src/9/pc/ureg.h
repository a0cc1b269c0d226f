/* The registers saved on kernel entry, in the order l.s pushes them. */
typedef struct Ureg Ureg;
struct Ureg
{
	u64int	ax, bx, cx, dx, si, di, bp;
	u64int	r8, r9, r10, r11, r12, r13, r14, r15;
	u64int	type;		/* vector; 256 for a system call */
	u64int	error;
	u64int	pc, cs, flags, sp, ss;
};
