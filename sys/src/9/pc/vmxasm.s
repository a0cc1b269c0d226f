/*
 * VM entry and exit. vmxenter(gpr, launched) loads the guest's
 * general registers and CR2 from gpr (Vcpu.gpr) and enters with
 * VMLAUNCH or VMRESUME. It returns 0 after a VM exit, which arrives at
 * vmxexit (the VMCS's host RIP) on the stack vmxenter left in host
 * RSP; 1 on VMfailInvalid and 2 on VMfailValid (SDM Vol. 3 31.2).
 * Interrupts are off throughout; the caller saves everything else.
 */
#include "vmx.h"
#define GPR(i)	(8*(i))

	.text
	.globl vmxenter
vmxenter:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushq	%rdi
	movl	$FHOSTRSP, %eax
	vmwrite	%rsp, %rax
	movq	GPR(VGPR)(%rdi), %rax
	movq	%rax, %cr2
	testl	%esi, %esi		/* the moves below keep the flags */
	movq	GPR(0)(%rdi), %rax
	movq	GPR(1)(%rdi), %rbx
	movq	GPR(2)(%rdi), %rcx
	movq	GPR(3)(%rdi), %rdx
	movq	GPR(4)(%rdi), %rsi
	movq	GPR(6)(%rdi), %rbp
	movq	GPR(7)(%rdi), %r8
	movq	GPR(8)(%rdi), %r9
	movq	GPR(9)(%rdi), %r10
	movq	GPR(10)(%rdi), %r11
	movq	GPR(11)(%rdi), %r12
	movq	GPR(12)(%rdi), %r13
	movq	GPR(13)(%rdi), %r14
	movq	GPR(14)(%rdi), %r15
	movq	GPR(5)(%rdi), %rdi
	jnz	1f
	vmlaunch
	jmp	2f
1:	vmresume
2:	/* still here: CF says VMfailInvalid, ZF VMfailValid */
	movl	$1, %eax
	movl	$2, %ecx
	cmovzl	%ecx, %eax
	addq	$8, %rsp
	jmp	3f

	.globl vmxexit
vmxexit:
	pushq	%rdi
	movq	8(%rsp), %rdi
	movq	%rax, GPR(0)(%rdi)
	movq	%rbx, GPR(1)(%rdi)
	movq	%rcx, GPR(2)(%rdi)
	movq	%rdx, GPR(3)(%rdi)
	movq	%rsi, GPR(4)(%rdi)
	movq	%rbp, GPR(6)(%rdi)
	movq	%r8, GPR(7)(%rdi)
	movq	%r9, GPR(8)(%rdi)
	movq	%r10, GPR(9)(%rdi)
	movq	%r11, GPR(10)(%rdi)
	movq	%r12, GPR(11)(%rdi)
	movq	%r13, GPR(12)(%rdi)
	movq	%r14, GPR(13)(%rdi)
	movq	%r15, GPR(14)(%rdi)
	popq	%rax
	movq	%rax, GPR(5)(%rdi)
	movq	%cr2, %rax
	movq	%rax, GPR(VGPR)(%rdi)
	addq	$8, %rsp
	xorl	%eax, %eax
3:	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret

	.section .note.GNU-stack, "", @progbits
