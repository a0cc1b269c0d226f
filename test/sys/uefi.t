# The ISO boots through UEFI firmware too (QEMU with OVMF): GRUB's EFI
# image hands the kernel a multiboot2 memory map and the ACPI root
# taken from the firmware, and the self-tests run on two processors.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
boot "$out" -k "$testkernel" -e qemu -u -p 2 -t 90 -M 256 'selftest'
selftestlines uefi "$out"
check "uefi boot banner" grep -q "^Plan 9 VMX kernel" "$out"
check "uefi memory size" grep -q "^memory 2[0-9][0-9]M" "$out"
check "uefi both processors from the firmware's ACPI tables" grep -q "^smp: 2 processors, seen 0x3" "$out"
check "uefi powers off by itself" test "$bootstatus" = 0
check "uefi selftest finished" grep -q "^selftest: $nselftest passed, 0 failed" "$out"
rm -f "$out"
