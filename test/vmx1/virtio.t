# vmx(1)'s virtio devices under Bochs: each script that names virtio.t
# in its "# run by:" line, in a boot of its own.
. "$(dirname "$0")/../sys/lib.sh"
for s in $(scripts "$top/test/vmx1" virtio.t); do
	runscript "vmx1 $s:" -e bochs -t 300 "$top/test/vmx1/$s.rc"
done
