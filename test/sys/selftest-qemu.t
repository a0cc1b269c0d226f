# The kernel's self-tests under QEMU, with the memory size checked.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
boot "$out" -k "$testkernel" -e qemu -t 60 -M 128 'selftest mem=128'
selftestlines qemu "$out"
check "qemu boot banner" grep -q "^Plan 9 VMX kernel" "$out"
check "qemu memory size" grep -q "^memory 12[0-7]M" "$out"
check "qemu powers off by itself" test "$bootstatus" = 0
check "qemu selftest finished" grep -q "^selftest: $nselftest passed, 0 failed" "$out"
rm -f "$out"
