#include <u.h>
#include <libc.h>
#include <regexp.h>

/* Programs that can carry on after a bad expression supply their own. */
void
regerror(char *msg)
{
	fprint(2, "regerror: %s\n", msg);
	exits("regerr");
}
