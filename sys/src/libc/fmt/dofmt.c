#include <u.h>
#include <libc.h>
#include "fmtdef.h"

/* 'u' is a flag before one of these, otherwise the verb for unsigned decimal */
static char uflagnext[] = "dioxXbhl";

/* Parse one conversion after the '%'; return the text after it, nil for a truncated one. */
static char*
conversion(Fmt *f, char *fmt)
{
	int *n, v;
	Rune r;

	f->flags = 0;
	f->width = 0;
	f->prec = 0;
	n = &f->width;
	for(;;){
		fmt += chartorune(&r, fmt);
		switch(r){
		case 0:
			return nil;
		case '-':
			f->flags |= FmtLeft;
			break;
		case '+':
			f->flags |= FmtSign;
			break;
		case ' ':
			f->flags |= FmtSpace;
			break;
		case '#':
			f->flags |= FmtSharp;
			break;
		case ',':
			f->flags |= FmtComma;
			break;
		case 'h':
			f->flags |= (f->flags & FmtShort) ? FmtByte : FmtShort;
			break;
		case 'l':
			f->flags |= (f->flags & FmtLong) ? FmtVLong : FmtLong;
			break;
		case 'u':
			if(*fmt == 0 || strchr(uflagnext, *fmt) == nil){
				f->r = r;
				return fmt;
			}
			f->flags |= FmtUnsigned;
			break;
		case '.':
			f->flags |= FmtPrec;
			n = &f->prec;
			break;
		case '*':
			v = va_arg(f->args, int);
			if(n == &f->width){
				f->flags |= FmtWidth;
				if(v < 0){
					f->flags |= FmtLeft;
					v = -v;
				}
			}else if(v < 0){
				f->flags &= ~FmtPrec;
				v = 0;
			}
			*n = v;
			break;
		case '0':
			if(n == &f->width && !(f->flags & FmtWidth)){
				f->flags |= FmtZero;
				break;
			}
			/* fall through */
		case '1': case '2': case '3': case '4': case '5':
		case '6': case '7': case '8': case '9':
			if(n == &f->width)
				f->flags |= FmtWidth;
			*n = *n*10 + r-'0';
			break;
		default:
			f->r = r;
			return fmt;
		}
	}
}

/* Unknown verbs are printed as they were written. */
static int
badfmt(Fmt *f)
{
	char buf[1+UTFmax];
	int n;

	buf[0] = '%';
	n = runetochar(buf+1, &f->r);
	return _fmtputs(f, buf, 1+n);
}

/* Format into f; the number of bytes produced, or -1 if output stopped or a verb failed. */
int
dofmt(Fmt *f, char *fmt)
{
	char *p;
	int start;
	Fmtfn fn;

	start = _fmtcount(f);
	for(;;){
		for(p = fmt; *p != 0 && *p != '%'; p++)
			;
		if(_fmtputs(f, fmt, p-fmt) < 0)
			return -1;
		if(*p == 0)
			break;
		fmt = conversion(f, p+1);
		if(fmt == nil)
			break;
		fn = _fmtlookup(f->r);
		if(fn == nil)
			fn = badfmt;
		if((*fn)(f) < 0)
			return -1;
	}
	return _fmtcount(f) - start;
}
