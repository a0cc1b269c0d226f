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
	(cd test/devvmx && mk all)
	(cd test/bench && mk all)
	(cd sys/src/cmd/vmx && mk all)

guests:V:
	(cd test/vmx1/guest && mk all)
	(cd test/devvmx/guest && mk all)

# The root archive for this kernel as a guest of itself: init, rc and
# the few commands init runs, the selftest's file and the mount points.
# It cannot be the whole root archive, which holds it.
SELFBIN=rc bind echo cat test
$OUT/selfroot.tar:V: cmds
	rm -rf $OUT/selfroot
	mkdir -p $OUT/selfroot/lib $OUT/selfroot/bin $OUT/selfroot/rc/bin $OUT/selfroot/dev $OUT/selfroot/env $OUT/selfroot/proc $OUT/selfroot/srv $OUT/selfroot/tmp $OUT/selfroot/fd $OUT/selfroot/n $OUT/selfroot/mnt
	cp -R sys/lib/. $OUT/selfroot/lib/
	for b in $SELFBIN; do strip -o $OUT/selfroot/bin/$b $BIN/$b; done
	cp rc/bin/init $OUT/selfroot/rc/bin/
	tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name -C $OUT/selfroot -cf $target .

# The root archive: the programs in /bin, rc scripts in /rc/bin,
# sys/lib as /lib, the guests of the #X tests in /lib/vmx, those
# vmx(1) boots in /lib/vmx/guest, test programs in /lib/test, the
# kernel and its guest root archive in /lib/vmx/self (named root, the
# module name the kernel looks for: see vmx(1)), and the mount points
# of the standard name space.
VMXGUESTS=mb1aout mb1elf mb2 elf32 elf64 hello bench triple virtio
$OUT/root.tar:V: kernel cmds guests $OUT/selfroot.tar
	rm -rf $OUT/root
	mkdir -p $OUT/root/lib/vmx/guest $OUT/root/lib/vmx/self $OUT/root/lib/test $OUT/root/bin $OUT/root/rc/bin $OUT/root/dev $OUT/root/env $OUT/root/proc $OUT/root/srv $OUT/root/tmp $OUT/root/fd $OUT/root/n $OUT/root/mnt
	cp -R sys/lib/. $OUT/root/lib/
	cp $OUT/devvmx/guest/* $OUT/root/lib/vmx/
	# programs without their symbols: the archive sits in the machine's memory
	for b in $BIN/*; do strip -o $OUT/root/bin/`basename $b` $b; done
	cp rc/bin/* $OUT/root/rc/bin/
	for b in $OUT/testprog/*; do strip -o $OUT/root/lib/test/`basename $b` $b; done
	mkdir -p $OUT/root/lib/bench
	for b in $OUT/bench/*; do strip -o $OUT/root/lib/bench/`basename $b` $b; done
	for g in $VMXGUESTS; do cp $OUT/guest/$g $OUT/root/lib/vmx/guest/; done
	strip -o $OUT/root/lib/vmx/self/9pc64 $OUT/9pc64
	cp $OUT/selfroot.tar $OUT/root/lib/vmx/self/root
	tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name -C $OUT/root -cf $target .

# demo: init boots the demo guest before the prompt (see rc/bin/init)
$ISO:V: $OUT/root.tar
	test/mkiso $target demo

run:V: $ISO
	test/boot -i -e bochs -I $ISO ''

bench:V: all
	printf '/lib/bench/vmxbench\nvmx /lib/vmx/guest/bench </dev/null\n' > $OUT/bench.rc
	test/runrc -e bochs -t 600 $OUT/bench.rc

test:V: all
	test/run

# fuzzers for as long as asked: FUZZTIME seconds each (default 600);
# #X's under Bochs does about 50 operations a second
fuzz:V: all
	(cd sys/src/cmd/vmx && mk fuzz)
	FUZZOPS=`expr ${FUZZTIME:-600} \* 50` FUZZSEED=`date +%s` bash test/devvmx/fuzz.t

clean:V:
	rm -rf $OUT

# What vmx(1)'s Linux test boots: Debian's kernel and an initramfs (see
# test/vmx1/linux/fetch), in out/linux/extra.
linux:V:
	test/vmx1/linux/fetch
