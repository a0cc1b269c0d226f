# vmx(1) on a processor without virtual-interrupt delivery: Bochs's
# corei7_ivy_bridge_3770k model has VMX with EPT and the TPR shadow but
# not the APIC virtualization vmx(1)'s local APIC builds on; each
# script that names novid.t runs there, told "novid".
. "$(dirname "$0")/../sys/lib.sh"
for s in $(scripts "$top/test/vmx1" novid.t); do
	runscript "vmx1 novid $s:" -e bochs -c corei7_ivy_bridge_3770k -t 300 "$top/test/vmx1/$s.rc" novid
done
