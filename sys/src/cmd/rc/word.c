#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/* Word lists. */

/* A word holding s, which the list now owns. */
Word*
newword(char *s, Word *next)
{
	Word *w;

	w = emalloc(sizeof *w);
	w->s = s;
	w->next = next;
	return w;
}

void
freewords(Word *w)
{
	Word *next;

	for(; w != nil; w = next){
		next = w->next;
		free(w->s);
		free(w);
	}
}

Word*
copywords(Word *w)
{
	Word *list, **tail;

	list = nil;
	tail = &list;
	for(; w != nil; w = w->next){
		*tail = newword(estrdup(w->s), nil);
		tail = &(*tail)->next;
	}
	return list;
}

int
countwords(Word *w)
{
	int n;

	for(n = 0; w != nil; w = w->next)
		n++;
	return n;
}

/* a followed by b; both are consumed. */
Word*
appendwords(Word *a, Word *b)
{
	Word **tail;

	for(tail = &a; *tail != nil; tail = &(*tail)->next)
		;
	*tail = b;
	return a;
}

/* The words joined by sep, as a malloc'd string. */
char*
joinwords(Word *w, char *sep)
{
	Str s;

	strinit(&s);
	for(; w != nil; w = w->next){
		stradd(&s, w->s);
		if(w->next != nil)
			stradd(&s, sep);
	}
	return strfinish(&s);
}
