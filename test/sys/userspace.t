# The user-space suite, test/rc/*.rc, in one boot under QEMU: rc,
# the commands, system calls, name spaces and devices. Each script's
# checks are passed through as they are.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
names=$(cd "$top/test/rc" && ls *.rc | sed 's/\.rc$//')
"$top/test/runrc" -e qemu -t 240 -a "$top/test/rc" "$top/test/rc/run" /n/extra $names > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok ' "$out"
check "userspace suite ran to its end" test "$status" != 124
check "userspace suite has its checks" test "$(grep -c '^ok ' "$out")" -gt 200
rm -f "$out"
