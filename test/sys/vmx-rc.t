# #X from rc under Bochs: a guest loaded with cat, mapped, and run
# through its exits with echo go and read of wait.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
"$top/test/runrc" -e bochs -t 120 -a "$top/test/rc" "$top/test/vmx/xdev.rc" > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok ' "$out"
check "xdev script finished" test "$status" != 124 -a "$(grep -c '^ok ' "$out")" -gt 15
grep -q '^not ok\|^ok' "$out" || tail -20 "$out"
rm -f "$out"
