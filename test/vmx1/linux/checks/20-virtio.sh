# vmx(1)'s virtio devices, as Linux's own drivers see them: linux.rc
# gives the guest a disk holding a marker, two cards cabled through a
# pipe (the first with its address given), a console on a file and an
# entropy file of x's. Loading the drivers is not a check.
for m in $(cat /virtio.modules); do
	insmod /modules/$m.ko
done
for i in $(seq 50); do
	test -b /dev/vda -a -e /sys/class/net/eth1 -a -c /dev/hvc0 && break
	sleep 0.1
done
check virtio-pci 'test $(grep -lx 0x1af4 /sys/bus/pci/devices/*/vendor | wc -l) -eq 5'
check virtio-msix 'grep -q "PCI-MSI.*virtio0-req" /proc/interrupts'
check virtio-blk-size 'test $(cat /sys/block/vda/size) -eq 8'
check virtio-blk-read 'dd if=/dev/vda bs=512 count=1 | grep -q LINUXDISKMARK'
check virtio-blk-write 'echo linux-wrote-sector-1 | dd of=/dev/vda bs=512 seek=1 count=1 conv=sync,fsync && sync'
check virtio-net-mac 'grep -qx 52:54:00:12:34:56 /sys/class/net/eth0/address'
check virtio-net-link 'ip link set eth0 up && ip link set eth1 up && ip addr add 10.0.0.1/24 dev eth0 && ip addr add 10.0.0.2/24 dev eth1 && test $(cat /sys/class/net/eth0/carrier) = 1'
# the two cards are one machine's, which answers no ARP from itself:
# the requests must reach the other card all the same
check virtio-net-frames-0to1 'a=$(cat /sys/class/net/eth1/statistics/rx_packets); arping -c 2 -w 2 -I eth0 10.0.0.2; test $(cat /sys/class/net/eth1/statistics/rx_packets) -ge $((a + 2))'
check virtio-net-frames-1to0 'a=$(cat /sys/class/net/eth0/statistics/rx_packets); arping -c 2 -w 2 -I eth1 10.0.0.1; test $(cat /sys/class/net/eth0/statistics/rx_packets) -ge $((a + 2))'
check virtio-console 'echo linux-said-hello >/dev/hvc0'
check virtio-rng-current 'grep -q virtio /sys/class/misc/hw_random/rng_current'
check virtio-rng-bytes 'test "$(head -c 16 /dev/hwrng)" = xxxxxxxxxxxxxxxx'
