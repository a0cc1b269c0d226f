#!/bin/bash
# Bootstrap: install whatever the build and the tests need that this
# machine lacks (Debian 12), then run mk with the arguments given.
set -e
packages=(9base gcc binutils make grub-pc-bin grub-efi-amd64-bin grub-common xorriso mtools bochs bochsbios vgabios bochs-term qemu-system-x86 ovmf socat cpio xz-utils zstd)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "mk: installing ${missing[*]}" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >/dev/null
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	else
		echo "mk: missing packages; run as root:" >&2
		echo "  apt-get install ${missing[*]}" >&2
		exit 1
	fi
fi
cd "$(dirname "$0")"
export PATH=$PATH:/usr/lib/plan9/bin
exec mk "$@"
