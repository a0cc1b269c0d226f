# #X under Bochs with two processors: in one boot the scripts of
# rc.t, whose readers now run on either processor, and smp.rc:
# migration, two guests at once, and events from the other processor.
. "$(dirname "$0")/../sys/lib.sh"
out=$(mktemp)
extra=$(mktemp -d)
cp "$top/test/rc/lib" "$top/test/rc/run" "$extra/"
cp "$top/test/devvmx/lib" "$extra/vmx"
cp "$top"/test/devvmx/*.rc "$extra/"
names=$(scripts "$top/test/devvmx" smp.t)
"$top/test/runrc" -e bochs -p 2 -t 300 -a "$extra" "$extra/run" /n/extra $names > "$out" 2>&1
status=$?
grep '^\(not \)\{0,1\}ok \|^skip ' "$out" | sed 's/^\(not \)\{0,1\}ok /&vmx-smp /'
check "vmx-smp scripts finished" test "$status" = 0 -a "$(grep -c '^ok .* script finished' "$out")" = $(echo $names | wc -w)
grep -q '^not ok\|^ok' "$out" || tail -20 "$out"
rm -rf "$out" "$extra"
