# vmx(1) on a machine without VMX (QEMU): the errors, and the clear
# line from #X/clone.
. "$(dirname "$0")/lib.sh"
"$top/test/runrc" -e qemu -t 120 "$top/test/sys/vmx1/errors.rc" | sed "s/^\(not \)\{0,1\}ok /&vmx1 novmx: /"
"$top/test/runrc" -e qemu -t 120 "$top/test/sys/vmx1/novmx.rc" | sed "s/^\(not \)\{0,1\}ok /&vmx1 novmx: /"
