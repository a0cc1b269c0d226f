/* The kernel's view of the C library: its portable half. */
#define KERNEL
#include <libc.h>
