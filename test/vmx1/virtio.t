# vmx(1)'s virtio devices under Bochs: each script that names virtio.t,
# in a boot of its own; a boot that does not finish is a failure.
. "$(dirname "$0")/../sys/lib.sh"
for s in $(scripts "$top/test/vmx1" virtio.t); do
	out=$("$top/test/runrc" -e bochs -t 300 "$top/test/vmx1/$s.rc")
	st=$?
	echo "$out" | sed "s/^\(not \)\{0,1\}ok /&vmx1 $s: /"
	[ $st = 0 ] || echo "not ok vmx1 $s: runrc status $st"
done
