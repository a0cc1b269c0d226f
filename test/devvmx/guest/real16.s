/*
 * 16-bit real mode, loaded and entered at 0x1000: one exit of each
 * kind the test driver checks, in order. Guest memory is mapped at
 * [0, 0x10000) only, so the last three instructions fault in EPT.
 */
	.code16
	.globl start
start:
	movb	$0x42, %al
	outb	%al, $0x10		/* io: out, port 0x10, ax 0x42 */
	inb	$0x11, %al		/* io: in, port 0x11 */
	cpuid				/* .cpuid */
	hlt				/* .hlt */
	movl	$0x10, %ecx
	rdmsr				/* .rdmsr of the TSC */
	wrmsr				/* .wrmsr */
	movw	$0x2000, %ax
	movw	%ax, %ds
	movb	0, %al			/* eptfault: read of 0x20000 */
	movb	%al, 0			/* eptfault: write of 0x20000 */
	ljmp	$0x3000, $0		/* eptfault: execute at 0x30000 */
