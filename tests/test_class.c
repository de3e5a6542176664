/* The class view (src/class.c, src/class_out.c) on small folders written
 * here: which failure is "first", how ties break, what a miss and a wrong
 * option are, whose report a file is, what counts as a duplicate, the
 * histograms' edges, and the HTML fragment's escaping and ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "class.h"

#define LESSON(cond, ...)                                                    \
    do {                                                                     \
        if (!(cond)) {                                                       \
            print_error(__VA_ARGS__);                                        \
            print_error("\n");                                               \
            fail();                                                          \
        }                                                                    \
    } while (0)

struct folder {
    char path[64];
};

static int folder_setup(void **state)
{
    struct folder *f = malloc(sizeof *f);
    if (f == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "/tmp/test_class.XXXXXX");
    if (mkdtemp(f->path) == NULL) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int folder_teardown(void **state)
{
    struct folder *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->path);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* Writes text to <folder>/<rel>, creating one folder level if needed. */
static void put(const struct folder *f, const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->path, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    mkdir(path, 0777);
    *slash = '/';
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs(text, out);
    assert_int_equal(fclose(out), 0);
}

/* A grade.json with one exercise "01_x", its status, and cases given as
 * "name:status" words. */
static void put_grade(const struct folder *f, const char *rel,
                      const char *run_id, const char *status,
                      const char *cases)
{
    char json[2048], list[1024] = "";
    char copy[256];
    snprintf(copy, sizeof copy, "%s", cases);
    for (char *c = strtok(copy, " "); c != NULL; c = strtok(NULL, " ")) {
        char *colon = strchr(c, ':');
        *colon = '\0';
        size_t n = strlen(list);
        snprintf(list + n, sizeof list - n,
                 "%s{\"name\": \"%s\", \"status\": \"%s\", \"message\": %s}",
                 n ? ", " : "", c, colon + 1,
                 strcmp(colon + 1, "fail") == 0 ? "\"why\"" : "null");
    }
    int pass = strcmp(status, "pass") == 0;
    snprintf(json, sizeof json,
             "{\"run_id\": \"%s\", \"mode\": \"sandbox\", \"score\": %d, "
             "\"max_score\": 1, \"exercises\": [{\"exercise\": \"01_x\", "
             "\"status\": \"%s\", \"passed\": 0, \"total\": 2, "
             "\"first_failure\": %s, \"cases\": [%s]}]}",
             run_id, pass, status, pass ? "null" : "\"msg of 01_x\"", list);
    put(f, rel, json);
}

/* A quiz report of two questions (keys A and B): answers as two
 * characters, '-' for none. */
static void put_quiz(const struct folder *f, const char *rel,
                     const char *answers, int shuffled, int percent)
{
    char json[2048], res[2][256];
    for (int q = 0; q < 2; q++) {
        char a = answers[q], key = q == 0 ? 'A' : 'B';
        char ans[8], mistake[64];
        snprintf(ans, sizeof ans, a == '-' ? "null" : "\"%c\"", a);
        if (a == '-' || a == key)
            snprintf(mistake, sizeof mistake, "null");
        else
            snprintf(mistake, sizeof mistake, "\"m%d%c\"", q + 1,
                     shuffled ? 'x' : a);
        snprintf(res[q], sizeof res[q],
                 "{\"number\": %d, \"title\": \"T%d\", \"answer\": %s, "
                 "\"key\": \"%c\", \"correct\": %s, \"mistake\": %s}",
                 q + 1, q + 1, ans, key, a == key ? "true" : "false",
                 mistake);
    }
    snprintf(json, sizeof json,
             "{\"bank\": \"b\", \"questions\": 2, \"percent\": %d, "
             "\"passed\": %s, \"shuffled\": %s, \"results\": [%s, %s]}",
             percent, percent >= 70 ? "true" : "false",
             shuffled ? "true" : "false", res[0], res[1]);
    put(f, rel, json);
}

static void load_ok(const struct folder *f, struct class_report *r)
{
    struct kit_error err;
    enum kit_status s = class_load(f->path, NULL, r, &err);
    LESSON(s == KIT_OK, "class_load must succeed: %s", err.msg);
}

static void the_first_failure_is_the_first_failing_case_in_order(void **state)
{
    struct folder *f = *state;
    put_grade(f, "s1/grade.json", "r1", "fail", "a:pass zeta:fail beta:fail");
    put_grade(f, "s2/grade.json", "r2", "fail", "a:pass zeta:fail beta:fail");
    put_grade(f, "s3/grade.json", "r3", "fail", "a:fail zeta:pass beta:pass");
    put_grade(f, "s4/grade.json", "r4", "pass", "a:pass zeta:pass beta:pass");
    struct class_report r;
    load_ok(f, &r);
    assert_int_equal(r.nexercises, 1);
    const struct class_exercise *e = &r.exercises[0];
    LESSON(e->reports == 4 && e->passed == 1, "4 reports, 1 passed: got %zu "
           "and %zu", e->reports, e->passed);
    LESSON(e->first_failure && strcmp(e->first_failure, "zeta") == 0,
           "a report's first failure is its first failing case in the "
           "report's order (zeta, twice), not the alphabet's nor the last: "
           "got %s", e->first_failure ? e->first_failure : "NULL");
    LESSON(e->first_failure_count == 2, "zeta came first in 2 reports, "
           "got %zu", e->first_failure_count);
    LESSON(e->example && strcmp(e->example, "msg of 01_x") == 0,
           "the example is the report's first_failure message");
    class_free(&r);
}

static void a_tie_goes_to_the_name_first_in_byte_order(void **state)
{
    struct folder *f = *state;
    put_grade(f, "s1/grade.json", "r1", "fail", "b:fail");
    put_grade(f, "s2/grade.json", "r2", "fail", "a:fail");
    put_grade(f, "s3/grade.json", "r3", "pass", "a:pass b:pass");
    struct class_report r;
    load_ok(f, &r);
    LESSON(strcmp(r.exercises[0].first_failure, "a") == 0,
           "b first, then a, once each: the tie goes to 'a', got %s",
           r.exercises[0].first_failure);
    class_free(&r);
}

static void a_report_with_no_failing_case_gives_its_status(void **state)
{
    struct folder *f = *state;
    put_grade(f, "s1/grade.json", "r1", "no-build", "a:not_run");
    put_grade(f, "s2/grade.json", "r2", "timeout", "a:not_run");
    put_grade(f, "s3/grade.json", "r3", "no-build", "a:not_run");
    struct class_report r;
    load_ok(f, &r);
    LESSON(strcmp(r.exercises[0].first_failure, "(no-build)") == 0 &&
               r.exercises[0].first_failure_count == 2,
           "without a failing case the status is the failure: (no-build) "
           "twice, got %s (%zu)", r.exercises[0].first_failure,
           r.exercises[0].first_failure_count);
    class_free(&r);
}

static void a_blank_is_missed_but_is_no_wrong_option(void **state)
{
    struct folder *f = *state;
    put_quiz(f, "s1/quiz.json", "CB", 0, 50);
    put_quiz(f, "s2/quiz.json", "-B", 0, 50);
    put_quiz(f, "s3/quiz.json", "-B", 0, 50);
    put_quiz(f, "s4/quiz.json", "AC", 0, 50);
    struct class_report r;
    load_ok(f, &r);
    assert_int_equal(r.nquestions, 2);
    const struct class_question *q = &r.questions[0];
    LESSON(q->answers == 4 && q->missed == 3 && q->unanswered == 2,
           "Q1: 4 answers, 3 missed (1 wrong, 2 blank): got %zu, %zu, %zu",
           q->answers, q->missed, q->unanswered);
    LESSON(q->wrong_mistake && strcmp(q->wrong_mistake, "m1C") == 0 &&
               q->wrong_count == 1 && q->wrong_letter == 'C',
           "Q1's most-chosen wrong option is C (once): blanks are not an "
           "option; got %s, %zu, '%c'", q->wrong_mistake, q->wrong_count,
           q->wrong_letter);
    q = &r.questions[1];
    LESSON(q->missed == 1 && q->unanswered == 0, "Q2: 1 missed, none blank");
    class_free(&r);
}

static void a_shuffled_quiz_has_no_single_letter(void **state)
{
    struct folder *f = *state;
    put_quiz(f, "s1/quiz.json", "CB", 1, 50);
    put_quiz(f, "s2/quiz.json", "DB", 1, 50);
    put_quiz(f, "s3/quiz.json", "BB", 0, 50);
    struct class_report r;
    load_ok(f, &r);
    const struct class_question *q = &r.questions[0];
    LESSON(q->wrong_mistake && strcmp(q->wrong_mistake, "m1x") == 0 &&
               q->wrong_count == 2,
           "the wrong option is grouped by its mistake, which a shuffle "
           "keeps: m1x twice, got %s (%zu)", q->wrong_mistake,
           q->wrong_count);
    LESSON(q->wrong_letter == '\0', "shuffled answers name no one letter, "
           "got '%c'", q->wrong_letter);
    class_free(&r);
}

static void a_student_is_a_folder_or_a_file(void **state)
{
    struct folder *f = *state;
    put_grade(f, "alice.json", "r1", "pass", "a:pass");
    put_grade(f, "bob.json", "r2", "pass", "a:pass");
    put_grade(f, "carol/grade.json", "r3", "pass", "a:pass");
    put_quiz(f, "carol/quiz.json", "AB", 0, 100);
    put_quiz(f, "carol/sub/quiz.json", "AB", 0, 100);
    put_grade(f, "dave/grade.json", "r1", "pass", "a:pass");
    struct class_report r;
    load_ok(f, &r);
    LESSON(r.students == 3 && r.grade_files == 3 && r.quiz_files == 1,
           "alice.json, bob.json and carol/: 3 students, 3 grade reports, "
           "1 quiz report; got %zu, %zu, %zu", r.students, r.grade_files,
           r.quiz_files);
    LESSON(r.nskipped == 2, "two duplicates: carol's second quiz report and "
           "dave's copy of alice's run (r1); got %zu skipped", r.nskipped);
    LESSON(strcmp(r.skipped[0].path, "carol/sub/quiz.json") == 0 &&
               strstr(r.skipped[0].reason, "student carol") != NULL,
           "carol/sub/quiz.json is carol's second quiz report: %s: %s",
           r.skipped[0].path, r.skipped[0].reason);
    LESSON(strstr(r.skipped[1].reason, "run_id r1") != NULL &&
               strstr(r.skipped[1].reason, "alice.json") != NULL,
           "dave/grade.json repeats alice's run: %s", r.skipped[1].reason);
    class_free(&r);
}

static void the_histograms_put_each_score_in_its_bin(void **state)
{
    struct folder *f = *state;
    static const int percents[] = {0, 9, 10, 99, 100};
    char rel[32];
    for (int i = 0; i < 5; i++) {
        snprintf(rel, sizeof rel, "s%d/quiz.json", i);
        put_quiz(f, rel, "AB", 0, percents[i]);
    }
    put_grade(f, "s0/grade.json", "r0", "pass", "a:pass");
    put_grade(f, "s1/grade.json", "r1", "fail", "a:fail");
    put_grade(f, "s2/grade.json", "r2", "fail", "a:fail");
    struct class_report r;
    load_ok(f, &r);
    LESSON(r.quiz_hist[0] == 2 && r.quiz_hist[1] == 1 && r.quiz_hist[9] == 2,
           "0 and 9 %% in 0-9, 10 %% in 10-19, 99 and 100 %% in 90-100: got "
           "%zu, %zu, %zu", r.quiz_hist[0], r.quiz_hist[1], r.quiz_hist[9]);
    LESSON(r.max_score == 1 && r.score_hist[0] == 2 && r.score_hist[1] == 1,
           "scores 1, 0, 0: got [%zu, %zu]", r.score_hist[0],
           r.score_hist[1]);
    LESSON(r.quiz_passed == 2, "two quiz reports passed, got %zu",
           r.quiz_passed);
    class_free(&r);
}

static void an_empty_folder_is_an_error_and_leaves_nothing(void **state)
{
    struct folder *f = *state;
    struct class_report r;
    struct kit_error err;
    assert_int_equal(class_load(f->path, NULL, &r, &err), KIT_EINVAL);
    LESSON(strstr(err.msg, "is empty") != NULL, "say the folder is empty: "
           "%s", err.msg);
    LESSON(r.dir == NULL && r.nskipped == 0, "on error the report is empty");
    class_free(&r);
    class_free(NULL);
    put(f, "x.json", "{\"run_id\": 1}");
    assert_int_equal(class_load(f->path, NULL, &r, &err), KIT_EINVAL);
    LESSON(strstr(err.msg, "no usable report") != NULL, "%s", err.msg);
}

#define FFFD "\xEF\xBF\xBD"

static char *section_of(const struct class_report *r, const char *svg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(class_write_section(out, r, svg), 0);
    fclose(out);
    return buf;
}

static void the_section_escapes_text_and_prefixes_ids(void **state)
{
    struct folder *f = *state;
    put(f, "plot.svg", "<?xml version=\"1.0\"?>\n<svg width=\"9\" height=\"9\" "
                       "xmlns=\"http://www.w3.org/2000/svg\">\n"
                       "<title>Gnuplot</title>\n<desc>by gnuplot</desc>\n"
                       "<path id='gpPt0'/><use xlink:href='#gpPt0'/>"
                       "<g clip-path=\"url(#gpclip1)\" id=\"gpclip1\"/></svg>"
                       "\ntrailing");
    char svg[128];
    snprintf(svg, sizeof svg, "%s/plot.svg", f->path);
    /* The example: a C0 control, a byte that is not UTF-8, a C1 control
     * (U+0085) and a noncharacter (U+FDD0), each a parse error in HTML. */
    struct class_exercise e = {"<b>&x", 2, 1, "c\"'<",
                               "m\x01\xff" "\xC2\x85" "\xEF\xB7\x90.", 1};
    struct class_skip skip = {"a<b>.json", "not valid JSON"};
    struct class_report r = {.dir = "d&", .students = 2, .grade_files = 2,
                             .exercises = &e, .nexercises = 1,
                             .skipped = &skip, .nskipped = 1};
    char *html = section_of(&r, svg);
    LESSON(strncmp(html, "<section id=\"class\">", 20) == 0 &&
               strcmp(html + strlen(html) - 11, "</section>\n") == 0,
           "one section element, nothing around it:\n%s", html);
    LESSON(strstr(html, "&lt;b&gt;&amp;x") && strstr(html, "c&quot;&#39;&lt;") &&
               strstr(html, "a&lt;b&gt;.json") && strstr(html, "d&amp;"),
           "every student text is escaped:\n%s", html);
    LESSON(strstr(html, "m" FFFD FFFD FFFD FFFD ".") != NULL &&
               strstr(html, "&#xFFFD;") == NULL,
           "the section escapes as the report does (page_text): a control "
           "character, a byte that is not UTF-8, a C1 control and a "
           "noncharacter each become one raw U+FFFD:\n%s", html);
    LESSON(strstr(html, "<?xml") == NULL && strstr(html, "xmlns") == NULL &&
               strstr(html, "trailing") == NULL,
           "the SVG goes in without its prolog, its namespaces (the page "
           "has no addresses) or what follows it:\n%s", html);
    LESSON(strstr(html, "<svg role=\"img\" aria-labelledby=\"class-plot-title\"")
               != NULL &&
               strstr(html, "width=\"100%\" viewBox=\"0 0 9 9\">\n<title "
                            "id=\"class-plot-title\">The class") != NULL,
           "the svg is inlined as the report's plots are (page_svg): "
           "role=img, labelled by its own title first, scaling:\n%s", html);
    LESSON(strstr(html, "id='class-plot-gpPt0'") &&
               strstr(html, "href='#class-plot-gpPt0'") &&
               strstr(html, "url(#class-plot-gpclip1)") &&
               strstr(html, "id=\"class-plot-gpclip1\""),
           "ids and references to them get the class-plot- prefix:\n%s",
           html);
    free(html);
    html = section_of(&r, "/nonexistent.svg");
    LESSON(strstr(html, "<svg") == NULL && strstr(html, "plot is missing"),
           "without the SVG the section says the plot is missing");
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, folder_setup, \
                                                folder_teardown)
        T(the_first_failure_is_the_first_failing_case_in_order),
        T(a_tie_goes_to_the_name_first_in_byte_order),
        T(a_report_with_no_failing_case_gives_its_status),
        T(a_blank_is_missed_but_is_no_wrong_option),
        T(a_shuffled_quiz_has_no_single_letter),
        T(a_student_is_a_folder_or_a_file),
        T(the_histograms_put_each_score_in_its_bin),
        T(an_empty_folder_is_an_error_and_leaves_nothing),
        T(the_section_escapes_text_and_prefixes_ids),
#undef T
    };
    return cmocka_run_group_tests_name("class view", tests, NULL, NULL);
}
