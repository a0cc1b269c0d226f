/*
 * 32-bit protected mode, loaded and entered at 0x1000 with the stack
 * at 0x8000: event injection, interrupt windows, exception exits,
 * single steps, CR0 and SSE, then a triple fault. Each "out" to a
 * port from 0x20 up marks a point where the test driver acts.
 */
	.code32
	.globl start
start:
	lgdt	gdtr
	ljmp	$0x08, $1f
1:	movl	$0x10, %eax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movl	$gphandler, %eax
	movl	$idt+13*8, %edi
	call	setgate
	movl	$irqhandler, %eax
	movl	$idt+0x30*8, %edi
	call	setgate
	lidt	idtr

	outb	%al, $0x20		/* the host injects #gp with a code here */
	nop
	cli
	outb	%al, $0x21		/* the host posts irq 0x30 with IF clear */
	outb	%al, $0x22		/* no *ack before this */
	sti
	nop				/* interrupt window: irqhandler runs */
	nop
	int3				/* #bp exit once extrap has bit 3 */
	nop				/* stepped over */
	nop
	outb	%al, $0x23
	movl	%cr0, %eax
	orl	$0x40000, %eax
	movl	%eax, %cr0		/* movcr: AM is host-owned */
	movd	%xmm0, %eax
	outl	%eax, $0x24		/* xmm0 as written through fpregs */
	movl	$0xdeadbeef, %eax
	movd	%eax, %xmm1
	outb	%al, $0x25		/* xmm1 for fpregs to read */
	lidt	badidtr
	ud2				/* #ud, #gp, #df with no IDT: triple fault */

gphandler:
	popl	%eax			/* the error code */
	outl	%eax, $0x26
	iret

irqhandler:
	movl	$0x30, %eax
	outb	%al, $0x30
	iret

/* an interrupt gate at (%edi) for the handler at %eax */
setgate:
	movw	%ax, (%edi)
	movw	$0x08, 2(%edi)
	movw	$0x8e00, 4(%edi)
	shrl	$16, %eax
	movw	%ax, 6(%edi)
	ret

	.align 8
gdt:
	.quad	0
	.quad	0x00cf9b000000ffff	/* 0x08: flat 32-bit code */
	.quad	0x00cf93000000ffff	/* 0x10: flat data */
gdtr:
	.word	3*8-1
	.long	gdt
idtr:
	.word	0x31*8-1
	.long	idt
badidtr:
	.word	0
	.long	0
	.align 8
idt:
	.space	0x31*8
