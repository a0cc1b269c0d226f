#include <u.h>
#include <libc.h>
#include <x86.h>
#include "realvm.h"

/*
 * Real mode: flat 64 KiB segments at 0, the real-mode IVT at 0 (as
 * test/devvmx/lib's realmode for rc), and the stack below 0x8000.
 */
static char realmode[] =
	"cr0real 0x10\ncr0fake 0x10\n"
	"cs 0\ncsbase 0\ncslimit 0xffff\ncsperm 0x9b\n"
	"ds 0\ndsbase 0\ndslimit 0xffff\ndsperm 0x93\n"
	"es 0\nesbase 0\neslimit 0xffff\nesperm 0x93\n"
	"fs 0\nfsbase 0\nfslimit 0xffff\nfsperm 0x93\n"
	"gs 0\ngsbase 0\ngslimit 0xffff\ngsperm 0x93\n"
	"ss 0\nssbase 0\nsslimit 0xffff\nssperm 0x93\n"
	"idtrbase 0\nidtrlimit 0x3ff\nflags 0x2\npc 0x1000\nsp 0x8000\n";

/* Open the file fmt names with n, or die. */
int
xopen(char *fmt, int n, int mode)
{
	char name[64];
	int fd;

	snprint(name, sizeof name, fmt, n);
	if((fd = open(name, mode)) < 0)
		sysfatal("open %s: %r", name);
	return fd;
}

void
xwrite(int fd, char *s)
{
	if(write(fd, s, strlen(s)) != strlen(s))
		sysfatal("write %s: %r", s);
}

/* A sticky segment named name of len bytes at va. */
static void
mkseg(char *name, uvlong va, ulong len)
{
	char buf[128];
	int fd;

	snprint(buf, sizeof buf, "#g/%s", name);
	if((fd = create(buf, OREAD, DMDIR|0777)) < 0)
		sysfatal("create %s: %r", buf);
	close(fd);
	snprint(buf, sizeof buf, "#g/%s/ctl", name);
	if((fd = open(buf, OWRITE)) < 0)
		sysfatal("open %s: %r", buf);
	snprint(buf, sizeof buf, "va %#llux %#lux sticky", va, len);
	xwrite(fd, buf);
	close(fd);
}

/* v's segment: name makes its name, unique to this process. */
void
vmseg(Vm *v, char *name)
{
	memset(v, 0, sizeof *v);
	v->ctl = v->wait = v->run = -1;
	snprint(v->seg, sizeof v->seg, "%s.%d", name, getpid());
	mkseg(v->seg, 0x10000000, Guestmem);
}

/* Write n bytes at guest address off. */
void
vmload(Vm *v, void *p, long n, vlong off)
{
	char buf[64];
	int fd;

	snprint(buf, sizeof buf, "#g/%s/data", v->seg);
	if((fd = open(buf, OWRITE)) < 0)
		sysfatal("open %s: %r", buf);
	if(pwrite(fd, p, n, off) != n)
		sysfatal("load %s: %r", buf);
	close(fd);
}

/* A new vCPU with v's segment mapped at 0. */
void
vmclone(Vm *v)
{
	char buf[64];
	int fd, r;

	v->ctl = open("#X/clone", ORDWR);
	if(v->ctl < 0)
		sysfatal("#X/clone: %r");
	r = read(v->ctl, buf, sizeof buf - 1);
	buf[r > 0 ? r : 0] = 0;
	v->n = atoi(buf);
	fd = xopen("#X/%d/map", v->n, OWRITE);
	snprint(buf, sizeof buf, "rwx wb 0 %#ux %s 0\n", Guestmem, v->seg);
	xwrite(fd, buf);
	close(fd);
	v->wait = xopen("#X/%d/wait", v->n, OREAD);
}

/* v in real mode at Code. */
void
vmrealmode(Vm *v)
{
	int fd;

	fd = xopen("#X/%d/regs", v->n, OWRITE);
	xwrite(fd, realmode);
	close(fd);
}

void
newvm(Vm *v, char *name, uchar *code, int ncode, uchar *handler, int nhandler)
{
	uchar ivt[4];

	vmseg(v, name);
	vmload(v, code, ncode, Code);
	if(nhandler > 0){
		ivt[0] = Handler & 0xff;
		ivt[1] = Handler >> 8;
		ivt[2] = ivt[3] = 0;
		vmload(v, ivt, 4, Vector*4);
		vmload(v, handler, nhandler, Handler);
	}
	vmclone(v);
	vmrealmode(v);
}

void
endvm(Vm *v)
{
	char buf[64];

	if(v->ctl >= 0){
		xwrite(v->ctl, "quit");
		close(v->ctl);
	}
	if(v->wait >= 0)
		close(v->wait);
	snprint(buf, sizeof buf, "#g/%s", v->seg);
	remove(buf);
	if(v->run >= 0){
		close(v->run);
		segdetach((void*)Stateva);
		snprint(buf, sizeof buf, "#g/%s.state", v->seg);
		remove(buf);
	}
	if(v->apic != nil){
		segdetach((void*)Apicva);
		snprint(buf, sizeof buf, "#g/%s.apic", v->seg);
		remove(buf);
	}
}

/* A state page for v, in a one-page segment of its own attached at Stateva. */
Vmxstate*
statepage(Vm *v)
{
	char buf[128];
	void *p;

	snprint(buf, sizeof buf, "%s.state", v->seg);
	mkseg(buf, Stateva, 4096);
	if((p = segattach(0, buf, (void*)Stateva, 4096)) == (void*)-1)
		sysfatal("segattach %s: %r", buf);
	snprint(buf, sizeof buf, "state %s.state 0", v->seg);
	xwrite(v->ctl, buf);
	v->run = xopen("#X/%d/run", v->n, OREAD);
	return p;
}

/* The number after name in v's file; 0 if absent, as counts of exits never seen are. */
static uvlong
vmfield(Vm *v, char *file, char *name)
{
	char buf[8192], *line[160], *f[2];
	int fd, i, nl;
	long r;

	snprint(buf, sizeof buf, "#X/%%d/%s", file);
	fd = xopen(buf, v->n, OREAD);
	r = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(r <= 0)
		sysfatal("read %s: %r", file);
	buf[r] = 0;
	nl = getfields(buf, line, nelem(line), 1, "\n");
	for(i = 0; i < nl; i++)
		if(tokenize(line[i], f, 2) == 2 && strcmp(f[0], name) == 0)
			return strtoull(f[1], nil, 0);
	return 0;
}

/*
 * The figure /dev/swap gives for name. Memory given back shows in
 * "available" (free pages and the heap's free blocks, which a page
 * carved into blocks leaves unchanged) and "heap" (bytes in use).
 */
uvlong
swapfigure(char *name)
{
	char buf[512], *line[16], *f[2];
	int fd, i, nl;
	long r;

	fd = xopen("/dev/swap", 0, OREAD);
	r = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(r <= 0)
		sysfatal("read /dev/swap: %r");
	buf[r] = 0;
	nl = getfields(buf, line, nelem(line), 1, "\n");
	for(i = 0; i < nl; i++)
		if(tokenize(line[i], f, 2) == 2 && strcmp(f[1], name) == 0)
			return strtoull(f[0], nil, 10);
	sysfatal("/dev/swap has no %s", name);
	return 0;
}

uvlong
vmstat(Vm *v, char *name)
{
	return vmfield(v, "stats", name);
}

uvlong
vmreg(Vm *v, char *name)
{
	return vmfield(v, "regs", name);
}

/* The next line of v's wait, without its newline. */
char*
next(Vm *v, char *buf, int n)
{
	int r;

	r = read(v->wait, buf, n-1);
	if(r <= 0)
		sysfatal("read wait: %r");
	buf[r] = 0;
	if(r > 0 && buf[r-1] == '\n')
		buf[r-1] = 0;
	return buf;
}

/*
 * A virtual-APIC page for v (ctl apic), the first of a two-page
 * segment of its own attached at Apicva; with Apicxapic, the second
 * backs guest-physical Apicbase, the page of the guest's xAPIC; with
 * Apicvid, virtual-interrupt delivery.
 */
uchar*
apicpage(Vm *v, int flags)
{
	char buf[128], *p, *e;
	void *page;
	int fd;

	snprint(buf, sizeof buf, "%s.apic", v->seg);
	mkseg(buf, Apicva, 2*4096);
	if((page = segattach(0, buf, (void*)Apicva, 2*4096)) == (void*)-1)
		sysfatal("segattach %s: %r", buf);
	/* the spurious-interrupt register: the APIC software-enabled, as a guest's kernel leaves it */
	((u32int*)page)[0xf0/4] = 0x1ff;
	if(flags & Apicxapic){
		fd = xopen("#X/%d/map", v->n, OWRITE);
		snprint(buf, sizeof buf, "rw- uc %#ux %#ux %s.apic 0x1000\n", Apicbase, Apicbase+4096, v->seg);
		xwrite(fd, buf);
		close(fd);
	}
	e = buf + sizeof buf;
	p = seprint(buf, e, "apic %s.apic 0", v->seg);
	if(flags & Apicxapic)
		p = seprint(p, e, " %#ux", Apicbase);
	if(flags & Apicvid)
		seprint(p, e, " vid");
	xwrite(v->ctl, buf);
	v->apic = page;
	return page;
}

/* 64-bit mode with the first 2 MiB identity-mapped (tables at 0xa000). */
void
vmlongmode(Vm *v)
{
	u64int pt[3];
	char buf[512];
	int fd;

	pt[0] = 0xb000 | Ptpresent | Ptwrite;
	pt[1] = 0xc000 | Ptpresent | Ptwrite;
	pt[2] = Ptpresent | Ptwrite | Ptbig;
	vmload(v, &pt[0], 8, 0xa000);
	vmload(v, &pt[1], 8, 0xb000);
	vmload(v, &pt[2], 8, 0xc000);
	fd = xopen("#X/%d/regs", v->n, OWRITE);
	snprint(buf, sizeof buf, "cs 8\ncsbase 0\ncslimit 0xffffffff\ncsperm %#ux\n"
		"ds 16\ndsbase 0\ndslimit 0xffffffff\ndsperm %#ux\n"
		"ss 16\nssbase 0\nsslimit 0xffffffff\nssperm %#ux\n"
		"cr3 0xa000\ncr4real %#ux\ncr4fake %#ux\nefer %#ux\n"
		"cr0real %#ux\ncr0fake %#ux\n",
		Permcode64, Permdata, Permdata, Cr4pae, Cr4pae, Eferlme|Eferlma,
		Cr0pg|Cr0et|Cr0pe, Cr0pg|Cr0et|Cr0pe);
	xwrite(fd, buf);
	close(fd);
}

/* es at the guest's xAPIC page, for a real-mode guest's APIC accesses */
void
vmesapic(Vm *v)
{
	char buf[64];
	int fd;

	fd = xopen("#X/%d/regs", v->n, OWRITE);
	snprint(buf, sizeof buf, "esbase %#ux\n", Apicbase);
	xwrite(fd, buf);
	close(fd);
}

/* One read of v's run: its what byte, or -1 with the error in err. */
int
vmrun(Vm *v, char *err)
{
	uchar what;

	err[0] = 0;
	if(read(v->run, &what, 1) != 1){
		rerrstr(err, ERRMAX);
		return -1;
	}
	return what;
}

/* A ctl message that must fail with an error containing want. */
void
vmctlerr(Vm *v, char *name, char *msg, char *want)
{
	char err[ERRMAX];

	if(write(v->ctl, msg, strlen(msg)) >= 0){
		check(name, 0, "%s succeeded", msg);
		return;
	}
	rerrstr(err, sizeof err);
	check(name, strstr(err, want) != nil, "got '%s', want '%s'", err, want);
}

/* After ms, a child writes msg to v's ctl. */
void
vmlater(Vm *v, int ms, char *msg)
{
	switch(rfork(RFPROC|RFFDG|RFMEM|RFNOWAIT)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		sleep(ms);
		xwrite(v->ctl, msg);
		exits(nil);
	}
}

/*
 * Runs the subtest of t that argv[1] names and exits, "failed" when a
 * check failed; a name not in t, or an N where none is taken, is a
 * usage error listing t.
 */
void
runsubtest(Subtest *t, int nt, int argc, char *argv[])
{
	char buf[256], *p, *prog;
	int i;

	for(i = 0; i < nt && argc >= 2; i++){
		if(strcmp(argv[1], t[i].name) != 0)
			continue;
		if(argc == 2)
			t[i].f(t[i].n);
		else if(argc == 3 && t[i].n != 0)
			t[i].f(atoi(argv[2]));
		else
			break;
		exits(checkstatus() ? "failed" : nil);
	}
	p = buf;
	for(i = 0; i < nt; i++)
		p = seprint(p, buf+sizeof buf, "%s%s%s", i ? "|" : "", t[i].name, t[i].n ? " [N]" : "");
	prog = strrchr(argv[0], '/');
	sysfatal("usage: %s %s", prog ? prog+1 : argv[0], buf);
}
