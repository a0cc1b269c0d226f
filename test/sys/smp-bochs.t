# Two processors under Bochs: the kernel's self-tests, and part of the
# user-space suite as userspace-bochs.t runs it.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
boot "$out" -k "$testkernel" -e bochs -p 2 -t 120 -M 256 'selftest'
selftestlines bochs-smp "$out"
check "bochs-smp second processor started" grep -q "^cpu1: started" "$out"
check "bochs-smp selftest ran processes on both processors" grep -q "^smp: 2 processors, seen 0x3" "$out"
check "bochs-smp powers off by itself" test "$bootstatus" = 0
check "bochs-smp selftest finished" grep -q "^selftest: $nselftest passed, 0 failed" "$out"

rm -f "$out"
runsuite bochs-smp "$top/test/rc" -e bochs -p 2 -t 300 -- $(scripts "$top/test/rc" smp-bochs.t)
