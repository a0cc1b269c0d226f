#include <u.h>
#include <libc.h>

/*
 * Lexically clean a path in place: no //, no . elements, .. resolved
 * where it can be; "" becomes ".".  A leading #x device name acts as a root.
 */
char*
cleanname(char *name)
{
	char *r, *w, *root, *floor;
	int rooted;

	root = name;
	if(name[0] == '#'){
		/* the device name and its spec run to the first slash */
		root = strchr(name, '/');
		if(root == nil)
			return name;
	}
	rooted = root[0] == '/';
	r = w = root + rooted;
	floor = w;	/* .. may not back up past here */
	while(*r != 0){
		if(r[0] == '/'){
			r++;
		}else if(r[0] == '.' && (r[1] == '/' || r[1] == 0)){
			r++;
		}else if(r[0] == '.' && r[1] == '.' && (r[2] == '/' || r[2] == 0)){
			r += 2;
			if(w > floor){
				while(--w > floor && *w != '/')
					;
			}else if(!rooted){
				if(w != root)
					*w++ = '/';
				*w++ = '.';
				*w++ = '.';
				floor = w;
			}
		}else{
			if(w != root+rooted)
				*w++ = '/';
			while(*r != 0 && *r != '/')
				*w++ = *r++;
		}
	}
	if(w == root && !rooted)
		*w++ = '.';
	*w = 0;
	return name;
}
