#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/*
 * Globbing: words with marked metacharacters become the sorted
 * names that match, or themselves (unmarked) if none do.
 * Each / separated component is matched against a directory's
 * entries; dirread gives every entry of a union directory.
 */

typedef struct Names Names;
struct Names
{
	char	**s;
	int	n;
	int	max;
};

static void
addname(Names *m, char *s)
{
	if(m->n == m->max){
		m->max = 2*m->max + 16;
		m->s = erealloc(m->s, m->max*sizeof m->s[0]);
	}
	m->s[m->n++] = s;
}

static int
exists(char *name)
{
	Dir *d;

	d = dirstat(name);
	if(d == nil)
		return 0;
	free(d);
	return 1;
}

static char*
pathjoin(char *dir, char *name, int len)
{
	Str s;

	strinit(&s);
	stradd(&s, dir);
	straddn(&s, name, len);
	return strfinish(&s);
}

/* Add to m the names matching pat in dir ("" or ending in /). */
static void
globdir(Names *m, char *dir, char *pat)
{
	char *slash, *comp, *path;
	Dir *d;
	long i, n;
	int fd, len;

	slash = strchr(pat, '/');
	len = slash != nil ? slash-pat : strlen(pat);
	if(memchr(pat, Globmark, len) == nil){
		path = pathjoin(dir, pat, slash != nil ? len+1 : len);
		if(slash != nil)
			globdir(m, path, slash+1);
		else if(exists(path)){
			addname(m, path);
			return;
		}
		free(path);
		return;
	}
	fd = open(*dir != 0 ? dir : ".", OREAD);
	if(fd < 0)
		return;
	comp = pathjoin("", pat, len);
	while((n = dirread(fd, &d)) > 0){
		for(i = 0; i < n; i++){
			if(strcmp(d[i].name, ".") == 0 || strcmp(d[i].name, "..") == 0)
				continue;
			if(!match(d[i].name, comp))
				continue;
			path = pathjoin(dir, d[i].name, strlen(d[i].name));
			if(slash == nil){
				addname(m, path);
				continue;
			}
			if(d[i].mode & DMDIR){
				path = erealloc(path, strlen(path)+2);
				strcat(path, "/");
				globdir(m, path, slash+1);
			}
			free(path);
		}
		free(d);
	}
	free(comp);
	close(fd);
}

static int
namecmp(void *a, void *b)
{
	return strcmp(*(char**)a, *(char**)b);
}

/* Expand each word of list, which is consumed. */
Word*
glob(Word *list)
{
	Word *out, **tail, *w, *next;
	Names m;
	int i;

	out = nil;
	tail = &out;
	for(w = list; w != nil; w = next){
		next = w->next;
		w->next = nil;
		memset(&m, 0, sizeof m);
		if(strchr(w->s, Globmark) != nil)
			globdir(&m, "", w->s);
		if(m.n == 0){
			unmark(w->s);
			*tail = w;
			tail = &w->next;
			continue;
		}
		qsort(m.s, m.n, sizeof m.s[0], namecmp);
		for(i = 0; i < m.n; i++){
			*tail = newword(m.s[i], nil);
			tail = &(*tail)->next;
		}
		free(m.s);
		freewords(w);
	}
	return out;
}
