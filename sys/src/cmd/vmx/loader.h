/*
 * Kernel-image loaders for vmx(1).
 *
 * The monitor fills in a Load (guest RAM, memory map, command line,
 * modules) and hands it with the image to loadkernel, which tries
 * each entry of loaders[] in turn: the first whose probe accepts the
 * image places it and everything the guest needs in guest RAM and
 * lists the initial vCPU state as assignments to #X regs names.
 *
 * Guest RAM: ram[a] is guest-physical a for a < ramsize. Loaders only
 * write below 4G, inside RAM ranges of the map, so with a PCI hole the
 * RAM above 4G need not be part of ram[].
 *
 * Errors: a load returns nil or a static string saying what was wrong
 * with the image; a malformed image never makes a loader read outside
 * the image or write outside guest RAM.
 */

typedef struct Bootmod Bootmod;
typedef struct Load Load;
typedef struct Loader Loader;
typedef struct Memrange Memrange;
typedef struct Placed Placed;
typedef struct Reg Reg;

enum {
	/* memory map types, as multiboot numbers them */
	Memram		= 1,
	Memreserved	= 2,

	Maxregs		= 64,
	Maxplaced	= 64,
	Maxmods		= 16,

	Uppermem	= 1<<20,	/* where multiboot's mem_upper counts from */
};

struct Memrange {
	uvlong	base;
	uvlong	len;
	int	type;
};

struct Bootmod {
	char	*name;	/* passed to the guest as the module's string */
	uchar	*data;
	usize	len;
};

/* What a piece of guest memory holds. */
enum {
	Pimage,
	Pmodule,
	Pinfo,
	Ppagetables,
};

/* One piece of guest memory a loader filled, for checks and listings. */
struct Placed {
	int	kind;
	uvlong	base;
	uvlong	len;
};

/* An initial register value, named as in #X regs. */
struct Reg {
	char	*name;
	uvlong	val;
};

struct Load {
	/* from the monitor */
	uchar	*ram;
	uvlong	ramsize;
	Memrange *map;
	int	nmap;
	char	*cmdline;
	Bootmod	*mods;
	int	nmods;

	/* from the loader */
	Reg	regs[Maxregs];
	int	nregs;
	Placed	placed[Maxplaced];
	int	nplaced;
	uvlong	top;	/* end of the highest piece placed so far */
};

struct Loader {
	char	*name;
	int	(*probe)(uchar *image, usize len);
	char*	(*load)(Load *l, uchar *image, usize len);
};

extern Loader loaders[];
extern char loadername[];	/* what multiboot kernels are told loaded them */

/* load.c: the table and what every loader shares */
Loader*	findloader(uchar *image, usize len);
char*	loadkernel(Load *l, uchar *image, usize len);
int	pcmemmap(Memrange *map, int max, uvlong ramsize);
u32int	ramkb(Load *l, uvlong base);
char*	piecename(int kind);
char*	place(Load *l, int kind, uvlong addr, uchar *data, usize n, uvlong memsz);
char*	placenew(Load *l, int kind, uchar *data, usize n, uvlong align, uvlong *addr);
void	setreg(Load *l, char *name, uvlong val);
uvlong	getreg(Load *l, char *name);
void	flatmode(Load *l, uvlong pc);
char*	longmode(Load *l, uvlong pc);
u16int	get16(uchar *p);
u32int	get32(uchar *p);
u64int	get64(uchar *p);
void	put16(uchar *p, u16int v);
void	put32(uchar *p, u32int v);
void	put64(uchar *p, u64int v);

/* elf.c: program-header loading shared by the ELF-based loaders */
int	iself(uchar *image, usize len);
char*	elfload(Load *l, uchar *image, usize len, uvlong *entry, int *is64);

/* multiboot.c: also used by multiboot 2 and by plain ELF kernels */
char*	placeaout(Load *l, uchar *image, usize len, usize hdroff, u32int *addrs, uvlong *entry);
char*	placemods(Load *l, uvlong *addrs);
char*	mb1enter(Load *l, uvlong entry, int is64);

/* the loaders */
int	mb1probe(uchar*, usize);
char*	mb1load(Load*, uchar*, usize);
int	mb2probe(uchar*, usize);
char*	mb2load(Load*, uchar*, usize);
int	elfprobe(uchar*, usize);
char*	elfboot(Load*, uchar*, usize);
