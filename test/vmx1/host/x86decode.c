#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "test.h"

typedef struct Case Case;

enum {
	Bad = -1,	/* in Case.op: the decoder must refuse */
	R = 0,		/* memory is read */
	W = 1,		/* memory is written */
	Nr = -1,	/* no register operand */
	Ns = -1,	/* no segment override */
};

struct Case {
	char	*name;
	int	mode;
	char	*bytes;		/* hex, may be followed by bytes past the instruction */
	int	op;
	int	memdst;
	int	size;
	int	opsize;
	int	reg;
	int	highbyte;
	int	hasimm;
	u64int	imm;
	int	seg;
	int	rep;
	int	len;
	int	addrsize;
};

static Case cases[] = {
	/* name, mode, bytes, op, memdst, size, opsize, reg, high, hasimm, imm, seg, rep, len, addrsize */
	{"mov-store8", 64, "88 07", Omov, W, 1, 1, 0, 0, 0, 0, Ns, 0, 2, 8},
	{"mov-store8-ah", 32, "88 27", Omov, W, 1, 1, 0, 1, 0, 0, Ns, 0, 2, 4},
	{"mov-store8-bh", 32, "88 3b", Omov, W, 1, 1, 3, 1, 0, 0, Ns, 0, 2, 4},
	{"mov-store8-spl-rex", 64, "40 88 27", Omov, W, 1, 1, 4, 0, 0, 0, Ns, 0, 3, 8},
	{"mov-store8-dil-rex", 64, "40 88 3b", Omov, W, 1, 1, 7, 0, 0, 0, Ns, 0, 3, 8},
	{"mov-store8-r12b", 64, "44 88 27", Omov, W, 1, 1, 12, 0, 0, 0, Ns, 0, 3, 8},
	{"mov-store32", 64, "89 07", Omov, W, 4, 4, 0, 0, 0, 0, Ns, 0, 2, 8},
	{"mov-store32-ecx-disp8", 64, "89 4f 10", Omov, W, 4, 4, 1, 0, 0, 0, Ns, 0, 3, 8},
	{"mov-store32-disp32", 64, "89 8f 00 10 00 00", Omov, W, 4, 4, 1, 0, 0, 0, Ns, 0, 6, 8},
	{"mov-store32-riprel", 64, "89 05 f8 0f 00 00", Omov, W, 4, 4, 0, 0, 0, 0, Ns, 0, 6, 8},
	{"mov-store64", 64, "48 89 07", Omov, W, 8, 8, 0, 0, 0, 0, Ns, 0, 3, 8},
	{"mov-store64-r9", 64, "4c 89 0f", Omov, W, 8, 8, 9, 0, 0, 0, Ns, 0, 3, 8},
	{"mov-store64-rexb", 64, "49 89 07", Omov, W, 8, 8, 0, 0, 0, 0, Ns, 0, 3, 8},
	{"mov-store64-rexx-sib", 64, "4a 89 04 87", Omov, W, 8, 8, 0, 0, 0, 0, Ns, 0, 4, 8},
	{"mov-store-r15-all-rex", 64, "4f 89 3c 87", Omov, W, 8, 8, 15, 0, 0, 0, Ns, 0, 4, 8},
	{"mov-store16", 64, "66 89 07", Omov, W, 2, 2, 0, 0, 0, 0, Ns, 0, 3, 8},
	{"mov-store16-rex-after-66", 64, "66 41 89 07", Omov, W, 2, 2, 0, 0, 0, 0, Ns, 0, 4, 8},
	{"mov-rex-before-66-ignored", 64, "48 66 89 07", Omov, W, 2, 2, 0, 0, 0, 0, Ns, 0, 4, 8},
	{"mov-rexw-beats-66", 64, "66 48 89 07", Omov, W, 8, 8, 0, 0, 0, 0, Ns, 0, 4, 8},
	{"mov-sib-disp32-nobase", 64, "89 04 25 00 00 e0 fe", Omov, W, 4, 4, 0, 0, 0, 0, Ns, 0, 7, 8},
	{"mov-sib-disp8", 64, "89 44 24 08", Omov, W, 4, 4, 0, 0, 0, 0, Ns, 0, 4, 8},
	{"mov-sib-disp32", 32, "89 84 24 00 01 00 00", Omov, W, 4, 4, 0, 0, 0, 0, Ns, 0, 7, 4},
	{"mov-load8", 64, "8a 07", Omov, R, 1, 1, 0, 0, 0, 0, Ns, 0, 2, 8},
	{"mov-load8-dh", 32, "8a 30", Omov, R, 1, 1, 2, 1, 0, 0, Ns, 0, 2, 4},
	{"mov-load32", 64, "8b 07", Omov, R, 4, 4, 0, 0, 0, 0, Ns, 0, 2, 8},
	{"mov-load32-edx", 32, "8b 15 00 00 c0 fe", Omov, R, 4, 4, 2, 0, 0, 0, Ns, 0, 6, 4},
	{"mov-load64-r8", 64, "4c 8b 07", Omov, R, 8, 8, 8, 0, 0, 0, Ns, 0, 3, 8},
	{"mov-load32-r13d", 64, "44 8b 2f", Omov, R, 4, 4, 13, 0, 0, 0, Ns, 0, 3, 8},
	{"mov-load-fs", 64, "64 8b 04 25 10 00 00 00", Omov, R, 4, 4, 0, 0, 0, 0, Sfs, 0, 8, 8},
	{"mov-load-es", 32, "26 8b 03", Omov, R, 4, 4, 0, 0, 0, 0, Ses, 0, 3, 4},
	{"mov-load-gs-rex", 64, "65 48 8b 03", Omov, R, 8, 8, 0, 0, 0, 0, Sgs, 0, 4, 8},
	{"mov-load-cs-ss-last-wins", 32, "2e 36 8b 03", Omov, R, 4, 4, 0, 0, 0, 0, Sss, 0, 4, 4},
	{"mov-load-lock-ignored", 32, "f0 8b 03", Omov, R, 4, 4, 0, 0, 0, 0, Ns, 0, 3, 4},
	{"mov-imm8", 64, "c6 07 5a", Omov, W, 1, 1, Nr, 0, 1, 0x5a, Ns, 0, 3, 8},
	{"mov-imm8-disp8", 32, "c6 40 04 ff", Omov, W, 1, 1, Nr, 0, 1, 0xff, Ns, 0, 4, 4},
	{"mov-imm32", 64, "c7 07 78 56 34 12", Omov, W, 4, 4, Nr, 0, 1, 0x12345678, Ns, 0, 6, 8},
	{"mov-imm16", 64, "66 c7 07 34 12", Omov, W, 2, 2, Nr, 0, 1, 0x1234, Ns, 0, 5, 8},
	{"mov-imm32-sext64", 64, "48 c7 07 00 00 00 80", Omov, W, 8, 8, Nr, 0, 1, 0xffffffff80000000ULL, Ns, 0, 7, 8},
	{"mov-imm32-rex-disp32", 64, "41 c7 87 00 03 00 00 01 00 00 00", Omov, W, 4, 4, Nr, 0, 1, 1, Ns, 0, 11, 8},
	{"mov-imm-reg-nonzero", 64, "c7 0f 00 00 00 00", Bad},
	{"mov-imm8-reg-nonzero", 64, "c6 4f 00 01", Bad},

	{"moffs-load8", 64, "a0 00 00 c0 fe 00 00 00 00", Omov, R, 1, 1, 0, 0, 0, 0, Ns, 0, 9, 8},
	{"moffs-load32", 32, "a1 00 00 c0 fe", Omov, R, 4, 4, 0, 0, 0, 0, Ns, 0, 5, 4},
	{"moffs-load32-addr32", 64, "67 a1 00 00 c0 fe", Omov, R, 4, 4, 0, 0, 0, 0, Ns, 0, 6, 4},
	{"moffs-store8", 32, "a2 00 00 c0 fe", Omov, W, 1, 1, 0, 0, 0, 0, Ns, 0, 5, 4},
	{"moffs-store64", 64, "48 a3 00 00 c0 fe 00 00 00 00", Omov, W, 8, 8, 0, 0, 0, 0, Ns, 0, 10, 8},
	{"moffs-store16-16bit", 16, "a3 00 10", Omov, W, 2, 2, 0, 0, 0, 0, Ns, 0, 3, 2},
	{"moffs-truncated", 64, "a1 00 00 c0 fe", Bad},

	{"16bit-mov-bx-si", 16, "89 00", Omov, W, 2, 2, 0, 0, 0, 0, Ns, 0, 2, 2},
	{"16bit-mov-disp16", 16, "89 1e 34 12", Omov, W, 2, 2, 3, 0, 0, 0, Ns, 0, 4, 2},
	{"16bit-mov-disp8", 16, "8b 46 fe", Omov, R, 2, 2, 0, 0, 0, 0, Ns, 0, 3, 2},
	{"16bit-mov-bp-disp16", 16, "8b 86 00 01", Omov, R, 2, 2, 0, 0, 0, 0, Ns, 0, 4, 2},
	{"16bit-66-mov32", 16, "66 89 07", Omov, W, 4, 4, 0, 0, 0, 0, Ns, 0, 3, 2},
	{"16bit-67-sib", 16, "67 89 04 24", Omov, W, 2, 2, 0, 0, 0, 0, Ns, 0, 4, 4},
	{"32bit-67-disp16", 32, "67 89 06 00 10", Omov, W, 4, 4, 0, 0, 0, 0, Ns, 0, 5, 2},
	{"16bit-rex-is-inc", 16, "48 89 07", Bad},
	{"32bit-rex-is-dec", 32, "48 89 07", Bad},

	{"movzx-byte", 64, "0f b6 07", Omovzx, R, 1, 4, 0, 0, 0, 0, Ns, 0, 3, 8},
	{"movzx-byte-rexw", 64, "48 0f b6 07", Omovzx, R, 1, 8, 0, 0, 0, 0, Ns, 0, 4, 8},
	{"movzx-byte-66", 64, "66 0f b6 07", Omovzx, R, 1, 2, 0, 0, 0, 0, Ns, 0, 4, 8},
	{"movzx-byte-no-highbyte", 32, "0f b6 27", Omovzx, R, 1, 4, 4, 0, 0, 0, Ns, 0, 3, 4},
	{"movzx-word", 64, "0f b7 47 02", Omovzx, R, 2, 4, 0, 0, 0, 0, Ns, 0, 4, 8},
	{"movzx-word-r11", 64, "44 0f b7 1f", Omovzx, R, 2, 4, 11, 0, 0, 0, Ns, 0, 4, 8},
	{"movsx-byte", 64, "0f be 0f", Omovsx, R, 1, 4, 1, 0, 0, 0, Ns, 0, 3, 8},
	{"movsx-word-rexw", 64, "48 0f bf 07", Omovsx, R, 2, 8, 0, 0, 0, 0, Ns, 0, 4, 8},
	{"movsxd", 64, "48 63 07", Omovsx, R, 4, 8, 0, 0, 0, 0, Ns, 0, 3, 8},
	{"movsxd-32bit-is-arpl", 32, "63 07", Bad},
	{"0f-unknown", 64, "0f 0b", Bad},
	{"0f-truncated", 64, "0f", Bad},

	{"movsb", 32, "a4", Omovs, W, 1, 1, Nr, 0, 0, 0, Ns, 0, 1, 4},
	{"rep-movsd", 32, "f3 a5", Omovs, W, 4, 4, Nr, 0, 0, 0, Ns, Repe, 2, 4},
	{"rep-movsq", 64, "f3 48 a5", Omovs, W, 8, 8, Nr, 0, 0, 0, Ns, Repe, 3, 8},
	{"rep-movsw-16", 16, "f3 a5", Omovs, W, 2, 2, Nr, 0, 0, 0, Ns, Repe, 2, 2},
	{"movs-seg", 32, "64 a5", Omovs, W, 4, 4, Nr, 0, 0, 0, Sfs, 0, 2, 4},
	{"rep-stosb", 64, "f3 aa", Ostos, W, 1, 1, 0, 0, 0, 0, Ns, Repe, 2, 8},
	{"rep-stosd-addr32", 64, "67 f3 ab", Ostos, W, 4, 4, 0, 0, 0, 0, Ns, Repe, 3, 4},
	{"stosw", 32, "66 ab", Ostos, W, 2, 2, 0, 0, 0, 0, Ns, 0, 2, 4},
	{"lodsb", 64, "ac", Olods, R, 1, 1, 0, 0, 0, 0, Ns, 0, 1, 8},
	{"rep-lodsd", 32, "f3 ad", Olods, R, 4, 4, 0, 0, 0, 0, Ns, Repe, 2, 4},
	{"repne-stos", 32, "f2 ab", Ostos, W, 4, 4, 0, 0, 0, 0, Ns, Repne, 2, 4},
	{"rep-on-mov-dropped", 32, "f3 89 07", Omov, W, 4, 4, 0, 0, 0, 0, Ns, 0, 3, 4},

	{"add-store", 64, "01 07", Oadd, W, 4, 4, 0, 0, 0, 0, Ns, 0, 2, 8},
	{"add-load8", 64, "02 07", Oadd, R, 1, 1, 0, 0, 0, 0, Ns, 0, 2, 8},
	{"or-store", 32, "09 0b", Oor, W, 4, 4, 1, 0, 0, 0, Ns, 0, 2, 4},
	{"or-load64", 64, "48 0b 07", Oor, R, 8, 8, 0, 0, 0, 0, Ns, 0, 3, 8},
	{"and-store8-ch", 32, "20 2b", Oand, W, 1, 1, 1, 1, 0, 0, Ns, 0, 2, 4},
	{"and-load", 32, "23 03", Oand, R, 4, 4, 0, 0, 0, 0, Ns, 0, 2, 4},
	{"sub-store", 64, "29 07", Osub, W, 4, 4, 0, 0, 0, 0, Ns, 0, 2, 8},
	{"sub-load8", 32, "2a 03", Osub, R, 1, 1, 0, 0, 0, 0, Ns, 0, 2, 4},
	{"xor-store64-r10", 64, "4c 31 17", Oxor, W, 8, 8, 10, 0, 0, 0, Ns, 0, 3, 8},
	{"xor-load", 32, "33 03", Oxor, R, 4, 4, 0, 0, 0, 0, Ns, 0, 2, 4},
	{"cmp-mem-reg", 64, "39 07", Ocmp, W, 4, 4, 0, 0, 0, 0, Ns, 0, 2, 8},
	{"cmp-reg-mem8", 64, "3a 07", Ocmp, R, 1, 1, 0, 0, 0, 0, Ns, 0, 2, 8},
	{"cmp-reg-mem", 32, "3b 1f", Ocmp, R, 4, 4, 3, 0, 0, 0, Ns, 0, 2, 4},
	{"test-mem8", 32, "84 07", Otest, W, 1, 1, 0, 0, 0, 0, Ns, 0, 2, 4},
	{"test-mem", 64, "48 85 07", Otest, W, 8, 8, 0, 0, 0, 0, Ns, 0, 3, 8},

	{"grp1-add-imm8", 32, "80 07 01", Oadd, W, 1, 1, Nr, 0, 1, 1, Ns, 0, 3, 4},
	{"grp1-or-imm8", 64, "80 0f 80", Oor, W, 1, 1, Nr, 0, 1, 0x80, Ns, 0, 3, 8},
	{"grp1-and-imm32", 64, "81 27 ff ff fe ff", Oand, W, 4, 4, Nr, 0, 1, 0xfffeffff, Ns, 0, 6, 8},
	{"grp1-and-imm16", 32, "66 81 27 ff 7f", Oand, W, 2, 2, Nr, 0, 1, 0x7fff, Ns, 0, 5, 4},
	{"grp1-sub-imm32-rexw", 64, "48 81 2f 00 00 00 f0", Osub, W, 8, 8, Nr, 0, 1, 0xfffffffff0000000ULL, Ns, 0, 7, 8},
	{"grp1-xor-imm8s", 64, "83 37 ff", Oxor, W, 4, 4, Nr, 0, 1, 0xffffffff, Ns, 0, 3, 8},
	{"grp1-cmp-imm8s-16", 32, "66 83 3f 80", Ocmp, W, 2, 2, Nr, 0, 1, 0xff80, Ns, 0, 4, 4},
	{"grp1-cmp-imm8s-64", 64, "48 83 3f ff", Ocmp, W, 8, 8, Nr, 0, 1, 0xffffffffffffffffULL, Ns, 0, 4, 8},
	{"grp1-or-imm8s-positive", 64, "83 4f 04 10", Oor, W, 4, 4, Nr, 0, 1, 0x10, Ns, 0, 4, 8},
	{"grp1-adc-refused", 64, "83 17 01", Bad},
	{"grp1-sbb-refused", 64, "81 1f 01 00 00 00", Bad},
	{"test-imm8", 64, "f6 07 01", Otest, W, 1, 1, Nr, 0, 1, 1, Ns, 0, 3, 8},
	{"test-imm32", 32, "f7 47 08 00 00 00 80", Otest, W, 4, 4, Nr, 0, 1, 0x80000000, Ns, 0, 7, 4},
	{"test-imm16", 16, "f7 07 00 80", Otest, W, 2, 2, Nr, 0, 1, 0x8000, Ns, 0, 4, 2},
	{"f6-not-refused", 64, "f6 17", Bad},

	{"register-operand", 64, "89 c0", Bad},
	{"register-operand-movzx", 64, "0f b6 c0", Bad},
	{"truncated-modrm", 64, "89", Bad},
	{"truncated-disp", 64, "89 87 00 10", Bad},
	{"truncated-imm", 64, "c7 07 00 00", Bad},
	{"truncated-sib", 32, "89 04", Bad},
	{"unknown-opcode", 64, "ff 07", Bad},
	{"prefixes-only", 64, "66 67 f3", Bad},
	{"too-long", 32, "66 66 66 66 66 66 66 66 66 66 66 66 c7 07 00 00", Bad},
	{"longest-ok", 32, "66 66 66 66 66 66 66 66 66 66 66 c7 07 00 00", Omov, W, 2, 2, Nr, 0, 1, 0, Ns, 0, 15, 4},
};

/* The memory operand's parts, for the linear address an APIC-access exit lacks. */
typedef struct Opcase Opcase;
struct Opcase {
	char	*name;
	int	mode;
	char	*bytes;
	int	memseg;
	int	base;
	int	index;
	int	scale;
	u64int	disp;
	int	riprel;
};

static Opcase opcases[] = {
	/* name, mode, bytes, memseg, base, index, scale, disp, riprel */
	{"ea-base", 64, "89 07", Sds, 7, -1, 1, 0, 0},
	{"ea-disp8-negative", 32, "89 47 f0", Sds, 7, -1, 1, -16, 0},
	{"ea-riprel", 64, "89 05 f8 0f 00 00", Sds, -1, -1, 1, 0xff8, 1},
	{"ea-disp32-alone", 32, "89 05 00 00 e0 fe", Sds, -1, -1, 1, 0xfffffffffee00000ULL, 0},
	{"ea-sib-rexx", 64, "4a 89 04 87", Sds, 7, 8, 4, 0, 0},
	{"ea-sib-no-index-rsp", 64, "89 44 24 08", Sss, 4, -1, 1, 8, 0},
	{"ea-sib-no-base", 64, "89 04 25 00 00 e0 fe", Sds, -1, -1, 1, 0xfffffffffee00000ULL, 0},
	{"ea-rbp-stack", 32, "89 45 08", Sss, 5, -1, 1, 8, 0},
	{"ea-r13-data", 64, "41 89 45 08", Sds, 13, -1, 1, 8, 0},
	{"ea-override", 64, "64 89 45 08", Sfs, 5, -1, 1, 8, 0},
	{"ea-16-bx-si", 16, "89 00", Sds, 3, 6, 1, 0, 0},
	{"ea-16-bp-disp8", 16, "89 46 fe", Sss, 5, -1, 1, -2, 0},
	{"ea-16-disp16", 16, "89 06 34 12", Sds, -1, -1, 1, 0x1234, 0},
	{"ea-moffs", 32, "a3 00 00 e0 fe", Sds, -1, -1, 0, 0xfee00000, 0},
};

static int
hex(char *s, uchar *b)
{
	int n;
	char *e;

	for(n = 0; *s != 0; n++){
		b[n] = strtoul(s, &e, 16);
		s = e;
		while(*s == ' ')
			s++;
	}
	return n;
}

static void
run(Case *c)
{
	uchar b[32];
	Insn in;
	int n, len;

	n = hex(c->bytes, b);
	len = x86decode(b, n, c->mode, &in);
	if(c->op == Bad){
		check(c->name, len < 0, "decoded as op %d len %d", in.op, len);
		return;
	}
	if(len < 0){
		check(c->name, 0, "refused");
		return;
	}
	check(c->name, len == c->len && in.len == c->len && in.op == c->op && in.memdst == c->memdst
		&& in.size == c->size && in.opsize == c->opsize && in.reg == c->reg && in.highbyte == c->highbyte
		&& in.hasimm == c->hasimm && in.imm == c->imm && in.seg == c->seg && in.rep == c->rep
		&& in.addrsize == c->addrsize,
		"got op %d dst %d size %d/%d reg %d%s imm %d:%#llx seg %d rep %d len %d addr %d",
		in.op, in.memdst, in.size, in.opsize, in.reg, in.highbyte ? "h" : "", in.hasimm, in.imm,
		in.seg, in.rep, in.len, in.addrsize);
}

static void
runop(Opcase *c)
{
	uchar b[32];
	Insn in;

	if(x86decode(b, hex(c->bytes, b), c->mode, &in) < 0){
		check(c->name, 0, "refused");
		return;
	}
	check(c->name, in.memseg == c->memseg && in.base == c->base && in.index == c->index
		&& in.scale == c->scale && in.disp == c->disp && in.riprel == c->riprel,
		"got seg %d base %d index %d scale %d disp %#llx riprel %d",
		in.memseg, in.base, in.index, in.scale, in.disp, in.riprel);
}

int
main(void)
{
	int i;
	uchar trailing[] = {0x89, 0x07, 0x90, 0x90};
	Insn in;

	for(i = 0; i < nelem(cases); i++)
		run(&cases[i]);
	for(i = 0; i < nelem(opcases); i++)
		runop(&opcases[i]);
	check("trailing-bytes-ignored", x86decode(trailing, sizeof trailing, 64, &in) == 2, "len %d", in.len);
	return checkstatus();
}
