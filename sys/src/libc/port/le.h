/* Little-endian fields of 9P messages and stat records. */
#define	GBIT8(p)	((p)[0])
#define	GBIT16(p)	((p)[0] | (p)[1]<<8)
#define	GBIT32(p)	((u32int)((p)[0] | (p)[1]<<8 | (p)[2]<<16 | (u32int)(p)[3]<<24))
#define	GBIT64(p)	(GBIT32(p) | (u64int)GBIT32((p)+4)<<32)
#define	PBIT8(p, v)	((p)[0] = (v))
#define	PBIT16(p, v)	((p)[0] = (v), (p)[1] = (v)>>8)
#define	PBIT32(p, v)	((p)[0] = (v), (p)[1] = (v)>>8, (p)[2] = (v)>>16, (p)[3] = (v)>>24)
#define	PBIT64(p, v)	(PBIT32(p, (u32int)(v)), PBIT32((p)+4, (u64int)(v)>>32))
