# Shared by the system tests: boot with a command line and check what
# the console said. Each check prints "ok NAME" or "not ok NAME: why".
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# GNU grep and sed: test/run puts 9base first, whose grep reads ( ) as groups
PATH=/usr/bin:/bin:$PATH

check() {
	local name=$1
	shift
	if "$@"; then
		echo "ok $name"
	else
		echo "not ok $name: $*"
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

# scripts DIR T: the names of DIR's rc scripts that T (a .t file)
# runs, as each says in its "# run by:" line
scripts() {
	local f
	for f in "$1"/*.rc; do
		grep -q "^# run by:.* $2\( \|$\)" "$f" && basename "$f" .rc
	done
}
