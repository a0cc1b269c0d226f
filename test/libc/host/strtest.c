#include <u.h>
#include <libc.h>
#include "test.h"

static int
intcmp(void *a, void *b)
{
	return *(int*)a - *(int*)b;
}

static void
sorting(void)
{
	int a[200], i, ok;
	uint x;

	x = 12345;
	for(i = 0; i < nelem(a); i++){
		x = x*1103515245 + 12345;
		a[i] = (x>>16) % 50;
	}
	qsort(a, nelem(a), sizeof a[0], intcmp);
	ok = 1;
	for(i = 1; i < nelem(a); i++)
		if(a[i-1] > a[i])
			ok = 0;
	check("qsort", ok, "not sorted");
	/* one element and none: nothing moves, nothing past them is touched */
	a[0] = 7;
	a[1] = 3;
	qsort(a, 1, sizeof a[0], intcmp);
	qsort(a+1, 0, sizeof a[0], intcmp);
	check("qsort-tiny", a[0] == 7 && a[1] == 3, "a[0] %d a[1] %d, want 7 3", a[0], a[1]);
}

enum { Span = 80 };

/* Every alignment and length up to Span, each byte checked against a byte loop. */
static void
memwords(void)
{
	uchar buf[Span+16], want[Span+16];
	int off, n, i, setok, upok, downok, d;

	setok = upok = downok = 1;
	for(off = 0; off < 8; off++)
		for(n = 0; n <= Span; n++){
			for(i = 0; i < sizeof buf; i++)
				buf[i] = want[i] = i;
			memset(buf+off, 0xa5, n);
			for(i = 0; i < n; i++)
				want[off+i] = 0xa5;
			if(memcmp(buf, want, sizeof buf) != 0)
				setok = 0;
			for(d = 1; d <= 9; d++){
				/* overlapping both ways, aligned alike when d is 8 */
				for(i = 0; i < sizeof buf; i++)
					buf[i] = i;
				memmove(buf+off+d, buf+off, n);
				for(i = 0; i < n; i++)
					if(buf[off+d+i] != (uchar)(off+i))
						upok = 0;
				for(i = 0; i < sizeof buf; i++)
					buf[i] = i;
				memmove(buf+off, buf+off+d, n);
				for(i = 0; i < n; i++)
					if(buf[off+i] != (uchar)(off+d+i))
						downok = 0;
			}
		}
	check("memset-words", setok, "wrong bytes");
	check("memmove-words-up", upok, "wrong bytes");
	check("memmove-words-down", downok, "wrong bytes");
}

int
main(void)
{
	char buf[32], *p;

	memset(buf, 'x', sizeof buf);
	strcpy(buf, "hello");
	check("strcpy", strlen(buf) == 5 && buf[6] == 'x', "len %ld", strlen(buf));
	memmove(buf+1, buf, 5);
	check("memmove-up", memcmp(buf, "hhello", 6) == 0, "got %.6s", buf);
	memmove(buf, buf+1, 5);
	check("memmove-down", memcmp(buf, "hello", 5) == 0, "got %.5s", buf);
	memcpy(buf, "abc", 4);
	checkstr("memcpy", buf, "abc");
	check("memcmp-unsigned", memcmp("ab\xff", "ab\x01", 3) > 0, "signed compare");
	check("memchr", memchr("abc", 'c', 3) != nil && memchr("abc", 'd', 3) == nil, "wrong");
	p = memccpy(buf, "xy:z", ':', 4);
	check("memccpy", p == buf+3, "wrong end");
	check("strcmp", strcmp("a", "b") < 0 && strcmp("b", "a") > 0 && strcmp("a", "a") == 0, "wrong");
	check("strcmp-unsigned", strcmp("\xc3", "a") > 0, "signed compare");
	check("strncmp", strncmp("abcd", "abce", 3) == 0 && strncmp("abcd", "abce", 4) < 0, "wrong");
	strncpy(buf, "ab", 5);
	check("strncpy-pad", buf[0] == 'a' && buf[2] == 0 && buf[4] == 0, "not padded");
	p = strecpy(buf, buf+4, "abcdef");
	check("strecpy", p == buf+3 && strcmp(buf, "abc") == 0, "got %s", buf);
	strcpy(buf, "ab");
	strcat(buf, "cd");
	checkstr("strcat", buf, "abcd");
	check("strchr", strchr("abca", 'a') != nil && strrchr("abca", 'a') - "abca" >= 0, "nil");
	p = "abca";
	check("strrchr", strrchr(p, 'a') == p+3 && strchr(p, 0) == p+4 && strchr(p, 'z') == nil, "wrong");
	check("strstr", strstr(p, "ca") == p+2 && strstr(p, "x") == nil && strstr(p, "") == p, "wrong");
	p = strdup("dup");
	checkstr("strdup", p, "dup");
	free(p);
	check("cistrcmp", cistrcmp("HeLLo", "hello") == 0 && cistrcmp("a", "B") < 0, "wrong");
	check("cistrncmp", cistrncmp("HELLOx", "helloy", 5) == 0 && cistrncmp("ab", "AC", 2) < 0, "wrong");
	sorting();
	memwords();
	return checkstatus();
}
