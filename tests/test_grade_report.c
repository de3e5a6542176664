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
    struct kit_error err;
    grade_result_init(r);
    assert_int_equal(grade_load_cases(manifest, r, &err), KIT_OK);
    struct grade_limit_state ls = {0, ""};
    grade_read_channel(records, strlen(records), "T", 0, r, &ls);
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
    assert_non_null(strstr(json, "{\n  \"run_id\": \"RUN-1\",\n  \"mode\": "
                                 "\"sandbox\",\n  \"mode_reason\": null,\n"));
    assert_non_null(strstr(json, "\"score\": 1,\n  \"max_score\": 3,\n"));
    assert_non_null(strstr(json, "\"status\": \"fail\",\n      \"passed\": 1,\n"
                                 "      \"total\": 2,\n      \"points\": 0,\n"));
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
    struct grade_entry e = {"01_stage", "Q", NULL, {0}, NULL};
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

/* Each testcase's time is from its start record to its result, as the
 * records arrived: here in three reads, at 1.0, 1.25 and 2.0 s. */
static void junit_times_each_case_from_its_records(void **state)
{
    (void)state;
    struct grade_entry e = {"01_stage", "Q", NULL, {0}, NULL};
    struct kit_error err;
    grade_result_init(&e.result);
    assert_int_equal(grade_load_cases(manifest, &e.result, &err), KIT_OK);
    static const char *const reads[] = {"T S 1 a\n", "T R 1 pass\nT S 2 b\n",
                                        "T R 2 fail\nT E 1\n"};
    static const double at[] = {1.0, 1.25, 2.0};
    struct grade_limit_state ls = {0, ""};
    for (int i = 0; i < 3; i++)
        grade_read_channel(reads[i], strlen(reads[i]), "T", at[i], &e.result,
                           &ls);
    e.result.seconds = 2.5;
    char *xml = report(&e, 1, 1);
    if (strstr(xml, "name=\"a\" time=\"0.250\"") == NULL ||
        strstr(xml, "name=\"b\" time=\"0.750\"") == NULL)
        fail_msg("case a took 0.250 s and b 0.750 s:\n%s", xml);
    assert_non_null(strstr(xml, "tests=\"2\" failures=\"1\" errors=\"0\" "
                                "time=\"2.500\""));
    free(xml);
    grade_result_free(&e.result);
}

static char *write_log(const char *text)
{
    static char path[] = "/tmp/test_grade_report_log.XXXXXX";
    strcpy(path + strlen(path) - 6, "XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

/* What gcc and make write when kata/03_transition.c does not compile, with
 * another exercise's error that is not this one's. */
static const char broken_log[] =
    "cc -Werror -c -o build/kata-san/obj/kata/03_transition.o "
    "kata/03_transition.c\n"
    "kata/03_transition.c: In function 'transition_check':\n"
    "kata/03_transition.c:12:5: error: expected ';' before '}' <&>\n"
    "   12 |     return x\n"
    "      |             ^\n"
    "kata/01_stage.c:3:1: error: an error of another exercise\n"
    "make: *** [mk/core.mk:9: build/kata-san/obj/kata/03_transition.o] "
    "Error 1\n";

/* A no-build exercise is an error testcase whose system-err holds the
 * compiler's diagnostics about it, escaped, with their source lines; not
 * the commands, nor the other exercises' errors. */
static void junit_no_build_carries_the_compilers_errors(void **state)
{
    (void)state;
    char *log = write_log(broken_log);
    struct grade_entry e = {"03_transition", "Q", NULL, {0}, NULL};
    grade_result_init(&e.result);
    e.result.status = GRADE_NOBUILD;
    strcpy(e.result.first_failure, "the tests were not built");
    e.build_errors = grade_build_errors(log, "03_transition");
    unlink(log);
    assert_non_null(e.build_errors);
    assert_null(strstr(e.build_errors, "01_stage"));
    assert_null(strstr(e.build_errors, "-Werror"));
    char *xml = report(&e, 1, 1);
    const char *err = strstr(xml, "<system-err>");
    if (err == NULL)
        fail_msg("a no-build testcase has no <system-err>:\n%s", xml);
    assert_non_null(strstr(err, "kata/03_transition.c: In function "
                                "'transition_check':&#10;kata/03_transition"
                                ".c:12:5: error: expected ';' before '}' "
                                "&lt;&amp;&gt;&#10;   12 |     return x&#10;"
                                "      |             ^&#10;</system-err>"));
    assert_true(err > strstr(xml, "<error type=\"no-build\""));
    free(xml);
    /* Only a no-build carries it. */
    e.result.status = GRADE_CRASH;
    xml = report(&e, 1, 1);
    assert_null(strstr(xml, "<system-err>"));
    free(xml);
    free(e.build_errors);
}

/* A link error names no source line of the exercise: then every error of
 * the log.  No log, or none in it: NULL. */
static void build_errors_fall_back_to_any_error(void **state)
{
    (void)state;
    char *log = write_log("cc -o test_03 x.o\n/usr/bin/ld: x.o: in function "
                          "`main':\nx.c:(.text+0x5): undefined reference to "
                          "`transition_check'\ncollect2: error: ld returned "
                          "1 exit status\n");
    char *text = grade_build_errors(log, "03_transition");
    unlink(log);
    assert_non_null(text);
    assert_string_equal(text, "x.c:(.text+0x5): undefined reference to "
                              "`transition_check'\ncollect2: error: ld "
                              "returned 1 exit status\n");
    free(text);
    log = write_log("cc -c -o x.o x.c\n");
    assert_null(grade_build_errors(log, "03_transition"));
    unlink(log);
    assert_null(grade_build_errors(log, "03_transition")); /* now missing */
    assert_null(grade_build_errors(NULL, "03_transition"));
}

/* A flood of errors is cut at whole lines under the bound, then says
 * where the rest is. */
static void build_errors_are_bounded(void **state)
{
    (void)state;
    const char line[] = "kata/03_transition.c:1:1: error: "
                        "0123456789012345678901234567890123456789\n";
    size_t lines = 2 * GRADE_BUILD_ERRORS_MAX / (sizeof line - 1);
    char *flood = malloc(lines * (sizeof line - 1) + 1);
    assert_non_null(flood);
    for (size_t i = 0; i < lines; i++)
        memcpy(flood + i * (sizeof line - 1), line, sizeof line);
    char *log = write_log(flood);
    free(flood);
    char *text = grade_build_errors(log, "03_transition");
    assert_non_null(text);
    size_t n = strlen(text);
    const char *note = strstr(text, "[cut at 16 KiB: the whole output is in ");
    if (note == NULL || strstr(note, log) == NULL)
        fail_msg("a cut log must say so and where the rest is");
    unlink(log);
    assert_true((size_t)(note - text) <= GRADE_BUILD_ERRORS_MAX);
    assert_true((size_t)(note - text) > GRADE_BUILD_ERRORS_MAX - sizeof line);
    assert_int_equal((size_t)(note - text) % (sizeof line - 1), 0);
    assert_int_equal(text[n - 1], '\n');
    free(text);
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
        cmocka_unit_test(junit_times_each_case_from_its_records),
        cmocka_unit_test(junit_no_build_carries_the_compilers_errors),
        cmocka_unit_test(build_errors_fall_back_to_any_error),
        cmocka_unit_test(build_errors_are_bounded),
    };
    int failed = cmocka_run_group_tests_name("grade_report", tests, NULL,
                                             NULL);
    unlink(manifest);
    return failed;
}
