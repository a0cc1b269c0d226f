# Build dependencies, on the host after the build: in each mkfile that
# compiles C (the kernel, the libraries, the commands, vmx(1), the test
# programs and the host tests), every header an
# object's sources include (directly or through other headers, as gcc
# -M finds them with the object's own compile line; named as mk names
# files, cleaned by Plan 9's cleanname) makes mk want the
# object again once the header is newer: mk -n -e -w HEADER must
# explain "OBJECT(time) < HEADER(time)". Nothing is touched or built.
. "$(dirname "$0")/lib.sh"
PATH=$PATH:/usr/lib/plan9/bin

# deps DIR TARGET...: one check for DIR's mkfile
deps() {
	local dir=$1
	shift
	local work=$(mktemp -d)
	cd "$top/$dir" || return
	# every compile mk would run for TARGET (-a: as if all were out of
	# date), as "OBJECT SOURCE-HEADER" lines from gcc -M
	mk -n -a "$@" 2>/dev/null | sed 's/ && /\n/g' | grep '^gcc .* -c ' |
	while read -r line; do
		local obj=$(echo "$line" | sed 's/.* -o \([^ ]*\).*/\1/')
		local cmd=$(echo "$line" | sed 's/ -o [^ ]*//; s/ -c / /; s/ -MD / /')
		echo "$obj" >> "$work/objs"
		eval "$cmd -M -MT X" 2>/dev/null | tr -d '\\' | tr ' ' '\n' |
			grep '\.h$' | grep -v '^/' |
			while read -r h; do echo "$obj $(cleanname "$h")"; done
	done | sort -u > "$work/pairs"
	local nobj=$(sort -u "$work/objs" 2>/dev/null | wc -l)
	local npair=$(wc -l < "$work/pairs")
	local bad=
	if [ "$nobj" = 0 ] || [ "$npair" = 0 ]; then
		bad="no compile with headers found in mk -n -a $*"
	fi
	local h
	for h in $(cut -d' ' -f2 "$work/pairs" | sort -u); do
		# mk writes an explanation whole, but its buffered commands
		# around it, so one may follow part of a command on its line
		mk -n -e -w "$h" "$@" > "$work/explained" 2>&1
		bad="$bad$(grep " $h\$" "$work/pairs" | cut -d' ' -f1 | awk -v h="$h" '
			FILENAME == "-" { want[$0] = 1; next }
			/\([0-9]*\) < .*\([0-9]*\)$/ {
				sub(/\([0-9]*\)$/, "")
				n = length(" < " h)
				if(substr($0, length($0) - n + 1) != " < " h)
					next
				$0 = substr($0, 1, length($0) - n)
				sub(/\([0-9]*\)$/, "")
				for(o in want)
					if(substr($0, length($0) - length(o) + 1) == o)
						delete want[o]
			}
			END {
				for(o in want)
					printf "; %s not made again after %s", o, h
			}' - "$work/explained")"
	done
	for o in $(sort -u "$work/objs"); do
		[ -f "$o" ] || bad="$bad; $o not built (test/run makes it first)"
	done
	rm -rf "$work"
	if [ -n "$bad" ]; then
		echo "not ok deps $dir: ${bad#; }"
		failed=1
	else
		echo "ok deps $dir: $npair header dependencies of $nobj objects"
	fi
}

deps sys/src/9/pc all
deps sys/src/libc all test
deps sys/src/libbio all test
deps sys/src/libregexp all test
deps sys/src/cmd all
deps sys/src/cmd/rc all test
deps sys/src/cmd/vmx all test
deps test/devvmx all
deps test/prog all
deps test/bench all
deps test/vmx1/guest all
deps test/sys/host test
