/* Guest RAM, memory map and images for the loader tests. */
#include <stdio.h>

typedef struct Image Image;
struct Image {
	uchar	*data;
	usize	len;
};

Load*	newload(uvlong ramsize, char *cmdline, Bootmod *mods, int nmods);
void	freeload(Load *l);
Image	readimage(char *dir, char *name);
int	disjoint(Load *l);
