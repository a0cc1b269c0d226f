# The ISO that ./mk builds, as it is, boots to an rc prompt under
# QEMU and Bochs (it waits there, so the boot ends by timeout).
. "$(dirname "$0")/lib.sh"
for emu in qemu bochs; do
	out=$(mktemp)
	boot "$out" -e $emu -t 20 -I "$top/out/9pc64.iso" ''
	check "$emu boots the ISO to the banner" grep -q "^Plan 9 VMX kernel" "$out"
	check "$emu boots the ISO to the rc prompt" grep -q "^% " "$out"
	check "$emu waits at the prompt" test "$bootstatus" = 124
	rm -f "$out"
done
