/* The strtol family share one parser: it returns the magnitude and reports sign and overflow. */
extern	uvlong	_strtomag(char*, char**, int, int*, int*);
