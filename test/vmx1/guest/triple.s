# The guest that triple-faults: with an empty IDT neither its first
# exception nor the double fault that follows can be delivered.
	.set Magic, 0x1BADB002
	.set Flags, 1<<1
	.section .mbheader, "a"
	.align 4
	.long Magic, Flags, -(Magic + Flags)

	.text
	.code32
	.globl start
start:
	lidt idtr
	ud2

	.data
idtr:
	.word 0
	.long 0
