# Interrupt entry stubs for the 64-bit guest: each pushes an error
# code (the CPU's or 0) and its vector, then builds a Frame for trap().
	.code64
	.text

# One stub per vector, 16 bytes apart: stub n is at stubs+16*n.
	.globl stubs
	.set n, 0
	.align 16
stubs:
	.rept 256
	.align 16
	.if !(n == 8 || (n >= 10 && n <= 14) || n == 17 || n == 21 || n == 29 || n == 30)
	pushq $0
	.endif
	pushq $n
	jmp alltraps
	.set n, n+1
	.endr

alltraps:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rdi
	call trap
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp
	iretq
