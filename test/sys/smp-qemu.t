# Two processors under QEMU: the kernel's self-tests, then the
# user-space suite, test/rc/*.rc, in one boot, with a check that
# #c/sysstat lists both processors and that both have run processes.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
boot "$out" -e qemu -p 2 -t 90 'selftest'
selftestlines qemu-smp "$out"
check "qemu-smp second processor started" grep -q "^cpu1: started" "$out"
check "qemu-smp selftest ran processes on both processors" grep -q "^smp: 2 processors, seen 0x3" "$out"
check "qemu-smp powers off by itself" test "$bootstatus" = 0
check "qemu-smp selftest finished" grep -q "^selftest: [0-9]* passed, 0 failed" "$out"

extra=$(mktemp -d)
cp "$top"/test/rc/* "$extra/"
cat > "$extra/ncpu.rc" <<'RC'
. $1/lib
x=`{wc -l </dev/sysstat}
is sysstat-two-processors 2 $x
done
RC
names=$(cd "$top/test/rc" && ls *.rc | sed 's/\.rc$//')
"$top/test/runrc" -e qemu -p 2 -t 240 -a "$extra" "$extra/run" /n/extra $names ncpu > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok ' "$out" | sed 's/^\(not \)\{0,1\}ok /&qemu-smp /'
check "qemu-smp userspace suite ran to its end" test "$status" != 124
check "qemu-smp userspace suite has its checks" test "$(grep -c '^ok ' "$out")" -gt 200
rm -rf "$out" "$extra"
