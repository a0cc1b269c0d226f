/*
 * Forced into every host-test compilation (library sources and tests alike)
 * so that our functions do not collide with the host C library's.
 */
#define memmove	p9memmove
#define memcpy	p9memcpy
#define memset	p9memset
#define memcmp	p9memcmp
#define memchr	p9memchr
#define memccpy	p9memccpy
#define strlen	p9strlen
#define strcmp	p9strcmp
#define strncmp	p9strncmp
#define strcpy	p9strcpy
#define strncpy	p9strncpy
#define strcat	p9strcat
#define strchr	p9strchr
#define strrchr	p9strrchr
#define strstr	p9strstr
#define strdup	p9strdup
#define atoi	p9atoi
#define atol	p9atol
#define atoll	p9atoll
#define strtol	p9strtol
#define strtoul	p9strtoul
#define strtoll	p9strtoll
#define strtoull	p9strtoull
#define abs	p9abs
#define qsort	p9qsort
#define malloc	p9malloc
#define mallocz	p9mallocz
#define free	p9free
#define realloc	p9realloc
#define calloc	p9calloc
#define msize	p9msize
#define sbrk	testsbrk
#define abort	testabort
