#include <u.h>
#include <libc.h>
#include <fcall.h>
#include "test.h"

static uchar buf[512];

/* Pack f, unpack it into g; the size, or 0 if either failed. */
static uint
roundtrip(Fcall *f, Fcall *g)
{
	uint n;

	n = convS2M(f, buf, sizeof buf);
	if(n == 0 || n != sizeS2M(f))
		return 0;
	memset(g, 0, sizeof *g);
	if(convM2S(buf, n, g) != n || g->type != f->type || g->tag != f->tag)
		return 0;
	return n;
}

int
main(void)
{
	static uchar tversion[] = {
		19,0,0,0, Tversion, 0xFF,0xFF, 0x18,0x20,0,0, 6,0, '9','P','2','0','0','0',
	};
	Fcall f, g;
	uchar stat[3] = {1, 2, 3};
	uint n;

	memset(&f, 0, sizeof f);
	f.type = Tversion;
	f.tag = NOTAG;
	f.msize = 8192+IOHDRSZ;
	f.version = "9P2000";
	n = convS2M(&f, buf, sizeof buf);
	check("tversion-layout", n == sizeof tversion && memcmp(buf, tversion, n) == 0, "size %u", n);
	n = roundtrip(&f, &g);
	check("tversion-roundtrip", n != 0 && g.msize == f.msize && strcmp(g.version, "9P2000") == 0, "version %s", g.version);

	f.type = Tattach;
	f.tag = 1;
	f.fid = 7;
	f.afid = NOFID;
	f.uname = "eve";
	f.aname = "";
	n = roundtrip(&f, &g);
	check("tattach-roundtrip", n != 0 && g.fid == 7 && g.afid == NOFID && strcmp(g.uname, "eve") == 0 && g.aname[0] == 0,
		"fid %u uname %s", g.fid, g.uname);

	f.type = Twalk;
	f.newfid = 8;
	f.nwname = 3;
	f.wname[0] = "a";
	f.wname[1] = "";
	f.wname[2] = "longer name";
	n = roundtrip(&f, &g);
	check("twalk-roundtrip", n != 0 && g.nwname == 3 && strcmp(g.wname[0], "a") == 0 && g.wname[1][0] == 0
		&& strcmp(g.wname[2], "longer name") == 0, "names wrong");
	f.nwname = MAXWELEM+1;
	check("twalk-too-many", sizeS2M(&f) == 0, "packed");

	f.type = Rwalk;
	f.nwqid = 2;
	f.wqid[0] = (Qid){0x0102030405060708ULL, 3, QTDIR};
	f.wqid[1] = (Qid){9, 0, QTFILE};
	n = roundtrip(&f, &g);
	check("rwalk-roundtrip", n != 0 && g.nwqid == 2 && g.wqid[0].path == 0x0102030405060708ULL && g.wqid[0].type == QTDIR
		&& g.wqid[1].path == 9, "qids wrong");

	f.type = Tcreate;
	f.name = "new";
	f.perm = DMDIR|0755;
	f.mode = ORDWR;
	n = roundtrip(&f, &g);
	check("tcreate-roundtrip", n != 0 && strcmp(g.name, "new") == 0 && g.perm == (DMDIR|0755) && g.mode == ORDWR,
		"perm %x", g.perm);

	f.type = Twrite;
	f.offset = 0x123456789LL;
	f.count = 5;
	f.data = "hello";
	n = roundtrip(&f, &g);
	check("twrite-roundtrip", n != 0 && g.offset == f.offset && g.count == 5 && memcmp(g.data, "hello", 5) == 0,
		"offset %llx count %u", g.offset, g.count);

	f.type = Rstat;
	f.nstat = sizeof stat;
	f.stat = stat;
	n = roundtrip(&f, &g);
	check("rstat-roundtrip", n != 0 && g.nstat == 3 && g.stat[2] == 3, "nstat %u", g.nstat);

	f.type = Rerror;
	f.ename = "no such thing";
	n = roundtrip(&f, &g);
	check("rerror-roundtrip", n != 0 && strcmp(g.ename, "no such thing") == 0, "ename %s", g.ename);

	/* malformed: short, trailing bytes, a string past the end, unknown type */
	n = convS2M(&f, buf, sizeof buf);
	check("short-buffer", convM2S(buf, n-1, &g) == 0, "accepted");
	buf[0]++;
	check("size-too-big", convM2S(buf, n+1, &g) == 0, "accepted");
	buf[0]--;
	buf[7] = 0xFF;
	check("string-overrun", convM2S(buf, n, &g) == 0, "accepted");
	buf[4] = Tmax;
	check("unknown-type", convM2S(buf, n, &g) == 0, "accepted");
	check("convS2M-no-room", convS2M(&f, buf, 10) == 0, "packed");
	return checkstatus();
}
