# The ISO that ./mk builds, as it is, boots to an rc prompt under
# QEMU and Bochs (it waits there, so the boot ends by timeout), after
# the demo guest: Bochs runs it, QEMU has no VMX and vmx says so. The
# same ISO boots through UEFI firmware (QEMU with OVMF) as well. Its
# kernel, and the one it boots as a guest of itself, carry no test
# code: the self-tests' summary line is only in the test kernel.
. "$(dirname "$0")/lib.sh"
files=$(mktemp -d)
xorriso -osirrox on -indev "$top/out/9pc64.iso" -extract /boot/9pc64 "$files/iso" -extract /boot/root.tar "$files/root.tar" >/dev/null 2>&1
tar -xOf "$files/root.tar" ./lib/vmx/self/9pc64 > "$files/self"
selftests() { grep -c 'selftest: %d passed' "$1"; }
check "the test kernel has the self-tests" test "$(selftests "$testkernel")" = 1
check "the ISO's kernel is out/9pc64" cmp -s "$files/iso" "$top/out/9pc64"
check "the ISO's kernel has no self-tests" test "$(selftests "$files/iso")" = 0
check "the ISO's guest kernel has no self-tests" test "$(selftests "$files/self")" = 0
check "the ISO's guest kernel is there" test -s "$files/self"
rm -rf "$files"
for emu in qemu bochs; do
	out=$(mktemp)
	boot "$out" -e $emu -t 20 -I "$top/out/9pc64.iso" ''
	check "$emu boots the ISO to the banner" grep -q "^Plan 9 VMX kernel" "$out"
	if [ $emu = bochs ]; then
		check "$emu runs the demo guest" grep -q "^Hello from a vmx guest!" "$out"
		check "$emu demo guest says goodbye" grep -q "^Goodbye\." "$out"
	else
		check "$emu says the demo needs VMX" grep -q "^vmx: #X/clone: " "$out"
	fi
	check "$emu boots the ISO to the rc prompt" grep -q "^% " "$out"
	check "$emu waits at the prompt" test "$bootstatus" = 124
	rm -f "$out"
done
out=$(mktemp)
boot "$out" -e qemu -u -t 40 -I "$top/out/9pc64.iso" ''
check "uefi boots the ISO to the banner" grep -q "^Plan 9 VMX kernel" "$out"
check "uefi boots the ISO to the rc prompt" grep -q "^% " "$out"
check "uefi waits at the prompt" test "$bootstatus" = 124
rm -f "$out"
