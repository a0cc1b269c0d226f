/*
 * Fuzz targets: each defines the libFuzzer entry point, so it links
 * with fuzz.c (our driver, used by mk test and mk fuzz) or with
 * clang's -fsanitize=fuzzer. A target checks what must hold of every
 * input with require; a failed one aborts, as libFuzzer expects.
 */
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uchar *data, usize len);

#define require(c) do if(!(c)){ \
	fprintf(stderr, "fuzz: %s:%d: %s\n", __FILE__, __LINE__, #c); \
	abort(); \
} while(0)
