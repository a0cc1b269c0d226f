/* The devices in this kernel; devtab[0] must be the root. */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"

extern Dev rootdevtab, consdevtab, envdevtab, pipedevtab,
	dupdevtab, srvdevtab, segmentdevtab, procdevtab, ramfsdevtab, vmxdevtab;

Dev *devtab[] = {
	&rootdevtab,
	&consdevtab,
	&envdevtab,
	&pipedevtab,
	&dupdevtab,
	&srvdevtab,
	&segmentdevtab,
	&procdevtab,
	&ramfsdevtab,
	&vmxdevtab,
	nil,
};
