# A Bochs CPU with VMX but without EPT: clone names what is missing.
. "$(dirname "$0")/../sys/lib.sh"
out=$(mktemp)
boot "$out" -e bochs -c core2_penryn_t9600 -t 120 'vmxtest'
check "noept vmx clone refused" grep -q "^vmxtest: clone refused: vmx: cpu lacks ept" "$out"
check "noept vmx finished" grep -q "^vmxtest: 1 passed, 0 failed" "$out"
check "noept vmx powers off by itself" test "$bootstatus" = 0
rm -f "$out"
