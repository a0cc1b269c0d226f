# Shared by the system tests: boot with a command line and check what
# the console said. Each check prints "ok NAME" or "not ok NAME: why";
# a .t whose check failed exits 1, so test/run's verdict has it too.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# GNU grep and sed: test/run puts 9base first, whose grep reads ( ) as groups
PATH=/usr/bin:/bin:$PATH
failed=0
trap 'st=$?; [ $failed = 0 ] || st=1; exit $st' EXIT

check() {
	local name=$1
	shift
	if "$@"; then
		echo "ok $name"
	else
		echo "not ok $name: $*"
		failed=1
	fi
}

# boot OUTFILE [boot options...] CMDLINE: the console in OUTFILE, status in $bootstatus
boot() {
	local out=$1
	shift
	"$top/test/boot" "$@" > "$out" 2>&1
	bootstatus=$?
}

# The selftest's own ok/not ok lines, named for the emulator.
selftestlines() {
	sed -n "s/^\(not \)\{0,1\}ok \(.*\)/\1ok $1 selftest \2/p" "$2" | tr -d '\r'
}

# The kernel's self-tests, as many as selftest.c runs; only the test
# kernel has them (boot -k "$testkernel" ... selftest)
nselftest=19
testkernel=$top/out/9pc64test

# scripts DIR T: the names of DIR's rc scripts that T (a .t file)
# runs, as each says in its "# run by:" line
scripts() {
	local f
	for f in "$1"/*.rc; do
		grep -q "^# run by:.* $2\( \|$\)" "$f" && basename "$f" .rc
	done
}

# nchecks FILE.rc: the ok and skip lines the script prints when it
# passes, from its "# checks: N" line
nchecks() {
	sed -n 's/^# checks: \([0-9]*\)$/\1/p' "$1"
}

# checklines PREFIX: the ok, not ok and skip lines of standard input,
# PREFIX after the ok
checklines() {
	tr -d '\r' | grep '^\(not \)\{0,1\}ok \|^skip ' | sed "s/^\(not \)\{0,1\}ok /&$1 /"
}

# runscript PREFIX RUNRC-OPTION... FILE.rc [ARG...]: runs the script in
# a boot of its own; its checks, then that it ended with status '' and
# printed exactly the checks its "# checks:" line says
runscript() {
	local prefix=$1 out st a script
	shift
	for a in "$@"; do
		case $a in *.rc) script=$a; break ;; esac
	done
	out=$(mktemp)
	"$top/test/runrc" "$@" > "$out" 2>&1
	st=$?
	checklines "$prefix" < "$out"
	check "$prefix ran to its end" test "$st" = 0
	check "$prefix printed its $(nchecks "$script") checks" test "$(grep -c '^ok \|^skip ' "$out")" = "$(nchecks "$script")"
	[ $st = 0 ] || tail -20 "$out"
	rm -f "$out"
}

# runsuite PREFIX DIR RUNRC-OPTION... -- NAME...: DIR's scripts NAME.rc
# in one boot, each in its own rc through test/rc/run (DIR holds run
# and lib too); their checks, then for each that it finished and
# printed exactly its "# checks:" number, and that the boot ended
runsuite() {
	local prefix=$1 dir=$2 out st opts=() n name
	shift 2
	while [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	out=$(mktemp)
	"$top/test/runrc" "${opts[@]}" -a "$dir" "$dir/run" /n/extra "$@" > "$out" 2>&1
	st=$?
	checklines "$prefix" < "$out"
	check "$prefix suite ran to its end" test "$st" = 0
	for name in "$@"; do
		# the lines between run's "# NAME" and its verdict on NAME
		n=$(tr -d '\r' < "$out" | sed -n "/^# $name\$/,/^\(not \)\{0,1\}ok $name script finished/p" | grep -c '^ok \|^skip ')
		check "$prefix $name printed its $(nchecks "$dir/$name.rc") checks" test "$n" = "$(( $(nchecks "$dir/$name.rc") + 1 ))"
	done
	[ $st = 0 ] || tail -20 "$out"
	rm -f "$out"
}

# bochsignoresmtf: whether this Bochs's VM entry ignores the monitor
# trap flag, which its CPU models offer: so up to 2.7; later versions
# act on it
bochsignoresmtf() {
	local v
	v=$("${BOCHS:-bochs}" --help features 2>&1 </dev/null | sed -n 's/.*Bochs x86 Emulator \([0-9][0-9.]*\).*/\1/p' | head -1)
	[ "$(printf '%s\n' "$v" 2.7 | sort -V | tail -1)" = 2.7 ]
}
