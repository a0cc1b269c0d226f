#include <u.h>
#include <libc.h>

void
exits(char *msg)
{
	_exits(msg);
}
