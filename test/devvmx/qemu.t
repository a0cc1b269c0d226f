# Under QEMU there is no VMX: opening #X/clone fails with a clear
# error and nothing faults (refused.rc).
. "$(dirname "$0")/../sys/lib.sh"
runscript "qemu vmx" -e qemu -t 60 -a "$top/test/rc" "$top/test/devvmx/refused.rc" vmx
