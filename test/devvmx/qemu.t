# Under QEMU there is no VMX: opening #X/clone fails with a clear
# error and nothing faults (refused.rc).
. "$(dirname "$0")/../sys/lib.sh"
out=$(mktemp)
"$top/test/runrc" -e qemu -t 60 -a "$top/test/rc" "$top/test/devvmx/refused.rc" vmx > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok \|^skip ' "$out" | sed 's/^\(not \)\{0,1\}ok /&qemu vmx /'
check "qemu vmx refused.rc finished" test "$status" = 0 -a "$(grep -c '^ok ' "$out")" = 3
rm -f "$out"
