# Entry in 32-bit protected mode, paging off, as multiboot 1 and 2
# and an ELF32 loader leave it: EAX holds the boot magic, EBX the info.
	.code32
	.text
	.globl start
start:
	cli
	lgdt gdtdesc
	ljmp $0x08, $1f
1:
	movl $0x10, %ecx
	movl %ecx, %ds
	movl %ecx, %es
	movl %ecx, %fs
	movl %ecx, %gs
	movl %ecx, %ss
	movl $stacktop, %esp
	pushl %ebx
	pushl %eax
	call main
2:
	hlt
	jmp 2b

	.bss
	.align 16
	.space 16384
stacktop:
