# Multiboot 2 header: asks for the command line, modules and memory
# map, and (optionally) page-aligned modules.
	.set Magic, 0xe85250d6
	.set I386, 0
	.set Optional, 1
	.section .mbheader, "a"
	.align 8
mb2header:
	.long Magic, I386, mb2end - mb2header
	.long 0x100000000 - (Magic + I386 + (mb2end - mb2header))
	.align 8
	.word 1, 0			# information request
	.long 20
	.long 1, 3, 6			# cmdline, modules, memory map
	.align 8
	.word 6, Optional		# module alignment
	.long 8
	.align 8
	.word 0, 0			# end
	.long 8
mb2end:
