# The guests' own flat GDT, assembled for both 32- and 64-bit guests.
# Accessed bits are preset so loading a selector never writes here.
	.data
	.align 8
	.globl gdt, gdtdesc
gdt:
	.quad 0
	.quad 0x00cf9b000000ffff	# 0x08: 32-bit code, base 0, limit 4G
	.quad 0x00cf93000000ffff	# 0x10: data, base 0, limit 4G
	.quad 0x00af9b000000ffff	# 0x18: 64-bit code
gdtend:

# limit and a base wide enough for lgdt in long mode
gdtdesc:
	.word gdtend - gdt - 1
	.long gdt, 0
