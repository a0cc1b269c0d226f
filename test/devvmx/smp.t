# #X under Bochs with two processors: in one boot the scripts of
# rc.t, whose readers now run on either processor, and smp.rc:
# migration, two guests at once, and events from the other processor.
. "$(dirname "$0")/../sys/lib.sh"
extra=$(mktemp -d)
cp "$top/test/rc/lib" "$top/test/rc/run" "$extra/"
cp "$top/test/devvmx/lib" "$extra/vmx"
cp "$top"/test/devvmx/*.rc "$extra/"
bochsignoresmtf && touch "$extra/nomtf"
runsuite vmx-smp "$extra" -e bochs -p 2 -t 300 -- $(scripts "$top/test/devvmx" smp.t)
rm -rf "$extra"
