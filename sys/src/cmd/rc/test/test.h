/* Reporting for host tests: one line per check. */
extern	int	failures;
void	check(int, char*, char*, ...);
int	done(void);
