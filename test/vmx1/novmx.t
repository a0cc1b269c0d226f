# vmx(1) on a machine without VMX (QEMU): each script that names
# novmx.t, told "novmx": the errors, and the clear line from #X/clone.
. "$(dirname "$0")/../sys/lib.sh"
for s in $(scripts "$top/test/vmx1" novmx.t); do
	runscript "vmx1 novmx $s:" -e qemu -t 120 "$top/test/vmx1/$s.rc" novmx
done
