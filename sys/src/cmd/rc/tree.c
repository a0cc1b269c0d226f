#include <u.h>
#include <libc.h>
#include "dat.h"
#include "fns.h"

/* Building, copying and freeing parse trees. */

Tree*
newtree(int type, Tree *k0, Tree *k1, Tree *k2)
{
	Tree *t;

	t = emalloc(sizeof *t);
	t->type = type;
	t->kid[0] = k0;
	t->kid[1] = k1;
	t->kid[2] = k2;
	return t;
}

/* A word node holding s, which the node now owns. */
Tree*
wordtree(char *s, int quoted)
{
	Tree *t;

	t = newtree(Tword, nil, nil, nil);
	t->str = s;
	t->quoted = quoted;
	return t;
}

/* Append t to the list whose last next pointer is *tail. */
void
appendtree(Tree ***tail, Tree *t)
{
	if(t == nil)
		return;
	**tail = t;
	*tail = &t->next;
}

/* Free t, its children and the rest of its list. */
void
freetree(Tree *t)
{
	Tree *next;
	int i;

	for(; t != nil; t = next){
		next = t->next;
		for(i = 0; i < nelem(t->kid); i++)
			freetree(t->kid[i]);
		free(t->str);
		free(t);
	}
}

/* A deep copy of t and the rest of its list. */
Tree*
copytree(Tree *t)
{
	Tree *list, **tail, *c;
	int i;

	list = nil;
	tail = &list;
	for(; t != nil; t = t->next){
		c = emalloc(sizeof *c);
		*c = *t;
		c->next = nil;
		if(t->str != nil)
			c->str = estrdup(t->str);
		for(i = 0; i < nelem(t->kid); i++)
			c->kid[i] = copytree(t->kid[i]);
		appendtree(&tail, c);
	}
	return list;
}
