/*
 * Plan 9 system calls on Linux, just enough for rc to run as a host
 * program in the smoke test. rc's sources are compiled against the
 * real libc.h with rename.h forced in; this file sees only Linux.
 * Not emulated: notes, /env, rfork's groups, exit status strings
 * (a failing child's status reads "exit N").
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum
{
	OTRUNC	= 16,
	OCEXEC	= 32,
	RFPROC	= 1<<4,
	ERRMAX	= 128,
	DMDIR	= 0x80000000,
};

typedef struct
{
	unsigned long long	path;
	unsigned long	vers;
	unsigned char	type;
} Qid;

typedef struct
{
	unsigned short	type;
	unsigned int	dev;
	Qid	qid;
	unsigned long	mode;
	unsigned long	atime;
	unsigned long	mtime;
	long long	length;
	char	*name;
	char	*uid;
	char	*gid;
	char	*muid;
} Dir;

typedef struct
{
	int	pid;
	unsigned long	time[3];
	char	*msg;
} Waitmsg;

static char errbuf[ERRMAX];

static int
fail(void)
{
	snprintf(errbuf, sizeof errbuf, "%s", strerror(errno));
	return -1;
}

static int
unixmode(int mode)
{
	int m;

	m = mode & 3;
	if(mode & OTRUNC)
		m |= O_TRUNC;
	if(mode & OCEXEC)
		m |= O_CLOEXEC;
	return m;
}

int
p9open(char *name, int mode)
{
	int fd;

	fd = open(name, unixmode(mode));
	return fd < 0 ? fail() : fd;
}

int
p9create(char *name, int mode, unsigned long perm)
{
	int fd;

	fd = open(name, unixmode(mode)|O_CREAT|O_TRUNC, perm & 0777);
	return fd < 0 ? fail() : fd;
}

int
p9dup(int old, int new)
{
	int fd;

	fd = new < 0 ? dup(old) : dup2(old, new);
	return fd < 0 ? fail() : fd;
}

long long
p9seek(int fd, long long off, int whence)
{
	return lseek(fd, off, whence);
}

int
p9remove(char *name)
{
	return remove(name) < 0 ? fail() : 0;
}

int
p9rfork(int flag)
{
	int pid;

	if((flag & RFPROC) == 0)
		return 0;
	pid = fork();
	return pid < 0 ? fail() : pid;
}

int
p9exec(char *name, char *argv[])
{
	execv(name, argv);
	return fail();
}

void
p9exits(char *s)
{
	exit(s != NULL && *s != 0);
}

Waitmsg*
p9wait(void)
{
	Waitmsg *w;
	int status, pid;

	pid = wait(&status);
	if(pid < 0){
		fail();
		return NULL;
	}
	w = calloc(1, sizeof *w + 32);
	w->pid = pid;
	w->msg = (char*)(w+1);
	if(WIFEXITED(status) && WEXITSTATUS(status) != 0)
		snprintf(w->msg, 32, "exit %d", WEXITSTATUS(status));
	else if(WIFSIGNALED(status))
		snprintf(w->msg, 32, "signal %d", WTERMSIG(status));
	return w;
}

Dir*
p9dirstat(char *name)
{
	struct stat st;
	Dir *d;

	if(stat(name, &st) < 0){
		fail();
		return NULL;
	}
	d = calloc(1, sizeof *d);
	d->mode = st.st_mode & 0777;
	if(S_ISDIR(st.st_mode))
		d->mode |= DMDIR;
	d->name = d->uid = d->gid = d->muid = "";
	return d;
}

/* All of a directory at once, in one allocation as on Plan 9; then 0. */
long
p9dirread(int fd, Dir **dp)
{
	DIR *dir;
	struct dirent *e;
	struct stat st;
	unsigned long mode[1024];
	char *names, *p;
	size_t len;
	FILE *f;
	Dir *d;
	long n, i;

	if(lseek(fd, 0, SEEK_CUR) != 0)
		return 0;
	dir = fdopendir(dup(fd));
	if(dir == NULL)
		return fail();
	f = open_memstream(&names, &len);
	for(n = 0; n < 1024 && (e = readdir(dir)) != NULL; n++){
		mode[n] = 0;
		if(fstatat(dirfd(dir), e->d_name, &st, 0) == 0){
			mode[n] = st.st_mode & 0777;
			if(S_ISDIR(st.st_mode))
				mode[n] |= DMDIR;
		}
		fwrite(e->d_name, 1, strlen(e->d_name)+1, f);
	}
	fclose(f);
	closedir(dir);
	lseek(fd, 1, SEEK_SET);
	d = calloc(1, n*sizeof *d + len);
	p = memcpy((char*)(d+n), names, len);
	free(names);
	for(i = 0; i < n; i++){
		d[i].mode = mode[i];
		d[i].name = p;
		d[i].uid = d[i].gid = d[i].muid = "";
		p += strlen(p)+1;
	}
	*dp = d;
	return n;
}

int
p9notify(void (*f)(void*, char*))
{
	return 0;
}

int
p9noted(int v)
{
	exit(1);
}

int
p9errstr(char *buf, unsigned n)
{
	char tmp[ERRMAX];

	snprintf(tmp, sizeof tmp, "%s", errbuf);
	snprintf(errbuf, sizeof errbuf, "%s", buf);
	snprintf(buf, n, "%s", tmp);
	return 0;
}

void
p9rerrstr(char *buf, unsigned n)
{
	snprintf(buf, n, "%s", errbuf);
}

int
p9fd2path(int fd, char *buf, int n)
{
	char link[64];
	long r;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	r = readlink(link, buf, n-1);
	if(r < 0)
		return fail();
	buf[r] = 0;
	return 0;
}

extern int chartorune(unsigned int*, char*);

char*
utfrune(char *s, long c)
{
	unsigned int r;
	int n;

	for(; *s != 0; s += n){
		n = chartorune(&r, s);
		if(r == c)
			return s;
	}
	return NULL;
}

/* Plan 9's %r: the error string. */
static char*
expandr(char *fmt)
{
	char *out, *p;
	size_t n;
	FILE *f;

	f = open_memstream(&out, &n);
	for(p = fmt; *p != 0; p++){
		if(p[0] == '%' && p[1] == 'r'){
			for(char *e = errbuf; *e != 0; e++){
				if(*e == '%')
					fputc('%', f);
				fputc(*e, f);
			}
			p++;
		}else
			fputc(*p, f);
	}
	fclose(f);
	return out;
}

char*
p9vsmprint(char *fmt, va_list arg)
{
	char *f, *s;

	f = expandr(fmt);
	if(vasprintf(&s, f, arg) < 0)
		s = NULL;
	free(f);
	return s;
}

char*
p9smprint(char *fmt, ...)
{
	va_list arg;
	char *s;

	va_start(arg, fmt);
	s = p9vsmprint(fmt, arg);
	va_end(arg);
	return s;
}

int
p9snprint(char *buf, int n, char *fmt, ...)
{
	va_list arg;
	char *s;

	va_start(arg, fmt);
	s = p9vsmprint(fmt, arg);
	va_end(arg);
	snprintf(buf, n, "%s", s);
	free(s);
	return strlen(buf);
}

int
p9fprint(int fd, char *fmt, ...)
{
	va_list arg;
	char *s;
	int n;

	va_start(arg, fmt);
	s = p9vsmprint(fmt, arg);
	va_end(arg);
	n = write(fd, s, strlen(s));
	free(s);
	return n;
}

char *argv0;
extern void p9main(int, char**);

int
main(int argc, char **argv)
{
	p9main(argc, argv);
	return 0;
}
