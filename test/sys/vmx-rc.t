# #X from rc under Bochs, in one boot: the scripts of test/vmx with
# test/rc's helpers, each in its own rc through test/rc/run.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
extra=$(mktemp -d)
cp "$top/test/rc/lib" "$top/test/rc/run" "$extra/"
cp "$top/test/vmx/lib" "$extra/vmx"
cp "$top"/test/vmx/*.rc "$extra/"
scripts="xdev events state vcpus errors"
"$top/test/runrc" -e bochs -t 300 -a "$extra" "$extra/run" /n/extra $scripts > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok \|^skip ' "$out" | sed 's/^\(not \)\{0,1\}ok /&vmx-rc /'
check "vmx-rc scripts finished" test "$status" = 0 -a "$(grep -c '^ok .* script finished' "$out")" = 5
grep -q '^not ok\|^ok' "$out" || tail -20 "$out"
rm -rf "$out" "$extra"
