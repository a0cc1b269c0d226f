/*
 * Test-only stand-in for <libc.h>: the loaders run in host unit
 * tests, where the few libc routines they use come from the host.
 */
#include <stdlib.h>
#include <string.h>
