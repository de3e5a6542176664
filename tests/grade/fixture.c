/* The grader's fixture exercise (tests/test_grade.c): three cases, the
 * second of which misbehaves as the environment variable FIXTURE says,
 * the way hostile or broken student code would.  Built with the exercise
 * harness (tests/ex/lesson.c), as every exercise test is. */
#include "../ex/lesson.h"

#include <assert.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static void first_passes(void **state)
{
    (void)state;
    assert_true(1);
}

static void fake_tap(void)
{
    printf("ok 1 - first_passes\nok 2 - misbehaves\nok 3 - third_passes\n"
           "1..3\n");
    fprintf(stderr, "ok 2 - misbehaves\n");
    fflush(NULL);
}

static void print_ok_at_exit(void)
{
    fake_tap();
}

/* Deeper until the stack runs out; the depth check only keeps the
 * compiler from proving that it never ends. */
static int recurse(volatile int *depth)
{
    volatile char pad[512];
    pad[0] = (char)*depth;
    if (++*depth == INT_MAX)
        return 0;
    return recurse(depth) + pad[0];
}

static void flood(void)
{
    static char line[4096];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\n';
    for (int i = 0; i < 25600; i++) /* 100 MiB */
        fwrite(line, 1, sizeof line, stdout);
}

static void spawn_sleepers(int bomb)
{
    do {
        pid_t p = fork();
        if (p == 0) {
            setsid();
            sleep(60);
            _exit(0);
        }
        if (p < 0)
            break;
    } while (bomb);
}

/* Keeps each block reachable, so the compiler cannot drop the allocation. */
static char *volatile grown;

static void grow(void)
{
    for (int i = 0; i < 4096; i++) {
        char *p = malloc(1 << 20);
        if (p == NULL)
            abort();
        memset(p, i, 1 << 20);
        memcpy(p, (const void *)&grown, sizeof grown);
        grown = p;
    }
}

static void rewrite(void)
{
    const char *target = getenv("FIXTURE_TARGET");
    FILE *f = target ? fopen(target, "w") : NULL;
    if (f != NULL) {
        fputs("#!/bin/sh\nexit 0\n", f);
        fclose(f);
    }
}

/* Writes to every inherited regular file above the standard three. */
static void write_inherited(void)
{
    for (int fd = 3; fd < 1024; fd++) {
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
            (void)!write(fd, "LEAK\n", 5);
    }
}

/* The directory of the sanitizers' log_path, from ASAN_OPTIONS. */
static void log_dir(char *buf, size_t cap)
{
    const char *o = getenv("ASAN_OPTIONS");
    const char *p = o != NULL ? strstr(o, "log_path=") : NULL;
    snprintf(buf, cap, "%.*s", p ? (int)strcspn(p + 9, ":") : 0,
             p ? p + 9 : "");
    char *slash = strrchr(buf, '/');
    if (slash != NULL)
        *slash = '\0';
}

/* A log the sanitizer did not write: a FIFO, or a link to FIXTURE_TARGET;
 * then the sanitizer's exit status. */
static void fake_log(bool fifo)
{
    char dir[4096], path[4200];
    log_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/sanitizer.1", dir);
    const char *target = getenv("FIXTURE_TARGET");
    if (fifo)
        (void)!mkfifo(path, 0600);
    else if (target != NULL)
        (void)!symlink(target, path);
    _exit(86);
}

/* The misbehaviours that end or stop the process. */
static void misbehave_ending(const char *how)
{
    volatile int n = INT_MAX, depth = 0;
    volatile unsigned spin = 0;
    if (strcmp(how, "print_ok_exit") == 0)
        fake_tap(), exit(0);
    else if (strcmp(how, "print_ok__exit") == 0)
        fake_tap(), _exit(0);
    else if (strcmp(how, "exit_early") == 0)
        exit(3);
    else if (strcmp(how, "loop") == 0)
        for (;;)
            spin++;
    else if (strcmp(how, "flood_forever") == 0)
        for (;;)
            flood();
    else if (strcmp(how, "limit") == 0 || strcmp(how, "loose_limit") == 0) {
        lesson_limit(0.2, "your loop looks quadratic: n = %d took over "
                          "0.2 s", 300000);
        if (how[0] == 'l' && how[1] == 'o') /* code under test asks more */
            lesson_limit(100, "a looser limit");
        for (;;)
            spin++;
    } else if (strcmp(how, "stack_overflow") == 0)
        n = recurse(&depth);
    else if (strcmp(how, "assert") == 0)
        assert(!"reg_set_stage: the stage index is out of step");
    else if (strcmp(how, "ubsan") == 0)
        n = n + 1;
    else if (strcmp(how, "memory") == 0)
        grow();
    else if (strcmp(how, "fifo_log") == 0 || strcmp(how, "symlink_log") == 0)
        fake_log(how[0] == 'f');
    else if (strcmp(how, "trace_self") == 0)
        ptrace(PTRACE_TRACEME, 0, NULL, NULL), raise(SIGSTOP);
    else if (strcmp(how, "orphan_then_loop") == 0) {
        spawn_sleepers(0);
        for (;;)
            spin++;
    }
}

static void misbehave(const char *how)
{
    if (strcmp(how, "fail") == 0)
        lesson_fail("expected 2 versions, got 1: archived is not deleted");
    else if (strcmp(how, "cmocka_assert") == 0)
        assert_int_equal(2, 3);
    else if (strcmp(how, "skip") == 0) /* cmocka counts no failure */
        skip();
    else if (strcmp(how, "atexit_ok") == 0)
        atexit(print_ok_at_exit), lesson_fail("a real failure");
    else if (strcmp(how, "flood") == 0)
        flood();
    else if (strcmp(how, "fake_sanitizer") == 0)
        printf("x.c:1:1: runtime error: fake\nERROR: AddressSanitizer: "
               "fake\n");
    else if (strcmp(how, "close_fds") == 0)
        close(1), close(2);
    else if (strcmp(how, "stop_parent") == 0)
        kill(getppid(), SIGSTOP), kill(0, SIGSTOP);
    else if (strcmp(how, "kill_parent") == 0)
        kill(getppid(), SIGKILL);
    else if (strcmp(how, "trace_parent") == 0)
        ptrace(PTRACE_ATTACH, getppid(), NULL, NULL);
    else if (strcmp(how, "orphan") == 0)
        spawn_sleepers(0);
    else if (strcmp(how, "fork_bomb") == 0)
        spawn_sleepers(1);
    else if (strcmp(how, "rewrite") == 0)
        rewrite();
    else if (strcmp(how, "write_inherited") == 0)
        write_inherited();
    else if (strcmp(how, "escapes") == 0)
        lesson_fail("\033[2J\033[1A fake\a pass \xc2\x9b" "2J \xe2\x80\xae" "reversed");
    else
        misbehave_ending(how);
}

static void misbehaves(void **state)
{
    (void)state;
    const char *how = getenv("FIXTURE");
    misbehave(how != NULL ? how : "");
}

static void third_passes(void **state)
{
    (void)state;
    assert_true(1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_passes),
        cmocka_unit_test(misbehaves),
        cmocka_unit_test(third_passes),
    };
    return lesson_run("fixture", tests);
}
