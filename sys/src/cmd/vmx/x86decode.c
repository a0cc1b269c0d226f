/*
 * Decoding of the instructions that can touch MMIO: the MOV forms,
 * MOVZX/MOVSX/MOVSXD, the string moves, and the ALU operations and
 * TEST with a memory operand. Only what emulating the access needs
 * is reported: the guest-physical address comes from the exit, and
 * the memory operand's parts for the exits that give no linear one.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

typedef struct Optab Optab;
typedef struct Dec Dec;

enum {
	Maxlen = 15,

	/* Optab.flags */
	Modrm = 1<<0,
	Byte = 1<<1,		/* 8-bit operands */
	Memdst = 1<<2,
	Imm8 = 1<<3,
	Imm8s = 1<<4,		/* sign-extended to the operand size */
	Immz = 1<<5,		/* 16 or 32 bits, sign-extended to 64 */
	Regzero = 1<<6,		/* ModRM.reg must be 0 */
	Group1 = 1<<7,		/* ModRM.reg selects the operation */
	Moffs = 1<<8,
	String = 1<<9,
	Acc = 1<<10,		/* the register operand is the accumulator */
	Src8 = 1<<11,
	Src16 = 1<<12,
	Src32 = 1<<13,
	Only64 = 1<<14,

	Rexw = 1<<3,
	Rexr = 1<<2,
	Rexx = 1<<1,
	Rexb = 1<<0,

	Rbx = 3, Rsp, Rbp, Rsi, Rdi,	/* GPRs in encoding order */

	Twobyte = 0x100,
};

struct Optab {
	int	code;
	int	op;
	int	flags;
};

struct Dec {
	uchar	*p;
	int	n;
	int	pos;
};

static Optab optab[] = {
	{0x00, Oadd, Modrm|Byte|Memdst}, {0x01, Oadd, Modrm|Memdst}, {0x02, Oadd, Modrm|Byte}, {0x03, Oadd, Modrm},
	{0x08, Oor, Modrm|Byte|Memdst}, {0x09, Oor, Modrm|Memdst}, {0x0a, Oor, Modrm|Byte}, {0x0b, Oor, Modrm},
	{0x20, Oand, Modrm|Byte|Memdst}, {0x21, Oand, Modrm|Memdst}, {0x22, Oand, Modrm|Byte}, {0x23, Oand, Modrm},
	{0x28, Osub, Modrm|Byte|Memdst}, {0x29, Osub, Modrm|Memdst}, {0x2a, Osub, Modrm|Byte}, {0x2b, Osub, Modrm},
	{0x30, Oxor, Modrm|Byte|Memdst}, {0x31, Oxor, Modrm|Memdst}, {0x32, Oxor, Modrm|Byte}, {0x33, Oxor, Modrm},
	{0x38, Ocmp, Modrm|Byte|Memdst}, {0x39, Ocmp, Modrm|Memdst}, {0x3a, Ocmp, Modrm|Byte}, {0x3b, Ocmp, Modrm},
	{0x63, Omovsx, Modrm|Src32|Only64},
	{0x80, 0, Modrm|Byte|Memdst|Group1|Imm8},
	{0x81, 0, Modrm|Memdst|Group1|Immz},
	{0x83, 0, Modrm|Memdst|Group1|Imm8s},
	{0x84, Otest, Modrm|Byte|Memdst}, {0x85, Otest, Modrm|Memdst},
	{0x88, Omov, Modrm|Byte|Memdst}, {0x89, Omov, Modrm|Memdst}, {0x8a, Omov, Modrm|Byte}, {0x8b, Omov, Modrm},
	{0xa0, Omov, Moffs|Acc|Byte}, {0xa1, Omov, Moffs|Acc},
	{0xa2, Omov, Moffs|Acc|Byte|Memdst}, {0xa3, Omov, Moffs|Acc|Memdst},
	{0xa4, Omovs, String|Byte|Memdst}, {0xa5, Omovs, String|Memdst},
	{0xaa, Ostos, String|Acc|Byte|Memdst}, {0xab, Ostos, String|Acc|Memdst},
	{0xac, Olods, String|Acc|Byte}, {0xad, Olods, String|Acc},
	{0xc6, Omov, Modrm|Byte|Memdst|Regzero|Imm8}, {0xc7, Omov, Modrm|Memdst|Regzero|Immz},
	{0xf6, Otest, Modrm|Byte|Memdst|Regzero|Imm8}, {0xf7, Otest, Modrm|Memdst|Regzero|Immz},
	{Twobyte|0xb6, Omovzx, Modrm|Src8}, {Twobyte|0xb7, Omovzx, Modrm|Src16},
	{Twobyte|0xbe, Omovsx, Modrm|Src8}, {Twobyte|0xbf, Omovsx, Modrm|Src16},
};

/* 80, 81 and 83 by ModRM.reg; ADC and SBB would need the carry flag */
static int group1[8] = {Oadd, Oor, 0, 0, Oand, Osub, Oxor, Ocmp};

static int
fetch(Dec *d)
{
	if(d->pos >= d->n || d->pos >= Maxlen)
		return -1;
	return d->p[d->pos++];
}

/* Consumes n bytes, returning them as a little-endian number. */
static int
fetchn(Dec *d, int n, u64int *v)
{
	int i, b;

	*v = 0;
	for(i = 0; i < n; i++){
		if((b = fetch(d)) < 0)
			return -1;
		*v |= (u64int)b << 8*i;
	}
	return 0;
}

static u64int
signext(u64int v, int from, int to)
{
	int sh;

	sh = 64 - 8*from;
	return (u64int)((s64int)(v << sh) >> sh) & sizemask(to);
}

/* The 16-bit forms by ModRM.rm: base and index */
static int mem16[8][2] = {
	{Rbx, Rsi}, {Rbx, Rdi}, {Rbp, Rsi}, {Rbp, Rdi}, {Rsi, -1}, {Rdi, -1}, {Rbp, -1}, {Rbx, -1},
};

/*
 * The addressing bytes after ModRM (SDM Vol. 2A, 2.1.5): the memory
 * operand's base, index, scale and displacement; fails for a register.
 */
static int
memop(Dec *d, int modrm, int rex, int mode, Insn *in)
{
	int mod, rm, sib, dsize;
	u64int disp;

	mod = modrm >> 6;
	rm = modrm & 7;
	if(mod == 3)
		return -1;
	in->scale = 1;
	if(in->addrsize == 2){
		in->base = mem16[rm][0];
		in->index = mem16[rm][1];
		dsize = mod == 1 ? 1 : 2;
		if(mod == 0 && rm == 6)
			in->base = -1;
		else if(mod == 0)
			dsize = 0;
	}else{
		in->base = rm | (rex & Rexb ? 8 : 0);
		dsize = mod == 1 ? 1 : mod == 2 ? 4 : 0;
		if(rm == 4){
			if((sib = fetch(d)) < 0)
				return -1;
			in->scale = 1 << (sib >> 6);
			in->index = (sib >> 3 & 7) | (rex & Rexx ? 8 : 0);
			if(in->index == Rsp)
				in->index = -1;
			in->base = (sib & 7) | (rex & Rexb ? 8 : 0);
			if(mod == 0 && (sib & 7) == 5){
				in->base = -1;
				dsize = 4;
			}
		}else if(mod == 0 && rm == 5){
			in->base = -1;
			in->riprel = mode == 64;
			dsize = 4;
		}
	}
	if(fetchn(d, dsize, &disp) < 0)
		return -1;
	in->disp = dsize > 0 ? signext(disp, dsize, 8) : 0;
	if(in->seg < 0 && (in->base == Rsp || in->base == Rbp))
		in->memseg = Sss;
	return 0;
}

static int
segment(int b)
{
	switch(b){
	case 0x26:	return Ses;
	case 0x2e:	return Scs;
	case 0x36:	return Sss;
	case 0x3e:	return Sds;
	case 0x64:	return Sfs;
	case 0x65:	return Sgs;
	}
	return -1;
}

static Optab*
lookup(int code)
{
	Optab *o;

	for(o = optab; o < optab + nelem(optab); o++)
		if(o->code == code)
			return o;
	return nil;
}

/* mode is 16, 32 or 64: the code segment's default. Returns the length or -1. */
int
x86decode(uchar *code, int n, int mode, Insn *in)
{
	Dec d;
	Optab *o;
	int b, o16, a16, rex, modrm, rep, immsize;
	u64int imm;

	memset(in, 0, sizeof *in);
	in->reg = in->base = in->index = -1;
	in->seg = -1;
	d = (Dec){code, n, 0};
	o16 = a16 = rex = rep = 0;
	for(;;){
		if((b = fetch(&d)) < 0)
			return -1;
		if(mode == 64 && (b & 0xf0) == 0x40){
			rex = b;
			continue;
		}
		if(b == 0x66)
			o16 = 1;
		else if(b == 0x67)
			a16 = 1;
		else if(b == 0xf2)
			rep = Repne;
		else if(b == 0xf3)
			rep = Repe;
		else if(segment(b) >= 0)
			in->seg = segment(b);
		else if(b != 0xf0)
			break;
		rex = 0;	/* a REX prefix counts only right before the opcode */
	}
	if(b == 0x0f){
		if((b = fetch(&d)) < 0)
			return -1;
		b |= Twobyte;
	}
	if((o = lookup(b)) == nil || ((o->flags & Only64) && mode != 64))
		return -1;
	in->memseg = in->seg >= 0 ? in->seg : Sds;

	if(rex & Rexw)
		in->opsize = 8;
	else if(mode == 16)
		in->opsize = o16 ? 4 : 2;
	else
		in->opsize = o16 ? 2 : 4;
	if(mode == 64)
		in->addrsize = a16 ? 4 : 8;
	else if(mode == 32)
		in->addrsize = a16 ? 2 : 4;
	else
		in->addrsize = a16 ? 4 : 2;
	if(o->flags & Byte)
		in->opsize = 1;
	in->size = in->opsize;
	if(o->flags & Src8)
		in->size = 1;
	else if(o->flags & Src16)
		in->size = 2;
	else if((o->flags & Src32) && in->opsize > 4)
		in->size = 4;
	in->op = o->op;
	in->memdst = (o->flags & Memdst) != 0;

	if(o->flags & Modrm){
		if((modrm = fetch(&d)) < 0 || memop(&d, modrm, rex, mode, in) < 0)
			return -1;
		if(o->flags & Group1){
			if((in->op = group1[modrm >> 3 & 7]) == 0)
				return -1;
		}else if(o->flags & Regzero){
			if((modrm >> 3 & 7) != 0)
				return -1;
		}else{
			in->reg = (modrm >> 3 & 7) | (rex & Rexr ? 8 : 0);
			/* without REX, byte registers 4-7 are ah, ch, dh, bh */
			if((o->flags & Byte) && rex == 0 && in->reg >= 4){
				in->reg -= 4;
				in->highbyte = 1;
			}
		}
	}
	if(o->flags & Moffs){
		if(fetchn(&d, in->addrsize, &imm) < 0)
			return -1;
		in->disp = imm;
	}
	if(o->flags & Acc)
		in->reg = 0;
	if(o->flags & String)
		in->rep = rep;

	immsize = 0;
	if(o->flags & (Imm8 | Imm8s))
		immsize = 1;
	else if(o->flags & Immz)
		immsize = in->opsize == 2 ? 2 : 4;
	if(immsize > 0){
		if(fetchn(&d, immsize, &imm) < 0)
			return -1;
		in->hasimm = 1;
		in->imm = signext(imm, immsize, in->opsize);
	}
	in->len = d.pos;
	return in->len;
}
