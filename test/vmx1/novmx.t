# vmx(1) on a machine without VMX (QEMU): each script that names
# novmx.t, among them the errors and the clear line from #X/clone.
. "$(dirname "$0")/../sys/lib.sh"
for s in $(scripts "$top/test/vmx1" novmx.t); do
	"$top/test/runrc" -e qemu -t 120 "$top/test/vmx1/$s.rc" | sed "s/^\(not \)\{0,1\}ok /&vmx1 novmx: /"
done
