# Interrupt entry stubs for the 32-bit guests: each pushes an error
# code (the CPU's or 0) and its vector, then builds a Frame for trap().
	.code32
	.text

# One stub per vector, 16 bytes apart: stub n is at stubs+16*n.
	.globl stubs
	.set n, 0
	.align 16
stubs:
	.rept 256
	.align 16
	.if !(n == 8 || (n >= 10 && n <= 14) || n == 17 || n == 21 || n == 29 || n == 30)
	pushl $0
	.endif
	pushl $n
	jmp alltraps
	.set n, n+1
	.endr

alltraps:
	pushal
	cld
	pushl %esp
	call trap
	addl $4, %esp
	popal
	addl $8, %esp
	iret
