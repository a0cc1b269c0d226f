/*
 * A test's checks, one line each as test/run counts them: "ok NAME",
 * or "not ok NAME: why" with why formatted from fmt. hostcheck.c
 * prints them for the host tests (fmt in the host's printf verbs),
 * check.c for programs on our kernel (fmt in print's).
 */
void	check(char *name, int ok, char *fmt, ...);
int	checkstatus(void);	/* 1 if a check failed, else 0 */
