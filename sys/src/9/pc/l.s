/*
 * Entry from a multiboot2 loader, the switch to long mode, and the
 * few things C cannot do: labels, trap and system-call entry, and the
 * return to user mode.
 */
#include "mem.h"

#define PHYS(x)		((x)-KTBASE)

	.section .mbheader, "a"
	.align 8
mbheader:
	.long	0xe85250d6			/* multiboot2 magic */
	.long	0				/* i386 protected mode */
	.long	mbheaderend-mbheader
	.long	-(0xe85250d6+(mbheaderend-mbheader))
	.align 8
	.word	3, 0				/* entry address tag */
	.long	12
	.long	PHYS(start)
	.align 8
	.word	0, 0				/* end tag */
	.long	8
mbheaderend:

	.text
	.code32
	.globl start
start:
	cli
	cld
	movl	%eax, %edi			/* multiboot magic */
	movl	%ebx, %esi			/* multiboot information */
	movl	$PHYS(mach0+MACHSIZE), %esp

	/* long mode is required; say so on COM1 rather than reset */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	nolongmode
	movl	$0x80000001, %eax
	cpuid
	btl	$29, %edx
	jnc	nolongmode

	/*
	 * One page directory of 2 MiB pages maps the first GiB; it is
	 * reachable at 0 (until main drops it), at KZERO and at KTBASE.
	 */
	movl	$PHYS(bootpd), %ebx
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PTEVALID|PTEWRITE|PTESIZE), %eax
	movl	%eax, (%ebx,%ecx,8)
	movl	$0, 4(%ebx,%ecx,8)
	incl	%ecx
	cmpl	$512, %ecx
	jb	1b

	movl	$PHYS(bootpd+PTEVALID+PTEWRITE), %eax
	movl	%eax, PHYS(bootpdptlo)
	movl	%eax, PHYS(bootpdpthi)+510*8
	movl	$PHYS(bootpdptlo+PTEVALID+PTEWRITE), %eax
	movl	%eax, PHYS(bootpml4)
	movl	%eax, PHYS(bootpml4)+256*8
	movl	$PHYS(bootpdpthi+PTEVALID+PTEWRITE), %eax
	movl	%eax, PHYS(bootpml4)+511*8

	movl	%cr4, %eax
	orl	$(CR4PAE|CR4PSE), %eax
	movl	%eax, %cr4
	movl	$PHYS(bootpml4), %eax
	movl	%eax, %cr3
	movl	$MSREFER, %ecx
	rdmsr
	orl	$EFERLME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0PG|CR0PE|CR0WP|CR0NE), %eax
	movl	%eax, %cr0

	lgdt	PHYS(bootgdtptr)
	ljmp	$KESEL, $PHYS(start64)

nolongmode:
	movl	$PHYS(nolongmsg), %ebx
2:	movb	(%ebx), %al
	testb	%al, %al
	jz	3f
	movw	$0x3f8, %dx
	outb	%al, %dx
	incl	%ebx
	jmp	2b
3:	hlt
	jmp	3b

	.code64
start64:
	movabsq	$starthigh, %rax
	jmp	*%rax
starthigh:
	movabsq	$mach0+MACHSIZE, %rsp
	xorl	%ebp, %ebp
	call	kernelsegs
	movl	%edi, %edi
	movl	%esi, %esi
	call	main
4:	hlt
	jmp	4b

/* The kernel's data selectors in ds, es and ss; fs and gs null. Clobbers ax. */
	.globl kernelsegs
kernelsegs:
	movl	$KDSEL, %eax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	xorl	%eax, %eax
	movw	%ax, %fs
	movw	%ax, %gs
	ret

	.section .rodata
nolongmsg:
	.asciz	"kernel: this processor has no long mode\r\n"

	.align 16
bootgdt:
	.quad	0
	.quad	0x00209a0000000000		/* KESEL: 64-bit code */
	.quad	0x0000920000000000		/* KDSEL */
bootgdtptr:
	.word	3*8-1
	.long	PHYS(bootgdt)

	.section .bss
	.align 4096
bootpml4:	.space 4096
bootpdptlo:	.space 4096
bootpdpthi:	.space 4096
bootpd:		.space 4096
	.globl mach0
mach0:		.space MACHSIZE

	.text
/*
 * setlabel saves the callee-saved registers, stack and return address;
 * gotolabel returns from that setlabel a second time, with 1.
 */
	.globl setlabel
setlabel:
	movq	(%rsp), %rax
	movq	%rax, 8(%rdi)
	leaq	8(%rsp), %rax
	movq	%rax, 0(%rdi)
	movq	%rbx, 16(%rdi)
	movq	%rbp, 24(%rdi)
	movq	%r12, 32(%rdi)
	movq	%r13, 40(%rdi)
	movq	%r14, 48(%rdi)
	movq	%r15, 56(%rdi)
	xorl	%eax, %eax
	ret

	.globl gotolabel
gotolabel:
	movq	16(%rdi), %rbx
	movq	24(%rdi), %rbp
	movq	32(%rdi), %r12
	movq	40(%rdi), %r13
	movq	48(%rdi), %r14
	movq	56(%rdi), %r15
	movq	0(%rdi), %rsp
	movl	$1, %eax
	jmp	*8(%rdi)

/*
 * Trap entry: each vector pushes an error code (the CPU's or 0) and its
 * number, then all registers are saved to make a Ureg and trap(Ureg*)
 * runs. GS holds the Mach in the kernel and is swapped on user entry.
 */
	.align 16
	.globl vectors
vectors:
	.set i, 0
	.rept 256
	.align 16
	.if (i == 8) || (i >= 10 && i <= 14) || (i == 17) || (i == 21) || (i == 29) || (i == 30)
	pushq	$i
	.else
	pushq	$0
	pushq	$i
	.endif
	jmp	alltraps
	.set i, i+1
	.endr

/* The general registers, in Ureg order (ax lowest). */
	.macro pushregs
	pushq	%r15
	pushq	%r14
	pushq	%r13
	pushq	%r12
	pushq	%r11
	pushq	%r10
	pushq	%r9
	pushq	%r8
	pushq	%rbp
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rbx
	pushq	%rax
	.endm

alltraps:
	testb	$3, 24(%rsp)
	jz	1f
	swapgs
1:	pushregs
	movq	%rsp, %rdi
	xorl	%ebp, %ebp
	call	trap
	.globl trapret
trapret:
	popq	%rax
	popq	%rbx
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	popq	%rbp
	popq	%r8
	popq	%r9
	popq	%r10
	popq	%r11
	popq	%r12
	popq	%r13
	popq	%r14
	popq	%r15
	testb	$3, 24(%rsp)
	jz	2f
	swapgs
2:	addq	$16, %rsp
	iretq

/*
 * SYSCALL: RCX holds the user PC and R11 the flags. Build the same Ureg
 * a trap would, so notes, fork and exec treat both alike, and leave by
 * trapret.
 */
	.globl syscallentry
syscallentry:
	swapgs
	movq	%rsp, %gs:16
	movq	%gs:8, %rsp
	pushq	$UDSEL
	pushq	%gs:16
	pushq	%r11
	pushq	$UESEL
	pushq	%rcx
	pushq	$0
	pushq	$256
	pushregs
	movq	%rsp, %rdi
	xorl	%ebp, %ebp
	sti
	call	syscall
	cli
	jmp	trapret

/* touser(Ureg*): enter user mode with the given registers. */
	.globl touser
touser:
	cli
	movq	%rdi, %rsp
	jmp	trapret

	.section .note.GNU-stack, "", @progbits
