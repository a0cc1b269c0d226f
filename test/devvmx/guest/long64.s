/*
 * 64-bit long mode, entered at 0x1000 with paging set up by the
 * host: a 64-bit value out, then the instruction exits.
 */
	.code64
	.globl start
start:
	movabsq	$0x1122334455667788, %rax
	outl	%eax, $0x50		/* io: ax holds all 64 bits */
	cpuid
	hlt
