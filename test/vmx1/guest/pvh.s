# The Xen PVH entry note, so QEMU boots a plain ELF guest directly.
# It enters in 32-bit protected mode with EBX pointing at its
# start_info and no magic in EAX; the link defines pvhstart as the
# guest's 32-bit start.
	.set Pvhmagic, 0x336ec578
	.set Phys32entry, 18

	.section .note.Xen, "a", @note
	.align 4
	.long 4, 4, Phys32entry
	.asciz "Xen"
	.long pvhentry

	.text
	.code32
pvhentry:
	movl $Pvhmagic, %eax
	jmp pvhstart
