# The machine vmx(1) makes, as Linux sees it: the command line, the
# memory map for -M 256M, CPUID and XSAVE, the ACPI tables, the interrupt
# controllers, the timers, the serial port, the RTC, the PCI bus and
# the two processors.
check cmdline 'grep -q vmxmarker=linux1 /proc/cmdline'
check e820-low 'dmesg | grep -q "BIOS-e820: \[mem 0x0000000000000000-0x000000000009ffff\] usable"'
check e820-hole 'dmesg | grep -q "BIOS-e820: \[mem 0x00000000000a0000-0x00000000000fffff\] reserved"'
check e820-high 'dmesg | grep -q "BIOS-e820: \[mem 0x0000000000100000-0x000000000fffffff\] usable"'
check memtotal 'test $(sed -n "s/^MemTotal: *\([0-9]*\) kB/\1/p" /proc/meminfo) -gt 200000'
check hypervisor-bit 'grep -q "^flags.* hypervisor" /proc/cpuinfo'
check cpuid-signature 'cpuid 40000000 | grep -q " PlanNineVMX!$"'
check fsrm-hidden '! grep -q "^flags.* fsrm" /proc/cpuinfo'
check tsc-known-freq 'grep -q "^flags.* tsc_known_freq" /proc/cpuinfo'
check clocksource-tsc 'grep -qx tsc /sys/devices/system/clocksource/clocksource0/current_clocksource'
check acpi-tables 'test -e /sys/firmware/acpi/tables/APIC -a -e /sys/firmware/acpi/tables/FACP -a -e /sys/firmware/acpi/tables/DSDT'
check acpi-sci 'grep -q "^ *9: .*IO-APIC.*9-fasteoi.*acpi" /proc/interrupts'
check ioapic 'dmesg | grep -q "IOAPIC\[0\]: apic_id 0, version 32, address 0xfec00000, GSI 0-23"'
# XSAVE with AVX: Linux turns XSAVE (and AVX with it) off when CPUID's
# leaf 0xd sizes disagree with what it computes from the components
check xsave-enabled 'dmesg | grep -q "x86/fpu: Enabled xstate features 0x7, context size is 832 bytes"'
check avx-flag 'grep "^flags" /proc/cpuinfo | grep -qw avx'
# the local APIC timer ticks on both processors, in TSC-deadline mode
check tsc-deadline-flag 'grep -q "^flags.* tsc_deadline_timer" /proc/cpuinfo'
check lapic-deadline 'grep -qx lapic-deadline /sys/devices/system/clockevents/clockevent0/current_device'
check lapic-timer-each 'awk "/^ *LOC:/ { exit !(\$2 > 0 && \$3 > 0) }" /proc/interrupts'
check serial-16550a 'dmesg | grep -q "ttyS0 at I/O 0x3f8 (irq = 4, base_baud = 115200) is a 16550A"'
check serial-irq 'grep -q "^ *4: .*IO-APIC.*4-edge.*ttyS0" /proc/interrupts'
check rtc 'test $(cat /sys/class/rtc/rtc0/since_epoch) -ge 1767225600'
check pci-host-bridge 'grep -qx 0x8086 /sys/bus/pci/devices/0000:00:00.0/vendor && grep -qx 0x1237 /sys/bus/pci/devices/0000:00:00.0/device'
# linux.rc gives it two processors (vmx -p 2), both online and running
# processes: field 39 of /proc/PID/stat is the processor it last ran on
check two-cpus 'test $(grep -c ^processor /proc/cpuinfo) -eq 2 && grep -qx 0-1 /sys/devices/system/cpu/online'
check cpu1-runs 'taskset -c 1 awk "{ exit \$39 != 1 }" /proc/self/stat'
# uptime compared in whole hundredths: as fractions, the difference
# of two two-decimal readings can fall a hair under 0.1
check usleep 'a=$(cut -d" " -f1 /proc/uptime); usleep 100000; b=$(cut -d" " -f1 /proc/uptime); awk "BEGIN { exit !(int($b * 100 + 0.5) - int($a * 100 + 0.5) >= 10) }"'
