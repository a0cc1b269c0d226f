# vmx(1) under Bochs boots this kernel as its guest, through the
# local and I/O APIC models, and the guest's selftest passes.
. "$(dirname "$0")/../sys/lib.sh"
runscript "vmx1 self:" -e bochs -M 256 -t 600 "$top/test/vmx1/self.rc" $nselftest
