# Under QEMU there is no VMX: opening #X/clone fails with a clear
# error and nothing faults.
. "$(dirname "$0")/../sys/lib.sh"
out=$(mktemp)
boot "$out" -e qemu -t 60 'vmxtest'
check "qemu vmx clone refused" grep -q "^vmxtest: clone refused: vmx: cpu lacks vmx" "$out"
check "qemu vmx finished" grep -q "^vmxtest: 1 passed, 0 failed" "$out"
check "qemu vmx powers off by itself" test "$bootstatus" = 0
rm -f "$out"
