# test/boot and the helpers of lib.sh on Bochs 2.7 and on a newer
# one, through BOCHS naming a stand-in that answers --help as each
# version does and records how it was started. The newer one starts
# its debugger, which runs the stop at the kernel's magic breakpoint,
# only when given -debugger, and, built without sound, refuses a sound
# line: as the real one, the stand-in then runs on until the time-out
# or fails. No machine boots here; the ISO is only named.
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
cat > "$work/bochs" <<'SH'
#!/bin/bash
# a stand-in for Bochs $FAKEVERSION; each run's arguments and
# configuration go to $FAKELOG.args and $FAKELOG.rc
if [ "$1" = --help ]; then
	echo "Usage: bochs [flags] [bochsrc options]"
	[ "$FAKEVERSION" = 2.7 ] || echo "  -debugger        start the internal debugger"
	if [ "$2" = features ]; then
		printf 'Supported features:\n\npci\n'
		[ "$FAKEVERSION" = 2.7 ] && printf 'sb16\nes1370\n'
	fi
	echo "                        Bochs x86 Emulator $FAKEVERSION"
	exit 0
fi
echo "$*" > "$FAKELOG.args"
debugger=0
while [ $# -gt 0 ]; do
	case $1 in
	-f) cp "$2" "$FAKELOG.rc"; shift ;;
	-debugger) debugger=1 ;;
	esac
	shift
done
if [ "$FAKEVERSION" != 2.7 ]; then
	if grep -q '^sound:' "$FAKELOG.rc"; then
		echo "PANIC: sound: no sound support compiled in"
		exit 1
	fi
	# without its debugger the magic breakpoint is ignored
	[ $debugger = 1 ] || exec sleep 60
fi
echo 'shutdown: clean'
SH
chmod +x "$work/bochs"
export BOCHS=$work/bochs FAKELOG=$work/log
for FAKEVERSION in 2.7 3.0; do
	export FAKEVERSION
	rm -f "$work/log".*
	"$top/test/boot" -e bochs -t 10 -I "$top/out/9pc64.iso" '' > "$work/out" 2>&1
	st=$?
	check "bochs $FAKEVERSION boot stops cleanly" test "$st" = 0
	if [ $FAKEVERSION = 2.7 ]; then
		check "bochs $FAKEVERSION runs without -debugger" test "$(grep -c -- '-debugger' "$work/log.args")" = 0
		check "bochs $FAKEVERSION has the dummy sound driver" grep -q '^sound: driver=dummy$' "$work/log.rc"
		check "bochs $FAKEVERSION ignores the monitor trap flag" bochsignoresmtf
	else
		check "bochs $FAKEVERSION runs with -debugger" grep -q -- '-debugger' "$work/log.args"
		check "bochs $FAKEVERSION has no sound line" test "$(grep -c '^sound:' "$work/log.rc")" = 0
		check "bochs $FAKEVERSION acts on the monitor trap flag" test "$(bochsignoresmtf && echo ignores)" = ""
	fi
	[ $st = 0 ] || cat "$work/out"
done
rm -rf "$work"
