# The user-space suite, test/rc/*.rc, in one boot under QEMU: rc,
# the commands, system calls, name spaces and devices. Each script's
# checks are passed through, and each must print exactly its number.
. "$(dirname "$0")/lib.sh"
runsuite userspace "$top/test/rc" -e qemu -t 240 -- $(scripts "$top/test/rc" userspace.t)
