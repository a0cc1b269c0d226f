# Two processors under QEMU: the kernel's self-tests, then the
# user-space suite, test/rc/*.rc, in one boot, with a check that
# #c/sysstat lists both processors and that both have run processes.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
boot "$out" -k "$testkernel" -e qemu -p 2 -t 90 'selftest'
selftestlines qemu-smp "$out"
check "qemu-smp second processor started" grep -q "^cpu1: started" "$out"
check "qemu-smp selftest ran processes on both processors" grep -q "^smp: 2 processors, seen 0x3" "$out"
check "qemu-smp powers off by itself" test "$bootstatus" = 0
check "qemu-smp selftest finished" grep -q "^selftest: $nselftest passed, 0 failed" "$out"

extra=$(mktemp -d)
cp "$top"/test/rc/* "$extra/"
cat > "$extra/ncpu.rc" <<'RC'
# checks: 1
. $1/lib
x=`{wc -l </dev/sysstat}
is sysstat-two-processors 2 $x
done
RC
runsuite qemu-smp "$extra" -e qemu -p 2 -t 240 -- $(scripts "$top/test/rc" smp-qemu.t) ncpu
rm -rf "$out" "$extra"
