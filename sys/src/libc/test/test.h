/* Reporting for host tests: one line per check, failures counted for the exit status. */
extern	int	failures;
extern	void	check(int, char*, char*, ...);
extern	void	checkstr(char*, char*, char*);
extern	int	done(void);
extern	void	exit(int);

/* a test sets abortarmed after __builtin_setjmp(abortjmp) to catch abort() */
extern	void	*abortjmp[5];
extern	int	abortarmed;

/* bytes the allocator has taken from the test's sbrk */
extern	ulong	arenaused;
