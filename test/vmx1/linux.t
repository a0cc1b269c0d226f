# vmx(1) under Bochs boots a stock Linux kernel (Debian's, fetched by
# ./mk linux) with an initramfs of busybox and our checks, which reboot
# the machine at the end. One boot proves many things: add checks
# to linux/checks/ rather than boots here.
. "$(dirname "$0")/../sys/lib.sh"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! (cd "$top" && mk linux) >"$out" 2>&1; then
	echo "not ok vmx1 linux fetch: $(tail -1 "$out")"
	exit 1
fi
"$top/test/runrc" -e bochs -M 512 -t 900 -a "$top/out/linux/extra" "$top/test/vmx1/linux.rc" >"$out" 2>&1
st=$?
sed -n "s/^\(not \)\{0,1\}ok /&vmx1 /p" "$out"
# what the boot cost (figures, not checks)
grep -E '^linux (boot|exits|cpu)' "$out"
want=$(cat "$top"/test/vmx1/linux/checks/*.sh | grep -c '^check ')
got=$(grep -c '^ok linux ' "$out")
said=$(sed -n 's/^linux checks \([0-9]*\)$/\1/p' "$out")
# the guest's checks, the reboot, the stats file, the two virtio files
# and the three errors
check "vmx1 linux runrc status" test "$st" = 0
check "vmx1 linux checks ran" test "$said" = "$want"
check "vmx1 linux all ok" test "$got" = $((want + 7))
