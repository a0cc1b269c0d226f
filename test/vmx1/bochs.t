# vmx(1) under Bochs, which emulates VMX: each script that names
# bochs.t in its "# run by:" line, in a boot of its own, told "vmx".
. "$(dirname "$0")/../sys/lib.sh"
for s in $(scripts "$top/test/vmx1" bochs.t); do
	runscript "vmx1 $s:" -e bochs -t 300 "$top/test/vmx1/$s.rc" vmx
done
