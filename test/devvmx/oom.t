# A map line that runs out of memory half way changes nothing: Bochs
# with 32 MiB, where a second vCPU's map eats every free page first
# (vmxholes eptoom).
. "$(dirname "$0")/../sys/lib.sh"
out=$(mktemp)
rc=$(mktemp)
echo '/lib/test/vmxholes eptoom' > "$rc"
"$top/test/runrc" -e bochs -M 32 -t 300 "$rc" > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok ' "$out" | sed 's/^\(not \)\{0,1\}ok /&oom /'
check "oom vmxholes finished" test "$status" = 0 -a "$(grep -c '^ok eptoom-' "$out")" = 6
grep -q '^not ok\|^ok' "$out" || tail -20 "$out"
rm -f "$out" "$rc"
