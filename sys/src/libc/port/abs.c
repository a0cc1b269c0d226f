#include <u.h>
#include <libc.h>

int
abs(int a)
{
	return a < 0 ? -a : a;
}
