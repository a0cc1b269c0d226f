#include <u.h>
#include <libc.h>

/* Nested formatting for verb implementations; f's current conversion is preserved. */
int
fmtvprint(Fmt *f, char *fmt, va_list args)
{
	va_list saved;
	Rune r;
	int n, width, prec;
	ulong flags;

	r = f->r;
	width = f->width;
	prec = f->prec;
	flags = f->flags;
	va_copy(saved, f->args);
	va_end(f->args);
	va_copy(f->args, args);
	n = dofmt(f, fmt);
	va_end(f->args);
	va_copy(f->args, saved);
	va_end(saved);
	f->r = r;
	f->width = width;
	f->prec = prec;
	f->flags = flags;
	return n;
}

int
fmtprint(Fmt *f, char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = fmtvprint(f, fmt, args);
	va_end(args);
	return n;
}
