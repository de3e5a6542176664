/* The grader's reports (src/grade_report.c) on canned results: the table,
 * the progress line, grade.json and the JUnit XML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "grade.h"
#include "utf8.h"

/* Whether s is valid UTF-8, by the engine's own sequence check. */
static bool utf8_valid(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0, len; i < n; i += len)
        if ((len = utf8_seq_len(u + i, n - i)) == 0)
            return false;
    return true;
}

static char manifest[] = "/tmp/test_grade_report.XXXXXX";

/* A result for cases "a" and "b" from channel records (token T). */
static void canned(const char *records, int exit_status,
                   struct grade_result *r)
{
    struct reg_error err;
    grade_result_init(r);
    assert_int_equal(grade_load_cases(manifest, r, &err), REG_OK);
    struct grade_limit_state ls = {0, 0, ""};
    grade_read_channel(records, strlen(records), "T", r, &ls);
    r->exit_status = exit_status;
    struct grade_evidence ev = {false, false, "", NULL, 10, 1 << 20, false};
    grade_classify("", 0, &ev, r);
}

static void sample_entries(struct grade_entry e[3])
{
    static const char *const names[] = {"01_stage", "02_tvargs",
                                        "03_transition"};
    static const char *const records[] = {
        "T S 1 a\nT R 1 pass\nT S 2 b\nT R 2 pass\nT E 0\n",
        ("T S 1 a\nT R 1 pass\nT S 2 b\nT M 2 want \"x\" <because>\n"
         "T R 2 fail\nT E 1\n"),
        "T S 1 a\nT R 1 pass\nT S 2 b\n",
    };
    for (int i = 0; i < 3; i++) {
        e[i].exercise = names[i];
        e[i].quiz = "Q";
        e[i].hint = "look at stage.h";
        canned(records[i], i == 1 ? 1 : 0, &e[i].result);
    }
    e[2].result.status = GRADE_TIMEOUT;
}

static char *report(struct grade_entry *e, size_t n, int kind)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    struct grade_run_info info = {"RUN-1", GRADE_MODE_SANDBOX, "", 10};
    if (kind == 0)
        assert_int_equal(grade_write_json(f, e, n, &info), 0);
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

static void json_has_run_mode_status_counts_and_message(void **state)
{
    (void)state;
    struct grade_entry e[3];
    sample_entries(e);
    char *json = report(e, 3, 0);
    assert_non_null(strstr(json, "\"run_id\": \"RUN-1\", \"mode\": "
                                 "\"sandbox\", \"mode_reason\": null"));
    assert_non_null(strstr(json, "\"score\": 1, \"max_score\": 3"));
    assert_non_null(strstr(json, "\"status\": \"fail\", \"passed\": 1, "
                                 "\"total\": 2, \"points\": 0"));
    assert_non_null(strstr(json, "\"first_failure\": \"b: want \\\"x\\\" "
                                 "<because>\""));
    assert_non_null(strstr(json, "\"status\": \"timeout\""));
    free(json);
    free_entries(e);
}

static void junit_escapes_counts_errors_and_skips_what_never_ran(void **state)
{
    (void)state;
    struct grade_entry e[3];
    sample_entries(e);
    char *xml = report(e, 3, 1);
    assert_non_null(strstr(xml, "tests=\"7\" failures=\"1\" errors=\"1\""));
    assert_non_null(strstr(xml, "message=\"want &quot;x&quot; "
                                "&lt;because&gt;\""));
    assert_non_null(strstr(xml, "<error type=\"timeout\""));
    assert_non_null(strstr(xml, "<skipped message=\"did not run"));
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
    assert_non_null(strstr(line, "02_tvargs       Q  "));
    assert_non_null(strstr(line, "\nkata: 1/3 done — next: kata/02_tvargs.c "
                                 "(make test KATA=02, or make watch)\n"));
    free(line);
    free_entries(e);
}

/* A message of euro signs (three bytes each), longer than the buffers: the
 * cut must fall between two characters, or grade.json and grade.xml are
 * not valid UTF-8. */
static void a_long_message_is_cut_between_characters(void **state)
{
    (void)state;
    size_t euros = GRADE_MSG_MAX;
    char *text = malloc(64 + 3 * euros);
    assert_non_null(text);
    strcpy(text, "T S 1 a\nT R 1 pass\nT S 2 b\nT M 2 ");
    for (size_t i = 0; i < euros; i++)
        strcat(text, "\xe2\x82\xac");
    strcat(text, "\nT R 2 fail\nT E 1\n");
    struct grade_entry e = {"01_stage", "Q", NULL, {0}};
    canned(text, 1, &e.result);
    free(text);
    assert_string_equal(grade_status_name(e.result.status), "fail");
    if (!utf8_valid(e.result.cases[1].message) ||
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

int main(void)
{
    int fd = mkstemp(manifest);
    if (fd < 0 || write(fd, "a\nb\n", 4) != 4)
        return 2;
    close(fd);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_has_run_mode_status_counts_and_message),
        cmocka_unit_test(junit_escapes_counts_errors_and_skips_what_never_ran),
        cmocka_unit_test(the_table_names_the_next_exercise_and_its_hint),
        cmocka_unit_test(a_long_message_is_cut_between_characters),
        cmocka_unit_test(reports_escape_the_exercise_name),
    };
    int failed = cmocka_run_group_tests_name("grade_report", tests, NULL,
                                             NULL);
    unlink(manifest);
    return failed;
}
