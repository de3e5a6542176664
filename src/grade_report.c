/* The grader's reports: the table, the progress line, JSON and JUnit XML,
 * and what of the build log goes into them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "grade.h"
#include "json.h"
#include "utf8.h"

unsigned grade_points(const struct grade_entry *e)
{
    return e->result.status == GRADE_PASS;
}

static unsigned grade_score(const struct grade_entry *e, size_t n)
{
    unsigned score = 0;
    for (size_t i = 0; i < n; i++)
        score += grade_points(&e[i]);
    return score;
}

/* The first exercise that does not pass, or NULL. */
static const struct grade_entry *grade_first_open(const struct grade_entry *e,
                                                  size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (e[i].result.status != GRADE_PASS)
            return &e[i];
    return NULL;
}

/* --- the table ----------------------------------------------------------- */

static const char *grade_colour(enum grade_status s)
{
    switch (s) {
    case GRADE_PASS:
        return "\033[32m"; /* green */
    case GRADE_FAIL:
        return "\033[31m"; /* red */
    default:
        return "\033[35m"; /* magenta: crash, sanitizer, timeout, no build */
    }
}

/* Prints text with every line indented by two spaces. */
static void grade_indented(FILE *f, const char *text)
{
    while (*text != '\0') {
        size_t n = strcspn(text, "\n");
        fprintf(f, "  %.*s\n", (int)n, text);
        text += n + (text[n] == '\n');
    }
}

static void grade_row(FILE *f, const struct grade_entry *e, bool color)
{
    char tests[32];
    snprintf(tests, sizeof tests, "%u/%u", e->result.passed,
             e->result.total);
    fprintf(f, "%-15s %-32s %7s %6u/1  %s%s%s\n", e->exercise, e->quiz,
            tests, grade_points(e), color ? grade_colour(e->result.status) : "",
            grade_status_name(e->result.status), color ? "\033[0m" : "");
    if (e->result.note[0] != '\0')
        fprintf(f, "%15s note: %s\n", "", e->result.note);
}

/* Prints text as a list item: the first line after "  - ", a few more
 * indented under it, then how many lines were left out. */
static void grade_item(FILE *f, const char *text)
{
    const char *lead = "  - ";
    for (int shown = 0; *text != '\0'; shown++) {
        size_t n = strcspn(text, "\n");
        if (shown == 4) {
            size_t rest = 1;
            for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
                rest += p[1] != '\0';
            fprintf(f, "    (%zu more lines)\n", rest);
            return;
        }
        fprintf(f, "%s%.*s\n", lead, (int)n, text);
        text += n + (text[n] == '\n');
        lead = "    ";
    }
}

/* Every failing case of one exercise with its message, at most `max`
 * (the rest as a count); a run that ended abnormally first says why. */
static void grade_failures_of(FILE *f, const struct grade_entry *e,
                              size_t max)
{
    const struct grade_result *r = &e->result;
    fprintf(f, "\nkata/%s.c: %s, %u of %u cases pass\n", e->exercise,
            grade_status_name(r->status), r->passed, r->total);
    if (r->status != GRADE_FAIL)
        grade_indented(f, r->first_failure);
    size_t shown = 0, failed = 0;
    for (size_t i = 0; i < r->ncases; i++) {
        const struct grade_case *c = &r->cases[i];
        if (!c->ended || c->ok)
            continue;
        if (failed++ >= max)
            continue;
        char line[GRADE_NAME_MAX + GRADE_MSG_MAX + 4];
        snprintf(line, sizeof line, "%s: %s", c->name,
                 c->message[0] ? c->message : "failed");
        grade_item(f, line);
        shown++;
    }
    if (failed > shown)
        fprintf(f, "  ... and %zu more failing cases (all of them: "
                   "build/kata/grade.json)\n",
                failed - shown);
}

static void grade_header(FILE *f)
{
    fprintf(f, "%-15s %-32s %7s %8s  %s\n", "exercise", "quiz question",
            "tests", "points", "status");
}

void grade_print_table(FILE *f, const struct grade_entry *e, size_t n,
                       bool color)
{
    grade_header(f);
    for (size_t i = 0; i < n; i++)
        grade_row(f, &e[i], color);
    fprintf(f, "\nscore: %u/%zu exercises\n", grade_score(e, n), n);
    const struct grade_entry *open = grade_first_open(e, n);
    if (open == NULL) {
        fprintf(f, n == 1 ? "Done: kata/%s.c passes.\n"
                          : "All done: every exercise passes.\n",
                e[0].exercise);
        return;
    }
    /* The next exercise's failures in full (up to a screen), a taste of
     * the others'. */
    for (size_t i = 0; i < n; i++)
        if (e[i].result.status != GRADE_PASS)
            grade_failures_of(f, &e[i], &e[i] == open ? 12 : 2);
    fprintf(f, "\nnext: kata/%s.c (%s)\n", open->exercise,
            grade_status_name(open->result.status));
    if (open->hint != NULL) {
        fprintf(f, "hint (more: make hint KATA=%.2s):\n", open->exercise);
        grade_indented(f, open->hint);
    }
}

void grade_print_progress(FILE *f, const struct grade_entry *e, size_t n)
{
    grade_header(f);
    for (size_t i = 0; i < n; i++)
        grade_row(f, &e[i], false);
    const struct grade_entry *open = grade_first_open(e, n);
    if (open == NULL)
        fprintf(f, "kata: %u/%zu done — all exercises pass\n",
                grade_score(e, n), n);
    else
        fprintf(f, "kata: %u/%zu done — next: kata/%s.c (make test "
                   "KATA=%.2s, or make watch)\n",
                grade_score(e, n), n, open->exercise, open->exercise);
}

/* --- JSON ---------------------------------------------------------------- */

/* "kata/<exercise>.c" as a JSON string; -1 when out of memory. */
static int grade_json_file(struct json_writer *w, const char *exercise)
{
    size_t n = strlen(exercise) + sizeof "kata/.c";
    char *file = malloc(n);
    if (file == NULL)
        return -1;
    snprintf(file, n, "kata/%s.c", exercise);
    json_str(w, file);
    free(file);
    return 0;
}

/* One case: its name, "pass", "fail" or "not run", and its message
 * (null unless it failed). */
static void grade_json_case(struct json_writer *w, const struct grade_case *c)
{
    bool failed = c->ended && !c->ok;
    json_begin_object(w);
    json_str(json_key(w, "name"), c->name);
    json_str(json_key(w, "status"),
             !c->ended ? "not run" : c->ok ? "pass" : "fail");
    json_str(json_key(w, "message"),
             !failed ? NULL : c->message[0] ? c->message : "failed");
    json_end_object(w);
}

static int grade_json_entry(struct json_writer *w,
                            const struct grade_entry *e)
{
    const struct grade_result *r = &e->result;
    bool pass = r->status == GRADE_PASS;
    json_begin_object(w);
    json_str(json_key(w, "exercise"), e->exercise);
    if (grade_json_file(json_key(w, "file"), e->exercise) != 0)
        return -1;
    json_str(json_key(w, "quiz"), e->quiz);
    json_str(json_key(w, "status"), grade_status_name(r->status));
    json_uint(json_key(w, "passed"), r->passed);
    json_uint(json_key(w, "total"), r->total);
    json_uint(json_key(w, "points"), grade_points(e));
    json_uint(json_key(w, "max_points"), 1);
    json_double(json_key(w, "seconds"), r->seconds, 3);
    json_str(json_key(w, "first_failure"), pass ? NULL : r->first_failure);
    json_str(json_key(w, "note"), r->note[0] ? r->note : NULL);
    json_str(json_key(w, "hint"), pass ? NULL : e->hint);
    json_begin_array(json_key(w, "cases"));
    for (size_t i = 0; i < r->ncases; i++)
        grade_json_case(w, &r->cases[i]);
    json_end_array(w);
    json_end_object(w);
    return 0;
}

int grade_write_json(FILE *f, const struct grade_entry *e, size_t n,
                     const struct grade_run_info *info)
{
    struct json_writer w;
    json_init(&w, f, 4);
    json_begin_object(&w);
    json_str(json_key(&w, "run_id"), info->run_id);
    json_str(json_key(&w, "mode"), grade_mode_name(info->mode));
    json_str(json_key(&w, "mode_reason"),
             info->mode_why[0] ? info->mode_why : NULL);
    json_uint(json_key(&w, "score"), grade_score(e, n));
    json_uint(json_key(&w, "max_score"), n);
    json_double(json_key(&w, "timeout_seconds"), info->timeout_s, -1);
    json_begin_array(json_key(&w, "exercises"));
    for (size_t i = 0; i < n; i++)
        if (grade_json_entry(&w, &e[i]) != 0)
            return -1;
    json_end_array(&w);
    json_end_object(&w);
    return json_end(&w, NULL) == KIT_OK ? 0 : -1;
}

/* --- JUnit XML ----------------------------------------------------------- */

/* XML text: markup characters as entities, other control characters
 * dropped, each byte that is not UTF-8 as U+FFFD (a test program may print
 * anything; the report must still parse). */
static void grade_xml_text(FILE *f, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        size_t len = utf8_seq_len(u + i, n - i);
        switch (len == 0 ? 0x100 : c) {
        case 0x100: fputs("&#xFFFD;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\n': fputs("&#10;", f); break;
        case '\t': fputs("&#9;", f); break;
        default:
            if (c >= 0x20)
                fwrite(u + i, 1, len, f);
        }
        i += len ? len : 1;
    }
}

static unsigned grade_failures(const struct grade_result *r)
{
    unsigned failed = 0;
    for (size_t i = 0; i < r->ncases; i++)
        failed += r->cases[i].ended && !r->cases[i].ok;
    return failed; /* a case that never ran is skipped, not failed */
}

static void grade_junit_case(FILE *f, const char *suite,
                             const struct grade_case *c)
{
    fputs("    <testcase classname=\"", f);
    grade_xml_text(f, suite);
    fputs("\" name=\"", f);
    grade_xml_text(f, c->name);
    fprintf(f, "\" time=\"%.3f", c->seconds);
    if (c->ok) {
        fputs("\"/>\n", f);
        return;
    }
    if (!c->ended) {
        fputs("\">\n      <skipped message=\"did not run: the tests stopped "
              "earlier\"/>\n    </testcase>\n", f);
        return;
    }
    fputs("\">\n      <failure message=\"", f);
    grade_xml_text(f, c->message[0] ? c->message : "failed");
    fputs("\"/>\n    </testcase>\n", f);
}

/* A run that did not end normally is one more testcase, with an error,
 * the run's time, and for a missing build the compiler's errors. */
static void grade_junit_error(FILE *f, const struct grade_entry *e)
{
    const struct grade_result *r = &e->result;
    fputs("    <testcase classname=\"", f);
    grade_xml_text(f, e->exercise);
    fprintf(f, "\" name=\"(test program)\" time=\"%.3f\">\n"
               "      <error type=\"%s\" message=\"",
            r->seconds, grade_status_name(r->status));
    grade_xml_text(f, r->first_failure);
    fputs("\"/>\n", f);
    if (r->status == GRADE_NOBUILD && e->build_errors != NULL) {
        fputs("      <system-err>", f);
        grade_xml_text(f, e->build_errors);
        fputs("</system-err>\n", f);
    }
    fputs("    </testcase>\n", f);
}

static bool grade_abnormal(const struct grade_result *r)
{
    return r->status != GRADE_PASS && r->status != GRADE_FAIL;
}

static void grade_junit_suite(FILE *f, const struct grade_entry *e)
{
    const struct grade_result *r = &e->result;
    bool abnormal = grade_abnormal(r);
    fputs("  <testsuite name=\"", f);
    grade_xml_text(f, e->exercise);
    fprintf(f, "\" tests=\"%zu\" failures=\"%u\" errors=\"%d\" "
               "time=\"%.3f\">\n",
            r->ncases + abnormal, grade_failures(r), abnormal, r->seconds);
    for (size_t i = 0; i < r->ncases; i++)
        grade_junit_case(f, e->exercise, &r->cases[i]);
    if (abnormal)
        grade_junit_error(f, e);
    fputs("  </testsuite>\n", f);
}

int grade_write_junit(FILE *f, const struct grade_entry *e, size_t n)
{
    size_t tests = 0;
    unsigned failures = 0, errors = 0;
    for (size_t i = 0; i < n; i++) {
        tests += e[i].result.ncases + grade_abnormal(&e[i].result);
        failures += grade_failures(&e[i].result);
        errors += grade_abnormal(&e[i].result);
    }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<testsuites name=\"stagekit kata\" tests=\"%zu\" "
               "failures=\"%u\" errors=\"%u\">\n",
            tests, failures, errors);
    for (size_t i = 0; i < n; i++)
        grade_junit_suite(f, &e[i]);
    fputs("</testsuites>\n", f);
    return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

/* --- the build log ------------------------------------------------------------ */

struct grade_text {
    char *s;
    size_t len, cap;
    bool cut;            /* a line did not fit in GRADE_BUILD_ERRORS_MAX */
};

/* Appends line[0..n), unless it would pass the limit (then t->cut), or
 * past it when over is true.  -1 when memory runs out. */
static int grade_text_add(struct grade_text *t, const char *line, size_t n,
                          bool over)
{
    if (!over && (t->cut || t->len + n + 1 > GRADE_BUILD_ERRORS_MAX)) {
        t->cut = true;
        return 0;
    }
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *s = realloc(t->s, cap);
        if (s == NULL)
            return -1;
        t->s = s;
        t->cap = cap;
    }
    memcpy(t->s + t->len, line, n);
    t->len += n;
    t->s[t->len] = '\0';
    return 0;
}

/* Whether line starts a diagnostic: about the exercise, or (any) about
 * anything, when it says "error:" or the linker's "undefined reference". */
static bool grade_diagnostic(const char *line, const char *exercise, bool any)
{
    static const char *const says[] = {"error:", "undefined reference",
                                       "warning:", "note:", "In function"};
    char want[GRADE_NAME_MAX + 2];
    snprintf(want, sizeof want, "%s.", exercise);
    if (!any && strstr(line, want) == NULL)
        return false;
    for (size_t i = 0; i < (any ? 2 : sizeof says / sizeof says[0]); i++)
        if (strstr(line, says[i]) != NULL)
            return true;
    return false;
}

/* The diagnostics of the log f, each with the indented lines under it
 * (gcc's and clang's source line and caret), into t. */
static int grade_scan_log(FILE *f, const char *exercise, bool any,
                          struct grade_text *t)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool in = false;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
        bool context = line[0] == ' ' || line[0] == '\t';
        in = grade_diagnostic(line, exercise, any) || (in && context);
        if (in)
            rc = grade_text_add(t, line, (size_t)n, false);
    }
    free(line);
    return rc;
}

char *grade_build_errors(const char *path, const char *exercise)
{
    FILE *f = path != NULL ? fopen(path, "r") : NULL;
    if (f == NULL)
        return NULL;
    struct grade_text t = {NULL, 0, 0, false};
    int rc = grade_scan_log(f, exercise, false, &t);
    if (rc == 0 && t.len == 0) {
        rewind(f);
        rc = grade_scan_log(f, exercise, true, &t);
    }
    fclose(f);
    if (rc == 0 && t.cut) {
        char note[4200];
        int n = snprintf(note, sizeof note, "[cut at %u KiB: the whole "
                                            "output is in %s]\n",
                         GRADE_BUILD_ERRORS_MAX >> 10, path);
        rc = grade_text_add(&t, note, (size_t)n < sizeof note ? (size_t)n
                                                              : sizeof note - 1,
                            true);
    }
    if (rc != 0 || t.len == 0) {
        free(t.s);
        return NULL;
    }
    return t.s;
}
