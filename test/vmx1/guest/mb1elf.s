# Multiboot 1 header without address fields: the loader places the
# ELF32 image from its program headers.
	.set Magic, 0x1BADB002
	.set Flags, 1<<0 | 1<<1		# page-aligned modules, memory info
	.section .mbheader, "a"
	.align 4
	.long Magic, Flags, -(Magic + Flags)
