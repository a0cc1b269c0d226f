# #X driven through its files by the kernel's vmxtest, under Bochs
# (tigerlake: VMX with EPT and unrestricted guest).
. "$(dirname "$0")/../sys/lib.sh"
out=$(mktemp)
boot "$out" -e bochs -t 120 -M 256 'vmxtest'
sed -n 's/^\(not \)\{0,1\}ok \(.*\)/\1ok vmx \2/p' "$out" | tr -d '\r'
check "vmx powers off by itself" test "$bootstatus" = 0
check "vmx tests finished" grep -q "^vmxtest: [0-9]* passed, 0 failed" "$out"
check "vmx no kernel panic" sh -c "! grep -q '^panic' '$out'"
rm -f "$out"
