/*
 * User memory: page faults fill pages from segments, and system calls
 * check user addresses before the kernel touches them.
 */
#include <u.h>
#include "../port/lib.h"
#include "mem.h"
#include "dat.h"
#include "fns.h"
#include "../port/error.h"

Segment*
seg(Proc *p, uintptr addr)
{
	Segment *s;
	int i;

	for(i = 0; i < NSEG; i++){
		s = p->seg[i];
		if(s != nil && addr >= s->base && addr < s->top)
			return s;
	}
	return nil;
}

/*
 * Map the page at addr for up; -1 if no segment has it. The mapping
 * is made holding s, so that segfree's flush cannot come between.
 */
int
fault(uintptr addr, int write)
{
	Segment *s;
	uchar *pg;

	s = seg(up, addr);
	if(s == nil || (write && (s->flags & SG_RONLY)))
		return -1;
	qlock(s);
	if(waserror()){
		qunlock(s);
		return -1;
	}
	pg = segpagelocked(s, addr - s->base);
	putmmu(addr & ~(uintptr)(BY2PG-1), PADDR(pg),
		!(s->flags & SG_RONLY), s->type == SG_TEXT);
	poperror();
	qunlock(s);
	return 0;
}

/* addr..addr+len must lie in up's segments (writable if write). */
void*
validaddr(uintptr addr, ulong len, int write)
{
	Segment *s;
	uintptr a, end;

	end = addr + len;
	if(end < addr || end > USTKTOP)
		error(Ebadaddr);
	for(a = addr; a < end || a == addr; a = s->top){
		s = seg(up, a);
		if(s == nil || (write && (s->flags & SG_RONLY)))
			error(Ebadaddr);
		if(s->top >= end)
			break;
	}
	return (void*)addr;
}

/* A NUL-terminated string at addr, all of it in up's segments. */
char*
validstr(uintptr addr)
{
	Segment *s;
	char *p;

	s = seg(up, addr);
	if(s == nil)
		error(Ebadaddr);
	for(p = (char*)addr; *p != 0; p++)
		if((uintptr)p+1 >= s->top){
			s = seg(up, (uintptr)p+1);
			if(s == nil)
				error(Ebadaddr);
		}
	return (char*)addr;
}
