/* The grader's engine against fixture exercises (tests/grade/): a passing
 * one, a failing one, one that crashes and one that loops forever; then the
 * parser and the reports on canned output.  Usage: test_grade FIXTURE_DIR */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Three exercises: pass, fail, timeout. */
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

static char *report(struct grade_entry e[3], int kind)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    if (kind == 0)
        assert_int_equal(grade_write_json(f, e, 3, 10), 0);
    else if (kind == 1)
        assert_int_equal(grade_write_junit(f, e, 3), 0);
    else if (kind == 2)
        grade_print_table(f, e, 3, false);
    else
        grade_print_progress(f, e, 3);
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
    char *json = report(e, 0);
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
    char *xml = report(e, 1);
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
    char *table = report(e, 2);
    assert_non_null(strstr(table, "score: 1/3 exercises"));
    assert_non_null(strstr(table, "next: kata/02_tvargs.c (fail)"));
    assert_non_null(strstr(table, "look at stage.h"));
    assert_null(strstr(table, "\033["));
    free(table);
    char *line = report(e, 3);
    assert_string_equal(line, "kata: 1/3 done — next: kata/02_tvargs.c\n");
    free(line);
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
        cmocka_unit_test(the_timeout_must_be_positive),
        cmocka_unit_test(a_sanitizer_report_is_its_own_status),
        cmocka_unit_test(a_caught_signal_is_still_a_crash),
        cmocka_unit_test(a_crash_also_names_an_earlier_failure),
        cmocka_unit_test(an_early_exit_is_a_crash),
        cmocka_unit_test(a_clean_exit_with_all_ok_is_a_pass),
        cmocka_unit_test(json_has_status_counts_points_and_message),
        cmocka_unit_test(junit_escapes_and_counts_errors),
        cmocka_unit_test(the_table_names_the_next_exercise_and_its_hint),
    };
    return cmocka_run_group_tests_name("grade", tests, NULL, NULL);
}
