# A smoke run of part of the user-space suite under Bochs.
. "$(dirname "$0")/lib.sh"
runsuite bochs "$top/test/rc" -e bochs -t 300 -- $(scripts "$top/test/rc" userspace-bochs.t)
