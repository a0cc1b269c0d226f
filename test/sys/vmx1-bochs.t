# vmx(1) under Bochs, which emulates VMX: the test guests, how vmx
# ends, and its errors.
. "$(dirname "$0")/lib.sh"
for s in guests exits errors; do
	"$top/test/runrc" -e bochs -t 300 "$top/test/sys/vmx1/$s.rc" | sed "s/^\(not \)\{0,1\}ok /&vmx1 $s: /"
done
