/* Host implementations of the shim's Plan 9 calls. */
#include <u.h>
#include <libc.h>

void
exits(char *s)
{
	exit(s != nil && *s != 0);
}

/* UTF-8 decoding; malformed input yields Runeerror for one byte. */
int
chartorune(Rune *r, char *s)
{
	uchar *p;
	int n, i;
	Rune min;

	p = (uchar*)s;
	if(p[0] < 0x80){
		*r = p[0];
		return 1;
	}
	if((p[0] & 0xE0) == 0xC0){
		n = 2;
		*r = p[0] & 0x1F;
		min = 0x80;
	}else if((p[0] & 0xF0) == 0xE0){
		n = 3;
		*r = p[0] & 0x0F;
		min = 0x800;
	}else if((p[0] & 0xF8) == 0xF0){
		n = 4;
		*r = p[0] & 0x07;
		min = 0x10000;
	}else{
		*r = Runeerror;
		return 1;
	}
	for(i = 1; i < n; i++){
		if((p[i] & 0xC0) != 0x80){
			*r = Runeerror;
			return 1;
		}
		*r = *r<<6 | (p[i] & 0x3F);
	}
	if(*r < min){
		*r = Runeerror;
		return 1;
	}
	return n;
}
