# vmx(1) under Bochs on bad images: badimages.rc, with the images
# that the vmx tests' badimages makes on the host in /n/extra; its
# status and its "# checks:" number count.
. "$(dirname "$0")/../sys/lib.sh"
bad=$(mktemp -d)
if (cd "$top/sys/src/cmd/vmx" && PATH=$PATH:/usr/lib/plan9/bin mk ../../../../out/host/vmx/badimages && ../../../../out/host/vmx/badimages ../../../../out/guest "$bad") >"$bad.log" 2>&1; then
	runscript "vmx1 badimages:" -e bochs -t 300 -a "$bad" "$top/test/vmx1/badimages.rc"
else
	check "vmx1 badimages: making the images" false
	cat "$bad.log"
fi
rm -rf "$bad" "$bad.log"
