# The kernel's self-tests under Bochs, the machine VMX runs on.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
boot "$out" -k "$testkernel" -e bochs -t 120 -M 256 'selftest mem=256'
selftestlines bochs "$out"
check "bochs boot banner" grep -q "^Plan 9 VMX kernel" "$out"
check "bochs memory size" grep -q "^memory 25[0-5]M" "$out"
check "bochs powers off by itself" test "$bootstatus" = 0
check "bochs selftest finished" grep -q "^selftest: $nselftest passed, 0 failed" "$out"
rm -f "$out"
