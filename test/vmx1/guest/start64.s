# Long-mode guest. start64 is the ELF entry, reached in 64-bit mode
# with EAX the boot magic and EBX the info; golong gets there from
# 32-bit protected mode by identity-mapping the first 4G itself.
	.text
	.code32
	.globl golong
golong:
	cli
	movl $stacktop, %esp
	pushl %ebx
	pushl %eax
	movl $pdpt+3, pml4
	xorl %ecx, %ecx
1:
	movl %ecx, %eax
	shll $12, %eax
	addl $pd+3, %eax
	movl %eax, pdpt(,%ecx,8)
	incl %ecx
	cmpl $4, %ecx
	jb 1b
	xorl %ecx, %ecx
2:
	movl %ecx, %eax
	shll $21, %eax
	orl $0x83, %eax			# present, writable, 2M page
	movl %eax, pd(,%ecx,8)
	incl %ecx
	cmpl $4*512, %ecx
	jb 2b
	movl $pml4, %eax
	movl %eax, %cr3
	movl %cr4, %eax
	orl $0x20, %eax			# PAE
	movl %eax, %cr4
	movl $0xc0000080, %ecx		# EFER
	rdmsr
	orl $0x100, %eax		# LME
	wrmsr
	movl %cr0, %eax
	orl $0x80000001, %eax		# PG, PE
	movl %eax, %cr0
	lgdt gdtdesc
	popl %eax
	popl %ebx
	ljmp $0x18, $start64

	.code64
	.globl start64
start64:
	cli
	lgdt gdtdesc
	movq $stacktop, %rsp
	pushq $0x18
	pushq $1f
	lretq
1:
	movl $0x10, %ecx
	movl %ecx, %ds
	movl %ecx, %es
	movl %ecx, %fs
	movl %ecx, %gs
	movl %ecx, %ss
	movl %eax, %edi
	movl %ebx, %esi
	call main
2:
	hlt
	jmp 2b

	.bss
	.align 4096
pml4:
	.space 4096
pdpt:
	.space 4096
pd:
	.space 4*4096
	.align 16
	.space 16384
stacktop:
