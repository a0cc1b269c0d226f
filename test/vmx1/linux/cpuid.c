/*
 * cpuid LEAF: the guest's CPUID leaf in hex as four registers, and
 * for the hypervisor leaf its signature as text too. A Linux program,
 * built by fetch with the host's compiler, for the check scripts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cpuid.h>

int
main(int argc, char **argv)
{
	unsigned int leaf, r[4];
	char sig[13];

	if(argc != 2){
		fprintf(stderr, "usage: cpuid leaf\n");
		return 1;
	}
	leaf = strtoul(argv[1], NULL, 16);
	__cpuid_count(leaf, 0, r[0], r[1], r[2], r[3]);
	printf("%08x %08x %08x %08x", r[0], r[1], r[2], r[3]);
	if(leaf == 0x40000000){
		memcpy(sig, &r[1], 12);
		sig[12] = 0;
		printf(" %s", sig);
	}
	printf("\n");
	return 0;
}
