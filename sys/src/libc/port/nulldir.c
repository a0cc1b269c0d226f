#include <u.h>
#include <libc.h>

/* A Dir whose every field means "don't change" to wstat. */
void
nulldir(Dir *d)
{
	memset(d, ~0, sizeof(Dir));
	d->name = d->uid = d->gid = d->muid = "";
}
