# A smoke run of part of the user-space suite under Bochs.
. "$(dirname "$0")/lib.sh"
out=$(mktemp)
"$top/test/runrc" -e bochs -t 300 -a "$top/test/rc" "$top/test/rc/run" /n/extra sys proc > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok ' "$out" | sed 's/^\(not \)\{0,1\}ok /&bochs /'
check "bochs userspace suite ran to its end" test "$status" != 124
rm -f "$out"
