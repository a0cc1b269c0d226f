#include <u.h>
#include <libc.h>

int
runenlen(Rune *r, int n)
{
	int nb;

	for(nb = 0; n > 0; n--)
		nb += runelen(*r++);
	return nb;
}
