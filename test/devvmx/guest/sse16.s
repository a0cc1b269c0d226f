/*
 * 16-bit real mode with CR4.OSFXSR, loaded and entered at 0x1000:
 * SSE state for an fpregs round trip, then a loop that never exits
 * for stop. Each "out" marks a point where the test script acts.
 */
	.code16
	.globl start
start:
	movl	$0xdeadbeef, %eax
	movd	%eax, %xmm1
	outb	%al, $0x40		/* the host reads fpregs: xmm1 is 0xdeadbeef */
	pxor	%xmm1, %xmm1
	outb	%al, $0x41		/* the host writes back the image it read */
	movd	%xmm1, %eax
	outl	%eax, $0x42		/* ax: xmm1 as written back */
spin:
	jmp	spin			/* the host stops it */
