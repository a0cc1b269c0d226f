#include <u.h>
#include <libc.h>

/* ASCII only: bytes above 0x7F are parts of UTF-8 sequences, not letters. */
int
toupper(int c)
{
	if(c >= 'a' && c <= 'z')
		return c - 'a' + 'A';
	return c;
}

int
tolower(int c)
{
	if(c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}
