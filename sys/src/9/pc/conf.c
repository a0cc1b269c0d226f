/* The devices in this kernel; devtab[0] must be the root. */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"

extern Dev rootdevtab, consdevtab, envdevtab, pipedevtab,
	dupdevtab, srvdevtab, segmentdevtab, procdevtab, ramfsdevtab, mntdevtab, vmxdevtab;

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
	&mntdevtab,
	&vmxdevtab,
	nil,
};
