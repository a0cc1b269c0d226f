/*
 * Forced into rc's sources for the smoke test: the Plan 9 calls
 * that differ from Linux's go to posix/posix.c instead.
 */
#define main	p9main
#define open	p9open
#define create	p9create
#define dup	p9dup
#define exec	p9exec
#define wait	p9wait
#define seek	p9seek
#define rfork	p9rfork
#define exits	p9exits
#define remove	p9remove
#define dirstat	p9dirstat
#define dirread	p9dirread
#define notify	p9notify
#define noted	p9noted
#define errstr	p9errstr
#define rerrstr	p9rerrstr
#define fd2path	p9fd2path
#define fprint	p9fprint
#define snprint	p9snprint
#define smprint	p9smprint
#define vsmprint	p9vsmprint
