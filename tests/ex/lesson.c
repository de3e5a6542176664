/* The exercise tests' harness: see lesson.h.  The channel protocol, one
 * record per line, each line starting with the run's token:
 *
 *   TOKEN B <count>             the harness starts, with this many cases
 *   TOKEN S <i> <name>          case i (from 1) starts
 *   TOKEN M <i> <text>          a lesson message of case i
 *   TOKEN L <i> <ms> <text>     case i asks to be stopped after ms (the
 *                               tightest limit of a case holds until it
 *                               ends: code under test can call
 *                               lesson_limit() too, and gains nothing)
 *   TOKEN R <i> pass|fail       case i ended (pass: its body returned and
 *                               cmocka counted no failure)
 *   TOKEN C <i>                 stdout or stderr was closed or replaced
 *                               during case i
 *   TOKEN E <failed>            every case ran
 *
 * Text is one line: a newline is written as \n and a backslash as \\.
 * src/grade_results.c reads it. */

#include "lesson.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define LESSON_TOKEN_MAX 64
#define LESSON_LINE_MAX 2048

/* The harness's one piece of state: the channel of this process.  The
 * cases are cmocka callbacks without a context pointer of ours, so it
 * cannot be passed down. */
static struct {
    int fd;            /* -1 without a grader */
    char token[LESSON_TOKEN_MAX];
    size_t current;    /* the case running, from 1; 0 between cases */
    CMUnitTestFunction body; /* its test function (lesson_body()) */
    bool returned;     /* ... which returned */
    struct stat out[2];/* what stdout and stderr were at the start */
    bool out_gone;     /* ... and are no more */
} lesson_chan = {.fd = -1};

static void lesson_write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(lesson_chan.fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* the grader is gone: nothing to tell */
        p += w;
        n -= (size_t)w;
    }
}

/* Appends text to line[*len..cap) with newlines and backslashes escaped. */
static void lesson_escape(char *line, size_t *len, size_t cap,
                          const char *text)
{
    for (; *text != '\0' && *len + 3 < cap; text++) {
        if (*text == '\n' || *text == '\\') {
            line[(*len)++] = '\\';
            line[(*len)++] = *text == '\n' ? 'n' : '\\';
        } else {
            line[(*len)++] = *text;
        }
    }
}

/* One record: the token, head (already formatted) and text, escaped. */
static void lesson_record(const char *head, const char *text)
{
    if (lesson_chan.fd < 0)
        return;
    char line[LESSON_LINE_MAX];
    int n = snprintf(line, sizeof line, "%s %s", lesson_chan.token, head);
    if (n < 0 || (size_t)n >= sizeof line)
        return;
    size_t len = (size_t)n;
    if (len + 2 > sizeof line)
        return; /* no room for the separator and the newline */
    if (text != NULL) {
        line[len++] = ' ';
        lesson_escape(line, &len, sizeof line, text);
    }
    line[len++] = '\n';
    lesson_write_all(line, len);
}

/* Formats a message into msg and records it under head. */
static void lesson_vrecord(char *msg, size_t cap, const char *head,
                           const char *fmt, va_list ap)
{
    vsnprintf(msg, cap, fmt, ap);
    lesson_record(head, msg);
}

void lesson_fail(const char *fmt, ...)
{
    char msg[LESSON_LINE_MAX / 2], head[32];
    snprintf(head, sizeof head, "M %zu", lesson_chan.current);
    va_list ap;
    va_start(ap, fmt);
    lesson_vrecord(msg, sizeof msg, head, fmt, ap);
    va_end(ap);
    fail_msg("%s", msg);
    abort(); /* not reached: fail_msg() jumps back into cmocka */
}

void lesson_limit(double seconds, const char *fmt, ...)
{
    char msg[LESSON_LINE_MAX / 2], head[64];
    snprintf(head, sizeof head, "L %zu %lld", lesson_chan.current,
             (long long)(seconds * 1000));
    va_list ap;
    va_start(ap, fmt);
    lesson_vrecord(msg, sizeof msg, head, fmt, ap);
    va_end(ap);
}

/* The channel the grader announced, moved to a close-on-exec descriptor
 * well above the ones tests open; the variables are removed, so that code
 * under test does not find them by accident. */
static bool lesson_open_channel(void)
{
    const char *fd_s = getenv("STAGEKIT_RESULT_FD");
    const char *tok = getenv("STAGEKIT_RESULT_TOKEN");
    if (fd_s == NULL || tok == NULL || strlen(tok) >= LESSON_TOKEN_MAX)
        return false;
    char *end;
    long fd = strtol(fd_s, &end, 10);
    if (*end != '\0' || fd < 0 || fd > 1 << 20)
        return false;
    int moved = fcntl((int)fd, F_DUPFD_CLOEXEC, 200);
    if (moved < 0)
        return false;
    close((int)fd);
    lesson_chan.fd = moved;
    strcpy(lesson_chan.token, tok);
    /* unsetenv() alone leaves the strings where /proc/self/environ
     * shows them: blank them first. */
    memset((char *)tok, 'x', strlen(tok));
    memset((char *)fd_s, 'x', strlen(fd_s));
    unsetenv("STAGEKIT_RESULT_FD");
    unsetenv("STAGEKIT_RESULT_TOKEN");
    return true;
}

static int lesson_list(const struct CMUnitTest *tests, size_t count)
{
    for (size_t i = 0; i < count; i++)
        printf("%s\n", tests[i].name);
    return fflush(stdout) == 0 ? 0 : 1;
}

static bool lesson_same_file(int fd, const struct stat *was)
{
    struct stat now;
    return fstat(fd, &now) == 0 && now.st_dev == was->st_dev &&
           now.st_ino == was->st_ino;
}

/* Whether the case just run closed or replaced stdout or stderr, which
 * the grader reads (said once, for the first such case). */
static void lesson_check_output(size_t i)
{
    if (lesson_chan.out_gone || (lesson_same_file(1, &lesson_chan.out[0]) &&
                                 lesson_same_file(2, &lesson_chan.out[1])))
        return;
    lesson_chan.out_gone = true;
    char head[32];
    snprintf(head, sizeof head, "C %zu", i);
    lesson_record(head, NULL);
}

/* The case's test function, run by cmocka.  A case passes only when its
 * body returned: cmocka counts a skip (_skip(), which code under test can
 * call) as no failure, and the body never returns from one. */
static void lesson_body(void **state)
{
    lesson_chan.body(state);
    lesson_chan.returned = true;
}

/* One case as a group of its own: cmocka's count of failures is the
 * result, whatever the case printed. */
static int lesson_one(const char *group, const struct CMUnitTest *test,
                      size_t i)
{
    char head[64];
    struct CMUnitTest run = *test;
    snprintf(head, sizeof head, "S %zu", i);
    lesson_chan.current = i;
    lesson_chan.body = test->test_func;
    lesson_chan.returned = false;
    run.test_func = lesson_body;
    lesson_record(head, test->name);
    int failed = _cmocka_run_group_tests(group, &run, 1, NULL, NULL);
    fflush(NULL);
    lesson_check_output(i);
    bool pass = failed == 0 && lesson_chan.returned;
    if (failed == 0 && !pass) {
        snprintf(head, sizeof head, "M %zu", i);
        lesson_record(head, "skipped: the case did not run to its end, and "
                            "a case that is skipped does not pass (is "
                            "cmocka's _skip() called?)");
    }
    snprintf(head, sizeof head, "R %zu %s", i, pass ? "pass" : "fail");
    lesson_record(head, NULL);
    lesson_chan.current = 0;
    return !pass;
}

int lesson_main(const char *group, const struct CMUnitTest *tests,
                size_t count)
{
    if (getenv("STAGEKIT_LIST_CASES") != NULL)
        return lesson_list(tests, count);
    /* Line-buffered stdout keeps each message printed on stderr next to
     * its case's TAP line when both go to one pipe. */
    setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
    if (!lesson_open_channel())
        return _cmocka_run_group_tests(group, tests, count, NULL, NULL);
    fstat(1, &lesson_chan.out[0]);
    fstat(2, &lesson_chan.out[1]);
    char head[32];
    snprintf(head, sizeof head, "B %zu", count);
    lesson_record(head, NULL);
    int failed = 0;
    for (size_t i = 0; i < count; i++)
        failed += lesson_one(group, &tests[i], i + 1);
    snprintf(head, sizeof head, "E %d", failed);
    lesson_record(head, NULL);
    return failed;
}
