#include <u.h>
#include <libc.h>

enum
{
	Small	= 8,	/* insertion sort below this many elements */
};

static void
swap(char *a, char *b, long size)
{
	char t;

	for(; size > 0; size--){
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

static void
insertion(char *base, long n, long size, int (*cmp)(void*, void*))
{
	char *p, *q;

	for(p = base+size; p < base+n*size; p += size)
		for(q = p; q > base && (*cmp)(q-size, q) > 0; q -= size)
			swap(q-size, q, size);
}

/* Quicksort on the median of three, recursing on the smaller part. */
void
qsort(void *vbase, long n, long size, int (*cmp)(void*, void*))
{
	char *base, *lo, *hi, *mid;
	long nlo, nhi;

	base = vbase;
	while(n >= Small){
		lo = base;
		mid = base + (n/2)*size;
		hi = base + (n-1)*size;
		if((*cmp)(mid, lo) < 0)
			swap(mid, lo, size);
		if((*cmp)(hi, mid) < 0){
			swap(hi, mid, size);
			if((*cmp)(mid, lo) < 0)
				swap(mid, lo, size);
		}
		swap(base, mid, size);	/* pivot at base */
		lo = base + size;
		hi = base + (n-1)*size;
		for(;;){
			while(lo <= hi && (*cmp)(lo, base) < 0)
				lo += size;
			while(lo <= hi && (*cmp)(hi, base) > 0)
				hi -= size;
			if(lo >= hi)
				break;
			swap(lo, hi, size);
			lo += size;
			hi -= size;
		}
		swap(base, hi, size);
		nlo = (hi - base)/size;
		nhi = n - nlo - 1;
		if(nlo < nhi){
			qsort(base, nlo, size, cmp);
			base = hi + size;
			n = nhi;
		}else{
			qsort(hi + size, nhi, size, cmp);
			n = nlo;
		}
	}
	insertion(base, n, size, cmp);
}
