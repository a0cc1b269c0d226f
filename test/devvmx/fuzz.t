# #X fuzzed under Bochs on two processors, in one boot: vmxfuzz's
# files, guests and exit storms, from a fixed seed for bounded counts.
# ./mk fuzz sets FUZZOPS (files operations; a tenth as many guest
# runs) and FUZZSEED for a long run from another seed.
. "$(dirname "$0")/../sys/lib.sh"
out=$(mktemp)
n=${FUZZOPS:-700}
runs=$((n / 10))
seed=${FUZZSEED:-1}
printf '/lib/test/vmxfuzz -s %d files %d\n/lib/test/vmxfuzz -s %d guests %d\n/lib/test/vmxfuzz storm 100\n' $seed $n $seed $runs > "$out.rc"
"$top/test/runrc" -e bochs -p 2 -t $((400 + n/10)) "$out.rc" > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok \|^skip \|^storm: \|^fuzz ' "$out" | tr -d '\r'
check "vmx-fuzz files count" grep -q "^fuzz #X: $n operations, 0 host crashes" "$out"
check "vmx-fuzz guests count" grep -q "^fuzz guests: $runs runs: " "$out"
check "vmx-fuzz storm loop finished" grep -q "^storm: rc loop of 100 rounds: " "$out"
check "vmx-fuzz finished" test "$status" = 0
grep -q '^storm' "$out" || tail -20 "$out"
rm -f "$out" "$out.rc"
