/* The grader's engine against fixture exercises (tests/grade/): a passing
 * one, a failing one, one that crashes, one that loops forever and one that
 * sleeps while the grader is stopped; then the parser and the reports on
 * canned output.  Usage: test_grade FIXTURE_DIR */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "grade.h"

/* Small, so the looping fixture costs half a second. */
#define FIXTURE_TIMEOUT 0.5

struct fixtures {
    const char *dir;
};

static void run_fixture(void **state, const char *name,
                        struct grade_result *out)
{
    const struct fixtures *fx = *state;
    char path[1024];
    snprintf(path, sizeof path, "%s/fixture_%s", fx->dir, name);
    struct reg_error err = {REG_OK, ""};
    assert_int_equal(grade_run(path, FIXTURE_TIMEOUT, out, &err), REG_OK);
}

static void a_passing_exercise_is_a_pass(void **state)
{
    struct grade_result r;
    run_fixture(state, "pass", &r);
    assert_string_equal(grade_status_name(r.status), "pass");
    assert_int_equal(r.passed, 2);
    assert_int_equal(r.total, 2);
    assert_int_equal(r.exit_status, 0);
    assert_string_equal(r.first_failure, "");
    assert_string_equal(r.cases[1].name, "two_is_two");
    grade_result_free(&r);
}

static void a_failing_exercise_is_a_fail_with_its_lesson(void **state)
{
    struct grade_result r;
    run_fixture(state, "fail", &r);
    assert_string_equal(grade_status_name(r.status), "fail");
    assert_int_equal(r.passed, 1);
    assert_int_equal(r.total, 3);
    /* fail_msg's text, printed on stderr, belongs to the second test. */
    assert_string_equal(r.first_failure,
                        "fails_with_a_lesson: expected 2 versions, got 1: "
                        "archived is not deleted");
    assert_false(r.cases[1].ok);
    /* A plain assertion: cmocka's own "# " comment lines are the message. */
    assert_non_null(strstr(r.cases[2].message, "0x2 != 0x3"));
    grade_result_free(&r);
}

static void a_crashing_exercise_is_a_crash(void **state)
{
    struct grade_result r;
    run_fixture(state, "crash", &r);
    assert_string_equal(grade_status_name(r.status), "crash");
    assert_int_not_equal(r.signal, 0);
    assert_int_equal(r.passed, 1);
    assert_int_equal(r.total, 3);
    assert_non_null(strstr(r.first_failure, "crashed in test 2 of 3"));
    grade_result_free(&r);
}

static void a_looping_exercise_times_out(void **state)
{
    struct grade_result r;
    run_fixture(state, "loop", &r);
    assert_string_equal(grade_status_name(r.status), "timeout");
    assert_int_equal(r.passed, 1);
    assert_true(r.seconds >= FIXTURE_TIMEOUT && r.seconds < 5.0);
    assert_non_null(strstr(r.first_failure, "in test 2 of 2"));
    grade_result_free(&r);
}

static void a_missing_binary_did_not_build(void **state)
{
    struct grade_result r;
    run_fixture(state, "that_does_not_exist", &r);
    assert_string_equal(grade_status_name(r.status), "no-build");
    assert_int_equal(r.total, 0);
    assert_non_null(strstr(r.first_failure, "not built"));
    grade_result_free(&r);
}

static void the_timeout_must_be_positive(void **state)
{
    (void)state;
    struct grade_result r;
    struct reg_error err = {REG_OK, ""};
    assert_int_equal(grade_run("/bin/true", 0, &r, &err), REG_EINVAL);
    grade_result_free(&r);
}

static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The process group the sleeping fixture wrote to path, waiting up to
 * five seconds for it; 0 when it never came. */
static long wait_for_pgid(const char *path)
{
    for (int i = 0; i < 500; i++) {
        FILE *f = fopen(path, "r");
        long pgid = 0;
        if (f != NULL) {
            int got = fscanf(f, "%ld", &pgid);
            fclose(f);
            if (got == 1 && pgid > 0)
                return pgid;
        }
        nap_ms(10);
    }
    return 0;
}

/* Whether any process of group pgid is left, after up to two seconds. */
static bool group_survives(long pgid)
{
    for (int i = 0; i < 200; i++) {
        if (kill(-(pid_t)pgid, 0) != 0 && errno == ESRCH)
            return false;
        nap_ms(10);
    }
    return true;
}

/* In a child process: grades the sleeping fixture, which never ends. */
static void grade_the_sleeper(const char *path, const char *pgid_file)
{
    setenv("GRADE_FIXTURE_PGID_FILE", pgid_file, 1);
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    signal(SIGTERM, SIG_DFL); /* as a grader started from a shell has it */
    sigprocmask(SIG_UNBLOCK, &term, NULL);
    struct grade_result r;
    struct reg_error err = {REG_OK, ""};
    grade_run(path, 60, &r, &err);
    _exit(0); /* not reached: the grader is stopped by SIGTERM */
}

static void stopping_the_grader_stops_the_test(void **state)
{
    const struct fixtures *fx = *state;
    char path[1024], pgid_file[1100];
    snprintf(path, sizeof path, "%s/fixture_sleep", fx->dir);
    snprintf(pgid_file, sizeof pgid_file, "%s/fixture_sleep.%ld.pgid",
             fx->dir, (long)getpid());
    remove(pgid_file);
    pid_t grader = fork();
    assert_true(grader >= 0);
    if (grader == 0)
        grade_the_sleeper(path, pgid_file);
    long pgid = wait_for_pgid(pgid_file);
    remove(pgid_file);
    if (pgid == 0) {
        kill(grader, SIGKILL);
        waitpid(grader, NULL, 0);
        fail_msg("the sleeping fixture never wrote its process group");
    }
    kill(grader, SIGTERM);
    int ws = 0;
    assert_int_equal(waitpid(grader, &ws, 0), grader);
    bool left = group_survives(pgid);
    if (left)
        kill(-(pid_t)pgid, SIGKILL); /* do not leave it behind either */
    if (left)
        fail_msg("process group %ld still runs after SIGTERM stopped the "
                 "grader: the test is in its own group, which the signal "
                 "never reaches, so the grader must kill the group itself",
                 pgid);
    if (!WIFSIGNALED(ws) || WTERMSIG(ws) != SIGTERM)
        fail_msg("the grader must end by the SIGTERM it got (wait status "
                 "%#x), so that make sees the interruption",
                 (unsigned)ws);
}

/* With SIGCHLD ignored the kernel reaps the test itself, and waitpid
 * fails: the grader cannot know how the run ended, which is no pass. */
static void a_failed_wait_is_a_crash(void **state)
{
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ign.sa_mask);
    assert_int_equal(sigaction(SIGCHLD, &ign, &old), 0);
    struct grade_result r;
    run_fixture(state, "pass", &r);
    sigaction(SIGCHLD, &old, NULL);
    if (r.status != GRADE_CRASH)
        fail_msg("a run whose exit status waitpid could not read was "
                 "graded %s (exit status %d); expected crash",
                 grade_status_name(r.status), r.exit_status);
    assert_int_equal(r.exit_status, -1);
    assert_non_null(strstr(r.first_failure, "waitpid failed"));
    grade_result_free(&r);
}

/* A system call that fails is an error (REG_ESYS), not a result: with no
 * file descriptor left, pipe() fails with EMFILE. */
static void a_failed_pipe_is_a_system_error(void **state)
{
    const struct fixtures *fx = *state;
    char path[1024];
    snprintf(path, sizeof path, "%s/fixture_pass", fx->dir);
    struct rlimit old;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
    int lowest = open("/dev/null", O_RDONLY); /* the lowest free descriptor */
    assert_true(lowest >= 0);
    close(lowest);
    struct rlimit none = {(rlim_t)lowest, old.rlim_max};
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &none), 0);
    struct grade_result r;
    struct reg_error err = {REG_OK, ""};
    enum reg_status st = grade_run(path, FIXTURE_TIMEOUT, &r, &err);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
    if (st != REG_ESYS)
        fail_msg("grade_run returned %s with no file descriptor left for a "
                 "pipe; expected ESYS: a failed system call is not a "
                 "registry store error",
                 reg_status_name(st));
    assert_non_null(strstr(err.msg, "pipe"));
    grade_result_free(&r);
}

/* Parses canned output as if the process had ended with exit_status. */
static void classify(const char *text, int exit_status, int signal,
                     struct grade_result *r)
{
    grade_result_init(r);
    r->exit_status = exit_status;
    r->signal = signal;
    assert_int_equal(grade_parse(text, strlen(text), r), REG_OK);
    grade_classify(text, strlen(text), false, 10, r);
}

static void a_sanitizer_report_is_its_own_status(void **state)
{
    (void)state;
    struct grade_result r;
    classify("1..3\nok 1 - a\n"
             "==42==ERROR: AddressSanitizer: heap-buffer-overflow on x\n"
             "SUMMARY: AddressSanitizer: heap-buffer-overflow\n",
             GRADE_SANITIZER_EXIT, 0, &r);
    assert_string_equal(grade_status_name(r.status), "sanitizer");
    assert_string_equal(r.first_failure,
                        "==42==ERROR: AddressSanitizer: heap-buffer-overflow "
                        "on x\nthe sanitizer stopped the tests in test 2 of "
                        "3");
    grade_result_free(&r);
    classify("1..1\nk.c:3:5: runtime error: signed integer overflow\n", 1, 0,
             &r);
    assert_string_equal(grade_status_name(r.status), "sanitizer");
    grade_result_free(&r);
}

static void a_caught_signal_is_still_a_crash(void **state)
{
    (void)state;
    struct grade_result r;
    /* cmocka catches SIGSEGV itself, reports it and carries on. */
    classify("1..2\nok 1 - a\n"
             "Test failed with exception: Segmentation fault(11)\n"
             "not ok 2 - b\n",
             1, 0, &r);
    assert_string_equal(grade_status_name(r.status), "crash");
    assert_string_equal(r.first_failure,
                        "Test failed with exception: Segmentation fault(11) "
                        "(cmocka caught the signal) in b");
    grade_result_free(&r);
}

static void a_crash_also_names_an_earlier_failure(void **state)
{
    (void)state;
    struct grade_result r;
    classify("1..3\nERROR: wrong\nnot ok 1 - first\n", -1, 11, &r);
    assert_string_equal(grade_status_name(r.status), "crash");
    assert_non_null(strstr(r.first_failure, "crashed in test 2 of 3"));
    assert_non_null(strstr(r.first_failure,
                           "an earlier test failed too: first"));
    assert_string_equal(r.cases[0].message, "wrong");
    grade_result_free(&r);
}

static void an_early_exit_is_a_crash(void **state)
{
    (void)state;
    struct grade_result r;
    classify("1..4\nok 1 - a\n", 0, 0, &r);
    assert_string_equal(grade_status_name(r.status), "crash");
    assert_non_null(strstr(r.first_failure, "ended early"));
    grade_result_free(&r);
}

static void a_clean_exit_with_all_ok_is_a_pass(void **state)
{
    (void)state;
    struct grade_result r;
    classify("1..2\nok 1 - a\nok 2 - b\n# ok - grp\n", 0, 0, &r);
    assert_string_equal(grade_status_name(r.status), "pass");
    assert_int_equal(r.passed, 2);
    grade_result_free(&r);
}

static void the_plan_is_read_within_its_line(void **state)
{
    (void)state;
    struct grade_result r;
    /* Exactly four bytes, not NUL-terminated: nothing after them is read. */
    char *text = malloc(4);
    assert_non_null(text);
    memcpy(text, "1..2", 4);
    grade_result_init(&r);
    assert_int_equal(grade_parse(text, 4, &r), REG_OK);
    assert_true(r.planned);
    assert_int_equal(r.total, 2);
    free(text);
    grade_result_free(&r);
    const char good[] = "1..25\nok 1 - a\n";
    grade_result_init(&r);
    assert_int_equal(grade_parse(good, 4, &r), REG_OK);
    assert_int_equal(r.total, 2);
    grade_result_free(&r);
}

static void a_bad_plan_is_no_plan(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "1..4294967296\nok 1 - a\n",        /* UINT_MAX + 1 */
        "1..99999999999999999999\nok 1 - a\n", /* beyond any long */
        "1..\nok 1 - a\n",
        "1..3x\nok 1 - a\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct grade_result r;
        grade_result_init(&r);
        assert_int_equal(grade_parse(bad[i], strlen(bad[i]), &r), REG_OK);
        if (r.planned)
            fail_msg("\"%.*s\" was read as a plan of %u tests; a count "
                     "that is missing, malformed or too big is no plan",
                     (int)strcspn(bad[i], "\n"), bad[i], r.total);
        assert_int_equal(r.total, 1); /* the result lines */
        grade_result_free(&r);
    }
    struct grade_result r;
    classify("1..4294967295 # many\nok 1 - a\n", 0, 0, &r);
    assert_true(r.planned);
    assert_int_equal(r.total, 4294967295u);
    assert_string_equal(grade_status_name(r.status), "crash");
    grade_result_free(&r);
}

static void many_cases_grow_by_doubling(void **state)
{
    (void)state;
    char text[4000] = "1..300\n";
    for (int i = 1; i <= 300; i++)
        strcat(text, "ok - a\n");
    struct grade_result r;
    classify(text, 0, 0, &r);
    assert_int_equal(r.ncases, 300);
    assert_string_equal(grade_status_name(r.status), "pass");
    assert_true(r.cases_cap >= 300 && r.cases_cap < 600);
    grade_result_free(&r);
}

static void an_unknown_end_is_a_crash(void **state)
{
    (void)state;
    struct grade_result r;
    /* waitpid failed: no exit status, no signal. */
    classify("1..1\nok 1 - a\n", -1, 0, &r);
    assert_string_equal(grade_status_name(r.status), "crash");
    assert_non_null(strstr(r.first_failure, "waitpid failed"));
    grade_result_free(&r);
}

/* Whether s is valid UTF-8 (RFC 3629: no overlongs, no surrogates). */
static bool utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p != 0) {
        size_t n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2
                 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || (n == 2 && *p < 0xC2) || (n == 4 && *p > 0xF4))
            return false;
        for (size_t k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return false;
        if ((n == 3 && *p == 0xE0 && p[1] < 0xA0) ||
            (n == 3 && *p == 0xED && p[1] >= 0xA0) ||
            (n == 4 && *p == 0xF0 && p[1] < 0x90) ||
            (n == 4 && *p == 0xF4 && p[1] >= 0x90))
            return false;
        p += n;
    }
    return true;
}


static void sample_entries(struct grade_entry e[3])
{
    static const char *const names[] = {"01_stage", "02_tvargs",
                                        "03_transition"};
    static const char *const texts[] = {
        "1..1\nok 1 - a\n",
        "1..2\nok 1 - a\nERROR: want \"x\" <because>\nnot ok 2 - b\n",
        "1..2\nok 1 - a\n",
    };
    for (int i = 0; i < 3; i++) {
        e[i].exercise = names[i];
        e[i].quiz = "Q";
        e[i].hint = "look at stage.h";
        classify(texts[i], i == 1 ? 1 : 0, 0, &e[i].result);
    }
    e[2].result.status = GRADE_TIMEOUT;
}

static char *report(struct grade_entry *e, size_t n, int kind)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    if (kind == 0)
        assert_int_equal(grade_write_json(f, e, n, 10), 0);
    else if (kind == 1)
        assert_int_equal(grade_write_junit(f, e, n), 0);
    else if (kind == 2)
        grade_print_table(f, e, n, false);
    else
        grade_print_progress(f, e, n);
    long size = ftell(f);
    char *text = calloc(1, (size_t)size + 1);
    assert_non_null(text);
    rewind(f);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    return text;
}

static void free_entries(struct grade_entry e[3])
{
    for (int i = 0; i < 3; i++)
        grade_result_free(&e[i].result);
}

static void json_has_status_counts_points_and_message(void **state)
{
    (void)state;
    struct grade_entry e[3];
    sample_entries(e);
    char *json = report(e, 3, 0);
    assert_non_null(strstr(json, "\"score\": 1, \"max_score\": 3"));
    assert_non_null(strstr(json, "\"status\": \"fail\", \"passed\": 1, "
                                 "\"total\": 2, \"points\": 0"));
    assert_non_null(strstr(json, "\"first_failure\": \"b: want \\\"x\\\" "
                                 "<because>\""));
    assert_non_null(strstr(json, "\"status\": \"timeout\""));
    free(json);
    free_entries(e);
}

static void junit_escapes_and_counts_errors(void **state)
{
    (void)state;
    struct grade_entry e[3];
    sample_entries(e);
    char *xml = report(e, 3, 1);
    assert_non_null(strstr(xml, "tests=\"5\" failures=\"1\" errors=\"1\""));
    assert_non_null(strstr(xml, "message=\"want &quot;x&quot; "
                                "&lt;because&gt;\""));
    assert_non_null(strstr(xml, "<error type=\"timeout\""));
    free(xml);
    free_entries(e);
}

static void the_table_names_the_next_exercise_and_its_hint(void **state)
{
    (void)state;
    struct grade_entry e[3];
    sample_entries(e);
    char *table = report(e, 3, 2);
    assert_non_null(strstr(table, "score: 1/3 exercises"));
    assert_non_null(strstr(table, "next: kata/02_tvargs.c (fail)"));
    assert_non_null(strstr(table, "look at stage.h"));
    assert_null(strstr(table, "\033["));
    free(table);
    char *line = report(e, 3, 3);
    assert_string_equal(line, "kata: 1/3 done — next: kata/02_tvargs.c\n");
    free(line);
    free_entries(e);
}

/* A message of euro signs (three bytes each), longer than the buffers: the
 * cut must fall between two characters, or grade.json and grade.xml are
 * not valid UTF-8. */
static void a_long_message_is_cut_between_characters(void **state)
{
    (void)state;
    size_t euros = GRADE_MSG_MAX; /* 3 bytes each: three times too long */
    char *text = malloc(32 + 3 * euros);
    assert_non_null(text);
    strcpy(text, "1..1\nERROR: ");
    for (size_t i = 0; i < euros; i++)
        strcat(text, "\xe2\x82\xac");
    strcat(text, "\nnot ok 1 - b\n");
    struct grade_entry e = {"01_stage", "Q", NULL, {0}};
    classify(text, 1, 0, &e.result);
    free(text);
    assert_string_equal(grade_status_name(e.result.status), "fail");
    if (!utf8_valid(e.result.cases[0].message) ||
        !utf8_valid(e.result.first_failure))
        fail_msg("a message cut at %d bytes ends in half a character",
                 GRADE_MSG_MAX - 1);
    assert_true(strlen(e.result.first_failure) > GRADE_MSG_MAX - 8);
    for (int kind = 0; kind < 2; kind++) {
        char *out = report(&e, 1, kind);
        if (!utf8_valid(out))
            fail_msg("%s is not valid UTF-8",
                     kind ? "grade.xml" : "grade.json");
        free(out);
    }
    grade_result_free(&e.result);
}

/* The exercise's name is data: quoted and escaped like any other string. */
static void reports_escape_the_exercise_name(void **state)
{
    (void)state;
    struct grade_entry e[3];
    sample_entries(e);
    e[1].exercise = "02_\"a\"<b>&\\";
    char *json = report(e, 3, 0);
    assert_non_null(strstr(json, "\"exercise\": \"02_\\\"a\\\"<b>&\\\\\""));
    assert_non_null(strstr(json, "\"file\": \"kata/02_\\\"a\\\"<b>&\\\\.c\""));
    free(json);
    char *xml = report(e, 3, 1);
    const char *name = "\"02_&quot;a&quot;&lt;b&gt;&amp;\\\"";
    char want[128];
    snprintf(want, sizeof want, "<testsuite name=%s", name);
    assert_non_null(strstr(xml, want));
    snprintf(want, sizeof want, "<testcase classname=%s", name);
    assert_non_null(strstr(xml, want));
    assert_null(strstr(xml, "\"a\"<b>"));
    free(xml);
    free_entries(e);
}

int main(int argc, char **argv)
{
    static struct fixtures fx;
    fx.dir = argc > 1 ? argv[1] : ".";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(a_passing_exercise_is_a_pass, &fx),
        cmocka_unit_test_prestate(a_failing_exercise_is_a_fail_with_its_lesson,
                                  &fx),
        cmocka_unit_test_prestate(a_crashing_exercise_is_a_crash, &fx),
        cmocka_unit_test_prestate(a_looping_exercise_times_out, &fx),
        cmocka_unit_test_prestate(a_missing_binary_did_not_build, &fx),
        cmocka_unit_test_prestate(stopping_the_grader_stops_the_test, &fx),
        cmocka_unit_test_prestate(a_failed_pipe_is_a_system_error, &fx),
        cmocka_unit_test_prestate(a_failed_wait_is_a_crash, &fx),
        cmocka_unit_test(the_timeout_must_be_positive),
        cmocka_unit_test(a_sanitizer_report_is_its_own_status),
        cmocka_unit_test(a_caught_signal_is_still_a_crash),
        cmocka_unit_test(a_crash_also_names_an_earlier_failure),
        cmocka_unit_test(an_early_exit_is_a_crash),
        cmocka_unit_test(a_clean_exit_with_all_ok_is_a_pass),
        cmocka_unit_test(json_has_status_counts_points_and_message),
        cmocka_unit_test(junit_escapes_and_counts_errors),
        cmocka_unit_test(the_table_names_the_next_exercise_and_its_hint),
        cmocka_unit_test(the_plan_is_read_within_its_line),
        cmocka_unit_test(a_bad_plan_is_no_plan),
        cmocka_unit_test(many_cases_grow_by_doubling),
        cmocka_unit_test(an_unknown_end_is_a_crash),
        cmocka_unit_test(a_long_message_is_cut_between_characters),
        cmocka_unit_test(reports_escape_the_exercise_name),
    };
    return cmocka_run_group_tests_name("grade", tests, NULL, NULL);
}
