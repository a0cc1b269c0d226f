/*
 * Fuzz target: the MMIO instruction decoder. The first byte picks the
 * mode, the rest is the code. A decode fails or describes an
 * instruction of at most 15 bytes, all of them within the code.
 */
#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"
#include "fuzz.h"

static int
oneof(int v, int a, int b, int c, int d)
{
	return v == a || v == b || v == c || v == d;
}

int
LLVMFuzzerTestOneInput(const uchar *data, usize len)
{
	static int modes[] = {16, 32, 64};
	Insn in;
	int n;

	if(len < 1)
		return 0;
	n = x86decode((uchar*)data+1, len-1, modes[data[0] % nelem(modes)], &in);
	if(n < 0){
		require(n == -1);
		return 0;
	}
	require(n >= 1 && n <= 15 && (usize)n <= len-1 && in.len == n);
	require(in.op >= Omov && in.op <= Otest);
	require(oneof(in.opsize, 1, 2, 4, 8) && oneof(in.size, 1, 2, 4, 8) && in.size <= in.opsize);
	require(oneof(in.addrsize, 2, 4, 8, 8));
	require(in.reg >= -1 && in.reg < 16 && (!in.highbyte || (in.reg >= 0 && in.reg < 4)));
	require(in.seg >= -1 && in.seg <= Sgs);
	require(in.rep == 0 || in.rep == Repe || in.rep == Repne);
	require(in.hasimm || in.imm == 0);
	return 0;
}
