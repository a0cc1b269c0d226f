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
long	find32(Image *im, u32int v, int align);
int	disjoint(Load *l);
uvlong	getreg(Load *l, char *name);
int	consistent(Load *l);
