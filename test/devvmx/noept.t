# A Bochs CPU with VMX but without EPT: clone names what is missing
# (refused.rc).
. "$(dirname "$0")/../sys/lib.sh"
runscript "noept vmx" -e bochs -c core2_penryn_t9600 -t 120 -a "$top/test/rc" "$top/test/devvmx/refused.rc" ept
