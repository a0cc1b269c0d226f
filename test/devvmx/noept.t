# A Bochs CPU with VMX but without EPT: clone names what is missing
# (refused.rc).
. "$(dirname "$0")/../sys/lib.sh"
out=$(mktemp)
"$top/test/runrc" -e bochs -c core2_penryn_t9600 -t 120 -a "$top/test/rc" "$top/test/devvmx/refused.rc" ept > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok \|^skip ' "$out" | sed 's/^\(not \)\{0,1\}ok /&noept vmx /'
check "noept vmx refused.rc finished" test "$status" = 0 -a "$(grep -c '^ok ' "$out")" = 3
rm -f "$out"
