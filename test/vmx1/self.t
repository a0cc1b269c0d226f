# vmx(1) under Bochs boots this system's kernels as its guests, through
# the local and I/O APIC models: the test kernel's selftest passes, the
# user's kernel comes up to its prompt.
. "$(dirname "$0")/../sys/lib.sh"
extra=$(mktemp -d)
strip -o "$extra/9pc64test" "$testkernel"
runscript "vmx1 self:" -e bochs -M 256 -t 600 -a "$extra" "$top/test/vmx1/self.rc" $nselftest
rm -rf "$extra"
