/*
 * An application processor's first instructions. mpinit copies
 * apboot..apbootend to APBOOT, below 1 MiB, where the startup IPI
 * starts the processor in real mode, and fills in the words at the
 * end. The code goes to long mode on the page table at APPML4 (the
 * kernel's, plus the first GiB at 0 so that these instructions stay
 * mapped), then to apstart in the kernel with its Mach and stack.
 */
#include "mem.h"

#define LOW(x)		((x)-apboot+APBOOT)

	.text
	.code16
	.globl apboot
apboot:
	cli
	cld
	xorl	%eax, %eax
	movw	%ax, %ds
	lgdtl	LOW(apgdtptr)
	/* INIT leaves the caches off */
	movl	%cr0, %eax
	andl	$~(CR0CD|CR0NW), %eax
	orl	$CR0PE, %eax
	movl	%eax, %cr0
	ljmpl	$0x18, $LOW(ap32)

	.code32
ap32:
	movl	$KDSEL, %eax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movl	%cr4, %eax
	orl	$(CR4PAE|CR4PSE), %eax
	movl	%eax, %cr4
	movl	$APPML4, %eax
	movl	%eax, %cr3
	movl	$MSREFER, %ecx
	rdmsr
	orl	$EFERLME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0PG|CR0WP|CR0NE), %eax
	movl	%eax, %cr0
	ljmp	$KESEL, $LOW(ap64)

	.code64
ap64:
	movq	LOW(apstack), %rsp
	movq	LOW(apmach), %rdi
	movq	LOW(apentry), %rax
	jmp	*%rax

/* KESEL and KDSEL as the kernel has them; 0x18 for the 32-bit step */
	.align 16
apgdt:
	.quad	0
	.quad	0x00209a0000000000
	.quad	0x00cf92000000ffff
	.quad	0x00cf9a000000ffff
apgdtptr:
	.word	4*8-1
	.long	LOW(apgdt)

	.align 8
	.globl apstack, apmach, apentry
apstack:	.quad	0
apmach:		.quad	0
apentry:	.quad	0
	.globl apbootend
apbootend:

/* In the kernel proper, with the kernel's segments. */
	.globl apstart
apstart:
	xorl	%ebp, %ebp
	call	kernelsegs
	call	squidboy
1:	hlt
	jmp	1b

	.section .note.GNU-stack, "", @progbits
