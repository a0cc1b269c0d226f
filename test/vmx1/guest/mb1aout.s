# Multiboot 1 header with the address fields (flag 16): the loader
# must place the flat image from these, knowing nothing of its format.
	.set Magic, 0x1BADB002
	.set Flags, 1<<0 | 1<<1 | 1<<16	# page-aligned modules, memory info, addresses
	.section .mbheader, "a"
	.align 4
mbheader:
	.long Magic, Flags, -(Magic + Flags)
	.long mbheader, imagestart, imagedata, imageend, start
