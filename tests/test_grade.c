/* The grader against hostile and broken exercises: tests/grade/fixture.c
 * misbehaves in its second case as FIXTURE says, and each misbehaviour
 * must get its own classification, end in time and leave no process and
 * no changed file behind, in sandbox mode (where this machine has it) and
 * in fallback mode.  Then the channel's parser on forged records.
 * Usage: test_grade FIXTURE_DIR */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "grade.h"

/* Small, so the looping fixtures cost half a second. */
#define FIXTURE_TIMEOUT 0.5

static const char *fixture_dir;

struct env {
    char fixture[PATH_MAX];
    char cases[PATH_MAX + 32]; /* the fixture's manifest */
    char dir[PATH_MAX];    /* a scratch directory of this test */
    char mark[64];         /* in the environment of every fixture process */
    bool sandbox;          /* this machine can run the sandbox */
};

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof *e);
    if (e == NULL)
        return -1;
    snprintf(e->fixture, sizeof e->fixture, "%s/fixture", fixture_dir);
    snprintf(e->dir, sizeof e->dir, "/tmp/test_grade.XXXXXX");
    if (mkdtemp(e->dir) == NULL)
        return -1;
    snprintf(e->cases, sizeof e->cases, "%s/fixture.cases", e->dir);
    FILE *f = fopen(e->cases, "w");
    if (f == NULL)
        return -1;
    fputs("first_passes\nmisbehaves\nthird_passes\n", f);
    fclose(f);
    snprintf(e->mark, sizeof e->mark, "%ld-%ld", (long)getpid(),
             (long)time(NULL));
    setenv("FIXTURE_MARK", e->mark, 1);
    char why[256];
    e->sandbox = grade_sandbox_available(why, sizeof why);
    if (!e->sandbox && getenv("STAGEKIT_REQUIRE_SANDBOX") != NULL) {
        fprintf(stderr, "no sandbox here (%s), but STAGEKIT_REQUIRE_SANDBOX "
                        "is set\n", why);
        return -1;
    }
    if (!e->sandbox)
        fprintf(stderr, "# no sandbox here (%s): fallback mode only\n", why);
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    remove(e->cases);
    rmdir(e->dir);
    free(e);
    return 0;
}

/* Processes whose environment holds this run's mark: what a fixture left. */
static int leftovers(const struct env *e)
{
    char want[96];
    int n = snprintf(want, sizeof want, "FIXTURE_MARK=%s", e->mark);
    int found = 0;
    DIR *d = opendir("/proc");
    for (struct dirent *de; d != NULL && (de = readdir(d)) != NULL;) {
        if (de->d_name[0] < '1' || de->d_name[0] > '9' ||
            atol(de->d_name) == (long)getpid())
            continue;
        char path[300], buf[65536];
        snprintf(path, sizeof path, "/proc/%s/environ", de->d_name);
        int fd = open(path, O_RDONLY);
        ssize_t len = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
        if (fd >= 0)
            close(fd);
        for (ssize_t i = 0; i + n <= len; i++)
            if (memcmp(buf + i, want, (size_t)n) == 0) {
                found++;
                break;
            }
    }
    if (d != NULL)
        closedir(d);
    return found;
}

/* Runs the fixture misbehaving as `how`, in mode, with the limits (NULL:
 * the defaults with FIXTURE_TIMEOUT); checks that it ends in time and
 * leaves nothing running. */
static void run_as(const struct env *e, const char *how, enum grade_mode mode,
                   const struct grade_limits *l, struct grade_result *r)
{
    struct grade_limits def = grade_limits_default();
    def.timeout_s = FIXTURE_TIMEOUT;
    if (l == NULL)
        l = &def;
    setenv("FIXTURE", how, 1);
    struct kit_error err = {KIT_OK, ""};
    grade_result_init(r);
    assert_int_equal(grade_load_cases(e->cases, r, &err), KIT_OK);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (grade_run(e->fixture, mode, l, r, &err) != KIT_OK)
        fail_msg("grade_run(%s, %s): %s", how, grade_mode_name(mode),
                 err.msg);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) +
               (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (s > l->timeout_s + 3)
        fail_msg("%s in %s mode took %.1f s: the grader must end within the "
                 "timeout and a few seconds",
                 how, grade_mode_name(mode), s);
    int left = leftovers(e);
    if (left != 0)
        fail_msg("%s in %s mode left %d processes running", how,
                 grade_mode_name(mode), left);
    assert_int_equal(r->mode, mode);
}

/* The modes to try here: the sandbox when the machine has it, and the
 * fallback.  Fallback as a plain user cannot stop code that signals or
 * writes as that user (docs/kata.md), so those cases ask for root. */
static size_t modes_for(const struct env *e, bool needs_isolation,
                        enum grade_mode out[2])
{
    size_t n = 0;
    if (e->sandbox)
        out[n++] = GRADE_MODE_SANDBOX;
    if (!needs_isolation || geteuid() == 0)
        out[n++] = GRADE_MODE_FALLBACK;
    return n;
}

/* Checks one run's result; ctx is each_mode()'s. */
typedef void grade_check(const struct grade_result *r, const void *ctx);

/* Each mode: run `how` under the limits (NULL: run_as's) and check it. */
static void each_mode(void **state, const char *how, bool needs_isolation,
                      const struct grade_limits *l, grade_check *check,
                      const void *ctx)
{
    const struct env *e = *state;
    enum grade_mode modes[2];
    size_t n = modes_for(e, needs_isolation, modes);
    for (size_t i = 0; i < n; i++) {
        struct grade_result r;
        run_as(e, how, modes[i], l, &r);
        check(&r, ctx);
        grade_result_free(&r);
    }
}

/* What expect() wants of a run. */
struct want {
    const char *how, *status, *says;
};

static void check_want(const struct grade_result *r, const void *ctx)
{
    const struct want *w = ctx;
    if (strcmp(grade_status_name(r->status), w->status) != 0 ||
        (w->says != NULL && strstr(r->first_failure, w->says) == NULL))
        fail_msg("%s in %s mode: got %s (%s); expected %s with \"%s\"",
                 w->how, grade_mode_name(r->mode),
                 grade_status_name(r->status), r->first_failure, w->status,
                 w->says ? w->says : "");
}

/* Each mode: run `how` and check its status and a part of its message. */
static void expect(void **state, const char *how, bool needs_isolation,
                   const char *status, const char *says)
{
    const struct want w = {how, status, says};
    each_mode(state, how, needs_isolation, NULL, check_want, &w);
}

static void a_pass_is_a_pass(void **state)
{
    expect(state, "pass", false, "pass", NULL);
}

static void a_lesson_failure_is_a_fail_with_its_lesson(void **state)
{
    expect(state, "fail", false, "fail",
           "misbehaves: expected 2 versions, got 1: archived is not deleted");
}

static void a_plain_assertion_brings_cmockas_message(void **state)
{
    expect(state, "cmocka_assert", false, "fail", "0x2 != 0x3");
}

static void printing_ok_then_exit_is_no_pass(void **state)
{
    const char *says = "the tests stopped during case 2 of 3 (misbehaves) "
                       "(exit status 0): does your code call exit()?";
    expect(state, "print_ok_exit", false, "crash", says);
    expect(state, "print_ok__exit", false, "crash", says);
}

static void ok_lines_printed_at_exit_are_no_pass(void **state)
{
    expect(state, "atexit_ok", false, "fail", "misbehaves: a real failure");
}

static void an_early_exit_names_the_case(void **state)
{
    expect(state, "exit_early", false, "crash",
           "during case 2 of 3 (misbehaves) (exit status 3)");
}

static void check_flood(const struct grade_result *r, const void *ctx)
{
    (void)ctx;
    assert_string_equal(grade_status_name(r->status), "pass");
    assert_true(r->output_cut);
    assert_non_null(strstr(r->note, "the rest was cut"));
}

static void a_flood_of_output_is_cut_not_a_crash(void **state)
{
    struct grade_limits l = grade_limits_default();
    each_mode(state, "flood", false, &l, check_flood, NULL);
}

static void printed_sanitizer_words_are_not_a_report(void **state)
{
    expect(state, "fake_sanitizer", false, "pass", NULL);
}

static void check_closed(const struct grade_result *r, const void *ctx)
{
    (void)ctx;
    assert_string_equal(grade_status_name(r->status), "pass");
    assert_true(r->output_closed);
    assert_non_null(strstr(r->note, "closed or replaced stdout or stderr"));
}

static void closing_stdout_and_stderr_is_noted(void **state)
{
    each_mode(state, "close_fds", false, NULL, check_closed, NULL);
}

static void a_loop_times_out_in_its_case(void **state)
{
    expect(state, "loop", false, "timeout",
           "still running after 0.5 s during case 2 of 3 (misbehaves), so "
           "it was stopped: look for a loop that never ends");
}

/* Past the output limit, the hint names printing too. */
static void endless_printing_times_out_and_says_so(void **state)
{
    expect(state, "flood_forever", false, "timeout",
           "a loop that never ends, or printing that never stops");
}

/* The case stopped by its limit ran and failed (the terminal and JUnit
 * list it), with the limit's words. */
static void check_limited(const struct grade_result *r, const void *ctx)
{
    (void)ctx;
    const struct grade_case *c = &r->cases[1];
    if (r->ncases != 3 || !c->ended || c->ok ||
        strstr(c->message, "looks quadratic") == NULL)
        fail_msg("in %s mode the limited case is %s, %s: \"%s\"",
                 grade_mode_name(r->mode), c->ended ? "ended" : "not ended",
                 c->ok ? "ok" : "not ok", c->message);
}

/* What the fixture's lesson_limit() says, as the grade shows it. */
static const char fixture_limit_says[] =
    "misbehaves: your loop looks quadratic: n = 300000 took over";

static void a_lesson_limit_fails_with_its_words(void **state)
{
    expect(state, "limit", false, "fail", fixture_limit_says);
    each_mode(state, "limit", false, NULL, check_limited, NULL);
}

/* Code under test that calls lesson_limit() with more time gains none. */
static void a_looser_limit_changes_nothing(void **state)
{
    expect(state, "loose_limit", false, "fail", fixture_limit_says);
}

/* cmocka counts a skipped case as no failure: it still does not pass. */
static void a_skipped_case_is_no_pass(void **state)
{
    expect(state, "skip", false, "fail",
           "misbehaves: skipped: the case did not run to its end");
}

static void check_overflow(const struct grade_result *r, const void *ctx)
{
    (void)ctx;
    assert_string_equal(grade_status_name(r->status), "crash");
    const char *says = r->sanitized ? "stack overflow during case 2 of 3"
                                    : "Segmentation fault";
    if (strstr(r->first_failure, says) == NULL)
        fail_msg("expected \"%s\" in: %s", says, r->first_failure);
}

static void a_stack_overflow_is_named(void **state)
{
    each_mode(state, "stack_overflow", false, NULL, check_overflow, NULL);
}

static void a_failed_assert_shows_its_text(void **state)
{
    expect(state, "assert", false, "crash",
           "reg_set_stage: the stage index is out of step");
}

/* UBSan is in the sanitizer build only; elsewhere INT_MAX + 1 wraps
 * unnoticed. */
static void check_ubsan(const struct grade_result *r, const void *ctx)
{
    (void)ctx;
    if (!r->sanitized)
        return;
    assert_string_equal(grade_status_name(r->status), "sanitizer");
    assert_non_null(strstr(r->first_failure, "runtime error"));
}

static void a_real_sanitizer_report_is_a_sanitizer(void **state)
{
    each_mode(state, "ubsan", false, NULL, check_ubsan, NULL);
}

/* The grader's own variables win over the same names in its environment:
 * a stale result descriptor, token or cmocka output, and sanitizer
 * options that would hide a report. */
static const char *const callers_vars[][2] = {
    {"STAGEKIT_RESULT_FD", "1"},      {"STAGEKIT_RESULT_TOKEN", "forged"},
    {"CMOCKA_MESSAGE_OUTPUT", "XML"}, {"CMOCKA_XML_FILE", "/dev/null"},
    {"UBSAN_OPTIONS", "exitcode=0"},  {"ASAN_OPTIONS", "exitcode=0"},
};
#define CALLERS_VARS (sizeof callers_vars / sizeof callers_vars[0])

static int unset_callers_vars(void **state)
{
    (void)state;
    for (size_t i = 0; i < CALLERS_VARS; i++)
        unsetenv(callers_vars[i][0]);
    return 0;
}

static void the_callers_environment_cannot_redirect_results(void **state)
{
    for (size_t i = 0; i < CALLERS_VARS; i++)
        setenv(callers_vars[i][0], callers_vars[i][1], 1);
    expect(state, "fail", false, "fail",
           "misbehaves: expected 2 versions, got 1: archived is not deleted");
    each_mode(state, "ubsan", false, NULL, check_ubsan, NULL);
}

static void stopping_the_grader_is_not_possible(void **state)
{
    expect(state, "stop_parent", true, "crash",
           "the tests stopped themselves during case 2 of 3");
}

static void killing_or_tracing_the_grader_is_not_possible(void **state)
{
    expect(state, "kill_parent", true, "pass", NULL);
    expect(state, "trace_parent", true, "pass", NULL);
}

static void an_orphan_dies_with_its_exercise(void **state)
{
    expect(state, "orphan", false, "pass", NULL);
}

/* Under the process limit; what it leaves must not break the next run. */
static void a_fork_bomb_is_contained(void **state)
{
    const struct env *e = *state;
    enum grade_mode modes[2];
    size_t n = modes_for(e, true, modes);
    struct grade_limits l = grade_limits_default();
    l.timeout_s = 3;
    l.processes = 32;
    for (size_t i = 0; i < n; i++) {
        struct grade_result r;
        run_as(e, "fork_bomb", modes[i], &l, &r);
        grade_result_free(&r);
        run_as(e, "pass", modes[i], &l, &r);
        assert_string_equal(grade_status_name(r.status), "pass");
        grade_result_free(&r);
    }
}

static void check_crash(const struct grade_result *r, const void *ctx)
{
    (void)ctx;
    assert_string_equal(grade_status_name(r->status), "crash");
}

static void memory_has_a_limit(void **state)
{
    struct grade_limits l = grade_limits_default();
    l.timeout_s = 5;
    l.memory_mb = 512;
    each_mode(state, "memory", false, &l, check_crash, NULL);
}

/* PTRACE_TRACEME makes the test's parent its tracer: the parent, which
 * never meant to trace it, kills it instead of leaving it stopped. */
static void tracing_itself_ends_in_a_crash(void **state)
{
    expect(state, "trace_self", false, "crash",
           "the tests stopped themselves during case 2 of 3");
}

static void files_outside_the_sandbox_cannot_change(void **state)
{
    const struct env *e = *state;
    char target[PATH_MAX + 16];
    snprintf(target, sizeof target, "%s/target", e->dir);
    setenv("FIXTURE_TARGET", target, 1);
    enum grade_mode modes[2];
    size_t n = modes_for(e, true, modes);
    for (size_t i = 0; i < n; i++) {
        FILE *f = fopen(target, "w");
        assert_non_null(f);
        fputs("pristine\n", f);
        fclose(f);
        chmod(target, 0644);
        struct grade_result r;
        run_as(e, "rewrite", modes[i], NULL, &r);
        grade_result_free(&r);
        char buf[64] = "";
        f = fopen(target, "r");
        assert_non_null(f);
        assert_non_null(fgets(buf, sizeof buf, f));
        fclose(f);
        if (strcmp(buf, "pristine\n") != 0)
            fail_msg("in %s mode the fixture rewrote %s",
                     grade_mode_name(modes[i]), target);
    }
    remove(target);
    unsetenv("FIXTURE_TARGET");
}

/* A descriptor the grader inherited (from an IDE, a CI runner, a shell)
 * is closed before the test runs: it cannot write through it. */
static void inherited_descriptors_do_not_reach_the_test(void **state)
{
    const struct env *e = *state;
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/leak", e->dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    enum grade_mode modes[2];
    size_t n = modes_for(e, false, modes);
    for (size_t i = 0; i < n; i++) {
        struct grade_result r;
        run_as(e, "write_inherited", modes[i], NULL, &r);
        assert_string_equal(grade_status_name(r.status), "pass");
        grade_result_free(&r);
        struct stat st;
        assert_int_equal(fstat(fd, &st), 0);
        if (st.st_size != 0)
            fail_msg("in %s mode the test wrote to a descriptor it inherited",
                     grade_mode_name(modes[i]));
    }
    close(fd);
    remove(path);
}

/* The test made the sanitizer's log a FIFO, or a link to a file only the
 * grader may read: the grader neither waits on it nor reads through it. */
static void the_sanitizer_log_is_read_only_when_it_is_the_sanitizers(void **state)
{
    const struct env *e = *state;
    char secret[PATH_MAX + 16];
    snprintf(secret, sizeof secret, "%s/secret", e->dir);
    FILE *f = fopen(secret, "w");
    assert_non_null(f);
    fputs("ERROR: secret-0f3a runtime error: secret-0f3a kata/\n", f);
    fclose(f);
    chmod(secret, 0600);
    setenv("FIXTURE_TARGET", secret, 1);
    static const char *const hows[] = {"fifo_log", "symlink_log"};
    enum grade_mode modes[2];
    size_t n = modes_for(e, false, modes);
    for (size_t h = 0; h < 2; h++)
        for (size_t i = 0; i < n; i++) {
            struct grade_result r;
            run_as(e, hows[h], modes[i], NULL, &r);
            if (strstr(r.first_failure, "secret-0f3a") != NULL)
                fail_msg("%s in %s mode: the grader read through the link: %s",
                         hows[h], grade_mode_name(modes[i]), r.first_failure);
            assert_string_not_equal(grade_status_name(r.status), "pass");
            grade_result_free(&r);
        }
    unsetenv("FIXTURE_TARGET");
    remove(secret);
}

/* Escape sequences in a message would let printed text paint a fake
 * table on a terminal. */
static void messages_carry_no_control_characters(void **state)
{
    expect(state, "escapes", false, "fail",
           "misbehaves: ?[2J?[1A fake? pass ??2J ???reversed");
}

/* Ctrl-C or kill to the grader stops the test with everything it
 * started; the grader then ends by the same signal. */
static void stopping_the_grader_stops_the_test(void **state)
{
    const struct env *e = *state;
    enum grade_mode modes[2];
    size_t n = modes_for(e, false, modes);
    for (size_t i = 0; i < n; i++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            struct grade_result r;
            struct grade_limits l = grade_limits_default();
            l.timeout_s = 60;
            run_as(e, "orphan_then_loop", modes[i], &l, &r);
            _exit(0); /* not reached: the signal ends it */
        }
        struct timespec nap = {0, 300 * 1000000L};
        nanosleep(&nap, NULL);
        kill(pid, SIGTERM);
        int st;
        assert_int_equal(waitpid(pid, &st, 0), pid);
        assert_true(WIFSIGNALED(st));
        assert_int_equal(WTERMSIG(st), SIGTERM);
        nanosleep(&nap, NULL);
        assert_int_equal(leftovers(e), 0);
    }
}

/* A program that never speaks on the channel (it dies before the harness
 * starts, or is no test at all): a crash before the first case. */
static void a_silent_program_stops_before_its_first_case(void **state)
{
    const struct env *e = *state;
    enum grade_mode modes[2];
    size_t n = modes_for(e, false, modes);
    for (size_t i = 0; i < n; i++) {
        struct grade_result r;
        struct kit_error err;
        grade_result_init(&r);
        assert_int_equal(grade_load_cases(e->cases, &r, &err), KIT_OK);
        struct grade_limits l = grade_limits_default();
        assert_int_equal(grade_run("/bin/true", modes[i], &l, &r, &err),
                         KIT_OK);
        assert_string_equal(grade_status_name(r.status), "crash");
        assert_non_null(strstr(r.first_failure, "before its first case"));
        grade_result_free(&r);
    }
}

static void a_missing_binary_did_not_build(void **state)
{
    const struct env *e = *state;
    struct grade_result r;
    struct kit_error err;
    grade_result_init(&r);
    assert_int_equal(grade_load_cases(e->cases, &r, &err), KIT_OK);
    struct grade_limits l = grade_limits_default();
    assert_int_equal(grade_run("/nonexistent/test", GRADE_MODE_AUTO, &l, &r,
                               &err),
                     KIT_OK);
    assert_string_equal(grade_status_name(r.status), "no-build");
    grade_result_free(&r);
}

static void limits_and_the_manifest_are_checked(void **state)
{
    const struct env *e = *state;
    struct grade_result r;
    struct kit_error err;
    struct grade_limits l = grade_limits_default();
    grade_result_init(&r);
    assert_int_equal(grade_run(e->fixture, GRADE_MODE_AUTO, &l, &r, &err),
                     KIT_EINVAL); /* no manifest */
    assert_int_equal(grade_load_cases(e->cases, &r, &err), KIT_OK);
    l.timeout_s = 0;
    assert_int_equal(grade_run(e->fixture, GRADE_MODE_AUTO, &l, &r, &err),
                     KIT_EINVAL);
    grade_result_free(&r);
    assert_int_equal(grade_load_cases("/nonexistent", &r, &err),
                     KIT_ENOTFOUND);
    grade_result_free(&r);
}

static void a_failed_pipe_is_a_system_error(void **state)
{
    const struct env *e = *state;
    struct rlimit old;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
    int keep = dup(0); /* the lowest free descriptors go first */
    struct rlimit low = {(rlim_t)keep + 1, old.rlim_max};
    struct grade_result r;
    struct kit_error err = {KIT_OK, ""};
    grade_result_init(&r);
    assert_int_equal(grade_load_cases(e->cases, &r, &err), KIT_OK);
    struct grade_limits l = grade_limits_default();
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
    enum kit_status st = grade_run(e->fixture, GRADE_MODE_FALLBACK, &l, &r,
                                   &err);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
    close(keep);
    assert_int_equal(st, KIT_ESYS);
    /* Under root the binary's copy takes the first descriptor. */
    assert_true(strstr(err.msg, "pipe") != NULL ||
                strstr(err.msg, "copying") != NULL);
    grade_result_free(&r);
}

/* --- the channel, on canned records ------------------------------------- */

static void read_channel(const char *text, struct grade_result *r)
{
    struct grade_limit_state ls = {0, ""};
    grade_read_channel(text, strlen(text), "T0K", 0, r, &ls);
}

static void load_three(void **state, struct grade_result *r)
{
    const struct env *e = *state;
    struct kit_error err;
    grade_result_init(r);
    assert_int_equal(grade_load_cases(e->cases, r, &err), KIT_OK);
}

static void records_without_the_token_count_for_nothing(void **state)
{
    struct grade_result r;
    load_three(state, &r);
    read_channel("B 3\nS 1 first_passes\nR 1 pass\nbad S 2 misbehaves\n"
                 "bad R 2 pass\nT0KS 2 x\nT0K R 3 pass\nT0K E 0\n",
                 &r);
    assert_int_equal(r.passed, 0); /* R 3 without S 3 counts for nothing */
    assert_true(r.finished);
    struct grade_evidence ev = {false, false, "", NULL, 10, 1 << 20, false};
    r.exit_status = 0;
    grade_classify("", 0, &ev, &r);
    assert_string_equal(grade_status_name(r.status), "crash");
    grade_result_free(&r);
}

static void a_case_under_another_name_is_tampering(void **state)
{
    struct grade_result r;
    load_three(state, &r);
    read_channel("T0K S 1 something_else\nT0K R 1 pass\n", &r);
    struct grade_evidence ev = {false, false, "", NULL, 10, 1 << 20, false};
    r.exit_status = 0;
    grade_classify("", 0, &ev, &r);
    assert_string_equal(grade_status_name(r.status), "tampered");
    assert_non_null(strstr(r.first_failure, "something_else"));
    grade_result_free(&r);
}

static void messages_are_unescaped_and_results_counted_once(void **state)
{
    struct grade_result r;
    load_three(state, &r);
    read_channel("T0K S 1 first_passes\nT0K R 1 pass\nT0K R 1 pass\n"
                 "T0K S 2 misbehaves\nT0K M 2 two\\nlines \\\\ here\n"
                 "T0K R 2 fail\nT0K S 3 third_passes\nT0K R 3 pass\n"
                 "T0K E 1\n",
                 &r);
    assert_int_equal(r.passed, 2);
    assert_string_equal(r.cases[1].message, "two\nlines \\ here");
    struct grade_evidence ev = {false, false, "", NULL, 10, 1 << 20, false};
    r.exit_status = 1;
    grade_classify("", 0, &ev, &r);
    assert_string_equal(grade_status_name(r.status), "fail");
    grade_result_free(&r);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_grade FIXTURE_DIR\n");
        return 2;
    }
    fixture_dir = argv[1];
    signal(SIGCHLD, SIG_DFL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_pass_is_a_pass),
        cmocka_unit_test(a_lesson_failure_is_a_fail_with_its_lesson),
        cmocka_unit_test(a_plain_assertion_brings_cmockas_message),
        cmocka_unit_test(printing_ok_then_exit_is_no_pass),
        cmocka_unit_test(ok_lines_printed_at_exit_are_no_pass),
        cmocka_unit_test(an_early_exit_names_the_case),
        cmocka_unit_test(a_flood_of_output_is_cut_not_a_crash),
        cmocka_unit_test(printed_sanitizer_words_are_not_a_report),
        cmocka_unit_test(closing_stdout_and_stderr_is_noted),
        cmocka_unit_test(a_loop_times_out_in_its_case),
        cmocka_unit_test(endless_printing_times_out_and_says_so),
        cmocka_unit_test(a_lesson_limit_fails_with_its_words),
        cmocka_unit_test(a_looser_limit_changes_nothing),
        cmocka_unit_test(a_skipped_case_is_no_pass),
        cmocka_unit_test(a_stack_overflow_is_named),
        cmocka_unit_test(a_failed_assert_shows_its_text),
        cmocka_unit_test(a_real_sanitizer_report_is_a_sanitizer),
        cmocka_unit_test_teardown(
            the_callers_environment_cannot_redirect_results,
            unset_callers_vars),
        cmocka_unit_test(stopping_the_grader_is_not_possible),
        cmocka_unit_test(killing_or_tracing_the_grader_is_not_possible),
        cmocka_unit_test(an_orphan_dies_with_its_exercise),
        cmocka_unit_test(a_fork_bomb_is_contained),
        cmocka_unit_test(memory_has_a_limit),
        cmocka_unit_test(tracing_itself_ends_in_a_crash),
        cmocka_unit_test(files_outside_the_sandbox_cannot_change),
        cmocka_unit_test(stopping_the_grader_stops_the_test),
        cmocka_unit_test(inherited_descriptors_do_not_reach_the_test),
        cmocka_unit_test(the_sanitizer_log_is_read_only_when_it_is_the_sanitizers),
        cmocka_unit_test(messages_carry_no_control_characters),
        cmocka_unit_test(a_silent_program_stops_before_its_first_case),
        cmocka_unit_test(a_missing_binary_did_not_build),
        cmocka_unit_test(limits_and_the_manifest_are_checked),
        cmocka_unit_test(a_failed_pipe_is_a_system_error),
        cmocka_unit_test(records_without_the_token_count_for_nothing),
        cmocka_unit_test(a_case_under_another_name_is_tampering),
        cmocka_unit_test(messages_are_unescaped_and_results_counted_once),
    };
    return cmocka_run_group_tests_name("grade", tests, setup, teardown);
}
