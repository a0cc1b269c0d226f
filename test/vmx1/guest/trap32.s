# Interrupt entry stubs for the 32-bit guests: each pushes an error
# code (the CPU's or 0) and its vector, then builds a Frame for trap().
	.code32
	.text

	.macro stub n
stub\n:
	.if !(\n == 8 || (\n >= 10 && \n <= 14) || \n == 17 || \n == 21 || \n == 29 || \n == 30)
	pushl $0
	.endif
	pushl $\n
	jmp alltraps
	.endm

	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	stub \n
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

	.section .rodata
	.globl vectors
	.align 4
vectors:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	.long stub\n
	.endr
