# The whole system: ./mk builds the bootable ISO; ./mk run boots it
# under Bochs; ./mk test runs every test. See README.
ROOT=.
<$ROOT/mkconfig

ISO=$OUT/9pc64.iso

all:V: $ISO

libs:V:
	(cd sys/src/libc && mk all)
	(cd sys/src/libbio && mk all)
	(cd sys/src/libregexp && mk all)

kernel:V: libs
	(cd sys/src/9/pc && mk all)

cmds:V: libs
	(cd sys/src/cmd && mk all)
	(cd sys/src/cmd/rc && mk all)
	(cd test/prog && mk all)

vmxguests:V:
	(cd test/guest/vmx && mk all)

# The root archive: the programs in /bin, rc scripts in /rc/bin,
# sys/lib as /lib, the guests of the kernel's #X tests in /lib/vmx,
# and the mount points of the standard name space.
$OUT/root.tar:V: kernel cmds vmxguests
	rm -rf $OUT/root
	mkdir -p $OUT/root/lib $OUT/root/bin $OUT/root/rc/bin $OUT/root/dev $OUT/root/env $OUT/root/proc $OUT/root/srv $OUT/root/tmp $OUT/root/fd $OUT/root/n $OUT/root/mnt $OUT/root/lib/test
	cp -R sys/lib/. $OUT/root/lib/
	mkdir -p $OUT/root/lib/vmx
	cp $OUT/guest/vmx/real16 $OUT/guest/vmx/prot32 $OUT/guest/vmx/long64 $OUT/root/lib/vmx/
	cp $BIN/* $OUT/root/bin/
	cp rc/bin/* $OUT/root/rc/bin/
	cp $OUT/testprog/* $OUT/root/lib/test/
	tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name -C $OUT/root -cf $target .

$ISO:V: $OUT/root.tar
	test/mkiso $target ''

run:V: $ISO
	test/boot -i -e bochs -I $ISO ''

test:V: all
	test/run

clean:V:
	rm -rf $OUT
