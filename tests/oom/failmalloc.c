/* failmalloc: an LD_PRELOAD library that makes a real process run out of
 * memory at a chosen allocation, for tests/oom/oom.sh (issue 13).
 *
 *   FAILMALLOC_AT=N      allocation N (counted from 0) and every later one
 *                        fail, as when memory stays exhausted: malloc,
 *                        calloc and realloc return NULL with errno ENOMEM
 *   FAILMALLOC_ONCE=1    only allocation N fails, as under a passing
 *                        pressure (what a program does after it shows)
 *   FAILMALLOC_COUNT=F   at exit, the number of allocations made goes to
 *                        the file F (how many there are to fail)
 *
 * Counting starts in this library's constructor, after the dynamic loader
 * and the C library have set themselves up, so that N names the same
 * allocation in every run of the same command.  The constructor also
 * removes LD_PRELOAD and these variables from the environment: a child
 * the program starts (a graded test, gnuplot, make) runs normally.
 *
 * glibc's own functions (fopen, strdup, open_memstream) call these, so
 * their allocations fail too; glibc documents this replacement ("Replacing
 * malloc" in its manual).  The real allocator is reached through its
 * __libc_ names, which needs no dlsym (which itself allocates).  A plain
 * build only: ASan and valgrind bring their own malloc. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *p, size_t size);
void __libc_free(void *p);

/* The library's state: one process, one thread (the kit's programs). */
static long fm_at = -1;    /* the first allocation to fail; -1: none */
static bool fm_once;       /* only that one */
static long fm_count;      /* allocations so far */
static bool fm_armed;      /* counting has started */
static char fm_report[4096];

__attribute__((constructor)) static void fm_start(void)
{
    const char *at = getenv("FAILMALLOC_AT");
    const char *report = getenv("FAILMALLOC_COUNT");
    const char *once = getenv("FAILMALLOC_ONCE");
    if (at != NULL && at[0] != '\0')
        fm_at = strtol(at, NULL, 10);
    fm_once = once != NULL && once[0] == '1';
    if (report != NULL)
        snprintf(fm_report, sizeof fm_report, "%s", report);
    unsetenv("LD_PRELOAD");
    unsetenv("FAILMALLOC_AT");
    unsetenv("FAILMALLOC_COUNT");
    unsetenv("FAILMALLOC_ONCE");
    fm_armed = true;
}

/* Written with write(2): stdio may need the memory that ran out. */
__attribute__((destructor)) static void fm_stop(void)
{
    if (fm_report[0] == '\0')
        return;
    char line[32];
    int n = snprintf(line, sizeof line, "%ld\n", fm_count);
    int fd = open(fm_report, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0)
        return;
    if (write(fd, line, (size_t)n) != n)
        (void)unlink(fm_report); /* a count cut short is no count */
    close(fd);
}

/* Counts one allocation; whether it fails. */
static bool fm_fails(void)
{
    if (!fm_armed)
        return false;
    long n = fm_count++;
    if (fm_at < 0 || n < fm_at || (fm_once && n > fm_at))
        return false;
    errno = ENOMEM;
    return true;
}

void *malloc(size_t size)
{
    return fm_fails() ? NULL : __libc_malloc(size);
}

void *calloc(size_t count, size_t size)
{
    return fm_fails() ? NULL : __libc_calloc(count, size);
}

void *realloc(void *p, size_t size)
{
    if (p != NULL && size == 0) { /* a free, which cannot fail */
        __libc_free(p);
        return NULL;
    }
    return fm_fails() ? NULL : __libc_realloc(p, size);
}

void free(void *p)
{
    __libc_free(p);
}
