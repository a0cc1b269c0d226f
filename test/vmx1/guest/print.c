/*
 * Formatted output to COM1 with Plan 9 verbs: %d and %x with flags
 * u (unsigned), l (long) and ll (vlong); %s, %c.
 */
#include <u.h>
#include "guest.h"

int nfailed;

static void
puts(char *s)
{
	for(; *s != 0; s++)
		uartputc(*s);
}

static void
putnum(uvlong v, int base, int neg)
{
	char buf[24];
	int i;

	i = sizeof buf;
	buf[--i] = 0;
	do{
		buf[--i] = "0123456789abcdef"[v % base];
		v /= base;
	}while(v != 0);
	if(neg)
		buf[--i] = '-';
	puts(buf+i);
}

static void
vprint(char *fmt, va_list ap)
{
	int longs, unsig;
	uvlong u;
	vlong v;

	for(; *fmt != 0; fmt++){
		if(*fmt != '%'){
			uartputc(*fmt);
			continue;
		}
		longs = unsig = 0;
		for(fmt++; *fmt == 'l' || *fmt == 'u'; fmt++)
			if(*fmt == 'l')
				longs++;
			else
				unsig = 1;
		switch(*fmt){
		case 'd':
		case 'x':
			if(*fmt == 'x')
				unsig = 1;
			if(longs >= 2)
				v = va_arg(ap, vlong);
			else if(longs == 1)
				v = unsig ? (vlong)va_arg(ap, ulong) : va_arg(ap, long);
			else
				v = unsig ? (vlong)va_arg(ap, uint) : va_arg(ap, int);
			u = v;
			if(*fmt == 'x')
				putnum(u, 16, 0);
			else if(!unsig && v < 0)
				putnum(-u, 10, 1);
			else
				putnum(u, 10, 0);
			break;
		case 's':
			puts(va_arg(ap, char*));
			break;
		case 'c':
			uartputc(va_arg(ap, int));
			break;
		case 0:
			return;
		default:
			uartputc(*fmt);
		}
	}
}

void
print(char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

/* One line for the harness: "ok NAME" or "not ok NAME: why". */
void
check(char *name, int ok, char *fmt, ...)
{
	va_list ap;

	if(ok){
		print("ok %s\n", name);
		return;
	}
	nfailed++;
	print("not ok %s: ", name);
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	print("\n");
}
