# A kernel fault prints the trap, registers and a backtrace, then stops
# the machine instead of resetting it.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
boot "$out" -k "$testkernel" -e qemu -t 60 'selftest trapme'
check "trap names the fault" grep -q "^trap: page fault (vector 14)" "$out"
check "trap prints registers" grep -q "^pc 0xffffffff8" "$out"
check "trap prints a backtrace" grep -q "^at pc .*backtrace: 0x" "$out"
check "trap panics" grep -q "^panic: cpu0: kernel trap" "$out"
check "trap stops the machine, saying it panicked" test "$bootstatus" = 2
check "trap does not reboot" test "$(grep -c '^Plan 9 VMX kernel' "$out")" = 1
rm -f "$out"
