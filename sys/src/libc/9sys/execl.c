#include <u.h>
#include <libc.h>

/* exec(name, args) with the arguments listed, ending in nil. */
int
execl(char *name, ...)
{
	va_list args;
	int n;

	va_start(args, name);
	for(n = 0; va_arg(args, char*) != nil; n++)
		;
	va_end(args);

	char *argv[n+1];
	va_start(args, name);
	for(n = 0; (argv[n] = va_arg(args, char*)) != nil; n++)
		;
	va_end(args);
	return exec(name, argv);
}
