/*
 * Basic types, shared by the kernel, libc and every program.
 * LP64: long and pointers are 64 bits.
 */
#define nil		((void*)0)

typedef unsigned char	uchar;
typedef unsigned short	ushort;
typedef unsigned int	uint;
typedef unsigned long	ulong;
typedef signed char	schar;
typedef long long	vlong;
typedef unsigned long long uvlong;
typedef unsigned long	uintptr;
typedef unsigned long	usize;
typedef long		intptr;
typedef unsigned int	Rune;

typedef unsigned char	u8int;
typedef unsigned short	u16int;
typedef unsigned int	u32int;
typedef unsigned long long u64int;
typedef signed char	s8int;
typedef short		s16int;
typedef int		s32int;
typedef long long	s64int;

typedef __builtin_va_list va_list;
#define va_start(v, l)	__builtin_va_start(v, l)
#define va_arg(v, t)	__builtin_va_arg(v, t)
#define va_end(v)	__builtin_va_end(v)
#define va_copy(d, s)	__builtin_va_copy(d, s)

#define USED(x)		((void)(x))
#define SET(x)		((void)(x))
#define nelem(a)	(sizeof(a)/sizeof((a)[0]))
#define offsetof(t, f)	__builtin_offsetof(t, f)
