# #X from rc under Bochs, in one boot: the scripts of test/devvmx with
# test/rc's helpers, each in its own rc through test/rc/run.
. "$(dirname "$0")/../sys/lib.sh"
extra=$(mktemp -d)
cp "$top/test/rc/lib" "$top/test/rc/run" "$extra/"
cp "$top/test/devvmx/lib" "$extra/vmx"
cp "$top"/test/devvmx/*.rc "$extra/"
bochsignoresmtf && touch "$extra/nomtf"
runsuite vmx-rc "$extra" -e bochs -t 300 -- $(scripts "$top/test/devvmx" rc.t)
rm -rf "$extra"
