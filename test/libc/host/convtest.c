#include <u.h>
#include <libc.h>
#include "test.h"

static int
samedir(Dir *a, Dir *b)
{
	return a->type == b->type && a->dev == b->dev && a->qid.path == b->qid.path
		&& a->qid.vers == b->qid.vers && a->qid.type == b->qid.type
		&& a->mode == b->mode && a->atime == b->atime && a->mtime == b->mtime
		&& a->length == b->length && strcmp(a->name, b->name) == 0
		&& strcmp(a->uid, b->uid) == 0 && strcmp(a->gid, b->gid) == 0
		&& strcmp(a->muid, b->muid) == 0;
}

int
main(void)
{
	uchar buf[256];
	char strs[256];
	Dir d, e;
	uint n, m;

	d.type = 'X';
	d.dev = 0x12345678;
	d.qid.path = 0x0102030405060708ULL;
	d.qid.vers = 9;
	d.qid.type = QTDIR;
	d.mode = DMDIR|0755;
	d.atime = 1700000000;
	d.mtime = 1700000001;
	d.length = 0x123456789ALL;
	d.name = "vm☺";
	d.uid = "eve";
	d.gid = "sys";
	d.muid = "";

	n = convD2M(&d, buf, sizeof buf);
	check("convD2M-size", n == sizeD2M(&d) && n == STATFIXLEN+5+3+3, "got %u, sizeD2M %u", n, sizeD2M(&d));
	check("convD2M-layout", buf[0] == ((n-2)&0xFF) && buf[1] == (n-2)>>8 && buf[2] == 'X' && buf[4] == 0x78, "bytes %.2x %.2x %.2x %.2x", buf[0], buf[1], buf[2], buf[4]);
	check("convD2M-qid", buf[8] == QTDIR && buf[9] == 9 && buf[13] == 0x08 && buf[20] == 0x01, "qid bytes wrong");
	check("statcheck-good", statcheck(buf, n) == 0, "rejected");
	check("statcheck-short", statcheck(buf, n-1) < 0, "accepted");

	m = convM2D(buf, n, &e, strs);
	check("convM2D-size", m == n, "got %u want %u", m, n);
	check("roundtrip", samedir(&d, &e), "fields differ: name %s uid %s mode %lx", e.name, e.uid, e.mode);

	m = convM2D(buf, n, &e, nil);
	check("convM2D-nostrs", m == n && e.name[0] == 0 && e.length == d.length, "m %u name %s", m, e.name);

	m = convM2D(buf, n, &e, (char*)buf);
	check("convM2D-inplace", m == n && strcmp(e.name, "vm☺") == 0 && strcmp(e.gid, "sys") == 0, "name %s gid %s", e.name, e.gid);

	n = convD2M(&d, buf, 10);
	check("convD2M-short", n == BIT16SZ && buf[0] + (buf[1]<<8) == sizeD2M(&d)-BIT16SZ, "got %u", n);
	check("convD2M-tiny", convD2M(&d, buf, 1) == 0, "nonzero");
	check("convM2D-tiny", convM2D(buf, 1, &e, nil) == 0, "nonzero");

	nulldir(&d);
	n = convD2M(&d, buf, sizeof buf);
	m = convM2D(buf, n, &e, strs);
	check("nulldir-roundtrip", n == STATFIXLEN && m == n && e.mode == ~0UL && e.atime == ~0UL && e.qid.vers == ~0UL
		&& e.length == ~0LL && e.type == 0xFFFF && e.name[0] == 0,
		"mode %lx length %llx", e.mode, e.length);
	return checkstatus();
}
