# #X fuzzed under Bochs on two processors, in one boot: vmxfuzz files
# from a fixed seed for a bounded count. ./mk fuzz sets FUZZOPS and
# FUZZSEED for a long run from another seed.
. "$(dirname "$0")/../sys/lib.sh"
out=$(mktemp)
n=${FUZZOPS:-1000}
seed=${FUZZSEED:-1}
printf '/lib/test/vmxfuzz files -n %d -s %d\n' $n $seed > "$out.rc"
"$top/test/runrc" -e bochs -p 2 -t $((300 + n/20)) "$out.rc" > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok \|^skip ' "$out" | tr -d '\r'
check "vmx-fuzz files count" grep -q "^fuzz #X: $n operations, 0 host crashes" "$out"
check "vmx-fuzz finished" test "$status" = 0
grep -q '^fuzz #X' "$out" || tail -20 "$out"
rm -f "$out" "$out.rc"
