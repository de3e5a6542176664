/* The class view's outputs: the terminal tables, class.json, the plot's
 * data and variables, the HTML section, and the folder they go to.
 * Every text comes from a student's file, so each writer makes it safe
 * for where it goes: no control characters on a terminal, JSON escapes,
 * HTML escapes, and plain names in the plot. */

#define _XOPEN_SOURCE 700 /* realpath */

#include "class.h"

#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>

#include "json.h"
#include "page.h"
#include "utf8.h"

#define CLASS_SVG_MAX (8L << 20)
#define CLASS_BAR 40 /* characters of the longest histogram bar */

extern char **environ;

static double class_share(size_t part, size_t whole)
{
    return whole > 0 ? (double)part / (double)whole : 0.0;
}

static double class_rate(size_t part, size_t whole)
{
    return whole > 0 ? 100.0 * (double)part / (double)whole : 0.0;
}

/* ---- text ---- */

/* At most max bytes of s, whole UTF-8 sequences only, each control
 * character (a terminal escape, a line break) as '?'. */
static void class_plain(FILE *out, const char *s, size_t max)
{
    size_t n = utf8_fit(s, strlen(s), max);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        fputc(ch < 0x20 || ch == 0x7f ? '?' : ch, out);
    }
    if (n < strlen(s))
        fputs("...", out);
}

static void class_text_exercises(FILE *out, const struct class_report *r)
{
    fprintf(out, "\n%-16s %9s %7s  %s\n", "exercise", "passed", "rate",
            "most common first failure (reports)");
    for (size_t i = 0; i < r->nexercises; i++) {
        const struct class_exercise *e = &r->exercises[i];
        fputc(' ', out);
        class_plain(out, e->name, 15);
        fprintf(out, "%*s %4zu/%-4zu %6.1f%%  ",
                (int)(15 - utf8_fit(e->name, strlen(e->name), 15)), "",
                e->passed, e->reports, class_rate(e->passed, e->reports));
        if (e->first_failure == NULL)
            fputs("-", out);
        else
            class_plain(out, e->first_failure, 60);
        if (e->first_failure != NULL)
            fprintf(out, " (%zu)", e->first_failure_count);
        fputc('\n', out);
    }
}

static void class_text_questions(FILE *out, const struct class_report *r)
{
    fprintf(out, "\n%-4s %9s %7s %5s  %s\n", "quiz", "missed", "rate",
            "blank", "most-chosen wrong option (answers): its mistake");
    for (size_t i = 0; i < r->nquestions; i++) {
        const struct class_question *q = &r->questions[i];
        fprintf(out, " Q%-3ld %4zu/%-4zu %6.1f%% %5zu  ", q->number,
                q->missed, q->answers, class_rate(q->missed, q->answers),
                q->unanswered);
        if (q->wrong_mistake == NULL) {
            fputs("-\n", out);
            continue;
        }
        fprintf(out, "%c (%zu): ", q->wrong_letter ? q->wrong_letter : '?',
                q->wrong_count);
        class_plain(out, q->wrong_mistake, 50);
        fputc('\n', out);
    }
}

/* One histogram row: label, count and a bar scaled to the largest. */
static void class_bar(FILE *out, const char *label, size_t n, size_t top)
{
    size_t len = top > 0 ? (n * CLASS_BAR + top - 1) / top : 0;
    fprintf(out, " %-10s %5zu  ", label, n);
    for (size_t i = 0; i < len; i++)
        fputc('#', out);
    fputc('\n', out);
}

static size_t class_top(const size_t *v, size_t n)
{
    size_t top = 0;
    for (size_t i = 0; i < n; i++)
        top = v[i] > top ? v[i] : top;
    return top;
}

static void class_text_histograms(FILE *out, const struct class_report *r)
{
    char label[32];
    if (r->grade_files > 0) {
        fprintf(out, "\n%-11s %5s\n", "kata score", "reports");
        size_t top = class_top(r->score_hist, r->max_score + 1);
        for (size_t s = 0; s <= r->max_score; s++) {
            snprintf(label, sizeof label, "%zu/%zu", s, r->max_score);
            class_bar(out, label, r->score_hist[s], top);
        }
    }
    if (r->quiz_files > 0) {
        fprintf(out, "\n%-11s %5s\n", "quiz score", "reports");
        size_t top = class_top(r->quiz_hist, CLASS_QUIZ_BINS);
        for (size_t b = 0; b < CLASS_QUIZ_BINS; b++) {
            snprintf(label, sizeof label, "%zu-%zu%%", b * 10,
                     b + 1 < CLASS_QUIZ_BINS ? b * 10 + 9 : 100);
            class_bar(out, label, r->quiz_hist[b], top);
        }
    }
}

void class_print_text(FILE *out, const struct class_report *r)
{
    fputs("class: ", out);
    class_plain(out, r->dir, 200);
    fprintf(out, ": %zu students, %zu grade reports, %zu quiz reports "
                 "(%zu passed), %zu files skipped\n",
            r->students, r->grade_files, r->quiz_files, r->quiz_passed,
            r->nskipped);
    if (r->nexercises > 0)
        class_text_exercises(out, r);
    if (r->nquestions > 0)
        class_text_questions(out, r);
    class_text_histograms(out, r);
}

/* ---- JSON ---- */

static void class_json_exercise(struct json_writer *w,
                                const struct class_exercise *e)
{
    json_begin_object(w);
    json_str(json_key(w, "name"), e->name);
    json_uint(json_key(w, "reports"), e->reports);
    json_uint(json_key(w, "passed"), e->passed);
    json_double(json_key(w, "pass_rate"), class_share(e->passed, e->reports),
                4);
    if (e->first_failure == NULL) {
        json_null(json_key(w, "first_failure"));
    } else {
        json_begin_object(json_key(w, "first_failure"));
        json_str(json_key(w, "case"), e->first_failure);
        json_uint(json_key(w, "reports"), e->first_failure_count);
        json_str(json_key(w, "example"), e->example);
        json_end_object(w);
    }
    json_end_object(w);
}

static void class_json_question(struct json_writer *w,
                                const struct class_question *q)
{
    char letter[2] = {q->wrong_letter, '\0'};
    json_begin_object(w);
    json_int(json_key(w, "number"), q->number);
    json_str(json_key(w, "title"), q->title);
    json_uint(json_key(w, "answers"), q->answers);
    json_uint(json_key(w, "missed"), q->missed);
    json_uint(json_key(w, "unanswered"), q->unanswered);
    json_double(json_key(w, "miss_rate"), class_share(q->missed, q->answers),
                4);
    if (q->wrong_mistake == NULL) {
        json_null(json_key(w, "most_chosen_wrong"));
    } else {
        json_begin_object(json_key(w, "most_chosen_wrong"));
        json_str(json_key(w, "letter"), q->wrong_letter ? letter : NULL);
        json_uint(json_key(w, "answers"), q->wrong_count);
        json_str(json_key(w, "mistake"), q->wrong_mistake);
        json_end_object(w);
    }
    json_end_object(w);
}

static void class_json_histograms(struct json_writer *w,
                                  const struct class_report *r)
{
    json_begin_object(json_key(w, "score_histogram"));
    json_uint(json_key(w, "max_score"), r->max_score);
    json_begin_array(json_key(w, "reports"));
    for (size_t s = 0; r->grade_files > 0 && s <= r->max_score; s++)
        json_uint(w, r->score_hist[s]);
    json_end_array(w);
    json_end_object(w);
    json_begin_array(json_key(w, "quiz_histogram"));
    for (size_t b = 0; b < CLASS_QUIZ_BINS; b++) {
        json_begin_object(w);
        json_uint(json_key(w, "from"), b * 10);
        json_uint(json_key(w, "to"), b + 1 < CLASS_QUIZ_BINS ? b * 10 + 9 : 100);
        json_uint(json_key(w, "reports"), r->quiz_hist[b]);
        json_end_object(w);
    }
    json_end_array(w);
}

int class_write_json(FILE *out, const struct class_report *r)
{
    struct json_writer w;
    json_init(&w, out, 2);
    json_begin_object(&w);
    json_str(json_key(&w, "dir"), r->dir);
    json_uint(json_key(&w, "students"), r->students);
    json_uint(json_key(&w, "grade_reports"), r->grade_files);
    json_uint(json_key(&w, "quiz_reports"), r->quiz_files);
    json_uint(json_key(&w, "quiz_passed"), r->quiz_passed);
    json_begin_array(json_key(&w, "exercises"));
    for (size_t i = 0; i < r->nexercises; i++)
        class_json_exercise(&w, &r->exercises[i]);
    json_end_array(&w);
    json_begin_array(json_key(&w, "questions"));
    for (size_t i = 0; i < r->nquestions; i++)
        class_json_question(&w, &r->questions[i]);
    json_end_array(&w);
    class_json_histograms(&w, r);
    json_begin_array(json_key(&w, "skipped"));
    for (size_t i = 0; i < r->nskipped; i++) {
        json_begin_object(&w);
        json_str(json_key(&w, "path"), r->skipped[i].path);
        json_str(json_key(&w, "reason"), r->skipped[i].reason);
        json_end_object(&w);
    }
    json_end_array(&w);
    json_end_object(&w);
    return json_end(&w, NULL) == KIT_OK ? 0 : -1;
}

/* ---- the plot's data and variables ---- */

/* A name as a gnuplot label: letters, digits and "_.-" kept, anything
 * else (a quote, a tab, markup) as '?'. */
static void class_label(FILE *out, const char *s)
{
    for (size_t i = 0; s[i] != '\0' && i < 40; i++) {
        unsigned char ch = (unsigned char)s[i];
        bool plain = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                     (ch >= 'A' && ch <= 'Z') || strchr("_.-", ch) != NULL;
        fputc(plain && ch != '\0' ? ch : '?', out);
    }
}

int class_write_data(FILE *out, const struct class_report *r)
{
    fputs("# index 0: exercise, name, pass rate (%)\n", out);
    for (size_t i = 0; i < r->nexercises; i++) {
        fprintf(out, "%zu\t", i);
        class_label(out, r->exercises[i].name);
        fprintf(out, "\t%.2f\n", class_rate(r->exercises[i].passed,
                                            r->exercises[i].reports));
    }
    fputs("\n\n# index 1: question, miss rate (%)\n", out);
    for (size_t i = 0; i < r->nquestions; i++)
        fprintf(out, "%ld\t%.2f\n", r->questions[i].number,
                class_rate(r->questions[i].missed, r->questions[i].answers));
    fputs("\n\n# index 2: kata score, reports\n", out);
    for (size_t s = 0; r->grade_files > 0 && s <= r->max_score; s++)
        fprintf(out, "%zu\t%zu\n", s, r->score_hist[s]);
    fputs("\n\n# index 3: quiz score bin (first percent), reports\n", out);
    for (size_t b = 0; r->quiz_files > 0 && b < CLASS_QUIZ_BINS; b++)
        fprintf(out, "%zu\t%zu\n", b * 10, r->quiz_hist[b]);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

int class_write_meta(FILE *out, const struct class_report *r,
                     const char *date)
{
    fprintf(out, "# Written by grade --class for plots/class.gp.\n"
                 "machine = 'class view'\ndate = '%s'\nimpl = '-'\n"
                 "students = %zu\nnex = %zu\nnq = %zu\n"
                 "ngrade = %zu\nnquiz = %zu\nmax_score = %zu\n",
            date, r->students, r->nexercises, r->nquestions, r->grade_files,
            r->quiz_files, r->max_score);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* ---- HTML ---- */

static const char class_alt[] =
    "Four panels. Top left: the pass rate of each exercise, in percent. "
    "Top right: the miss rate of each quiz question, in percent. Bottom "
    "left: how many grade reports reached each kata score. Bottom right: "
    "how many quiz reports fell in each band of ten percent.";

/* The SVG at path inline, as the report inlines its plots (page_svg():
 * no prolog or namespaces, scaling, role, title and text alternative, ids
 * prefixed "class-plot-").  -1 when it cannot be read or is no SVG. */
static int class_svg(FILE *out, const char *path)
{
    char why[160];
    FILE *f = fopen(path, "rb");
    char *buf = f != NULL ? malloc(CLASS_SVG_MAX + 1) : NULL;
    size_t n = buf != NULL ? fread(buf, 1, CLASS_SVG_MAX, f) : 0;
    if (f != NULL)
        fclose(f);
    int rc = buf == NULL ? -1
                         : page_svg(out, buf, n, "class-plot",
                                    "The class: pass rates, miss rates and "
                                    "scores", class_alt, why, sizeof why);
    free(buf);
    return rc;
}

static void class_html_exercises(FILE *out, const struct class_report *r)
{
    fputs("<h3>Exercises</h3>\n<table>\n<thead><tr><th>exercise</th>"
          "<th>passed</th><th>pass rate</th><th>most common first failure"
          "</th><th>reports</th><th>for example</th></tr></thead>\n<tbody>\n",
          out);
    for (size_t i = 0; i < r->nexercises; i++) {
        const struct class_exercise *e = &r->exercises[i];
        fputs("<tr><td>", out);
        page_str(out, e->name);
        fprintf(out, "</td><td>%zu of %zu</td><td>%.1f%%</td><td>",
                e->passed, e->reports, class_rate(e->passed, e->reports));
        page_str(out, e->first_failure ? e->first_failure : "-");
        fprintf(out, "</td><td>%zu</td><td>", e->first_failure_count);
        page_str(out, e->example ? e->example : "");
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

static void class_html_questions(FILE *out, const struct class_report *r)
{
    fputs("<h3>Quiz questions</h3>\n<table>\n<thead><tr><th>question</th>"
          "<th>missed</th><th>miss rate</th><th>unanswered</th>"
          "<th>most-chosen wrong option</th><th>its mistake</th></tr>"
          "</thead>\n<tbody>\n", out);
    for (size_t i = 0; i < r->nquestions; i++) {
        const struct class_question *q = &r->questions[i];
        fprintf(out, "<tr><td>Q%ld ", q->number);
        page_str(out, q->title ? q->title : "");
        fprintf(out, "</td><td>%zu of %zu</td><td>%.1f%%</td><td>%zu</td>"
                     "<td>", q->missed, q->answers,
                class_rate(q->missed, q->answers), q->unanswered);
        if (q->wrong_mistake != NULL)
            fprintf(out, "%c, %zu answers",
                    q->wrong_letter ? q->wrong_letter : '?', q->wrong_count);
        fputs("</td><td>", out);
        page_str(out, q->wrong_mistake ? q->wrong_mistake : "-");
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

static void class_html_skipped(FILE *out, const struct class_report *r)
{
    fprintf(out, "<h3>Skipped files</h3>\n<p>%zu file%s not used.</p>\n",
            r->nskipped, r->nskipped == 1 ? " was" : "s were");
    if (r->nskipped == 0)
        return;
    fputs("<ul>\n", out);
    for (size_t i = 0; i < r->nskipped; i++) {
        fputs("<li><code>", out);
        page_str(out, r->skipped[i].path);
        fputs("</code>: ", out);
        page_str(out, r->skipped[i].reason);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

int class_write_section(FILE *out, const struct class_report *r,
                        const char *svg_path)
{
    fputs("<section id=\"class\">\n<h2>The class</h2>\n<p>", out);
    fprintf(out, "%zu students: %zu grade reports and %zu quiz reports "
                 "(%zu at the pass mark), from <code>",
            r->students, r->grade_files, r->quiz_files, r->quiz_passed);
    page_str(out, r->dir);
    fputs("</code>.</p>\n<figure>\n", out);
    if (class_svg(out, svg_path) != 0)
        fputs("<p>The plot is missing: gnuplot did not write it (see "
              "gnuplot.log beside this file).</p>", out);
    fputs("\n<figcaption>", out);
    page_str(out, class_alt);
    fputs("</figcaption>\n</figure>\n", out);
    if (r->nexercises > 0)
        class_html_exercises(out, r);
    if (r->nquestions > 0)
        class_html_questions(out, r);
    class_html_skipped(out, r);
    fputs("</section>\n", out);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* ---- the folder ---- */

/* mkdir -p path.  0 or -1 (errno set). */
static int class_mkdirs(const char *path)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = buf + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* The real path of path's nearest existing ancestor (path itself when it
 * exists) into out[PATH_MAX]; NULL with errno on failure. */
static char *class_real(const char *path, char *out)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    while (realpath(buf, out) == NULL) {
        char *slash = strrchr(buf, '/');
        if (errno != ENOENT || strcmp(buf, ".") == 0)
            return NULL;
        while (slash != NULL && slash > buf && slash[-1] == '/')
            slash--;
        if (slash == NULL)
            snprintf(buf, sizeof buf, ".");
        else
            slash[slash == buf] = '\0';
    }
    return out;
}

/* Refuses an output folder inside the class folder, before anything is
 * created: the class folder is only ever read, whatever its
 * permissions. */
static enum kit_status class_outside(const char *dir, const char *outdir,
                                     struct kit_error *err)
{
    char a[PATH_MAX], b[PATH_MAX];
    if (class_real(dir, a) == NULL || class_real(outdir, b) == NULL)
        return kit_error_set(err, KIT_ESYS, "class: %s: %s", outdir,
                             strerror(errno));
    size_t n = strlen(a);
    if (strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == '/' || n == 1))
        return kit_error_set(err, KIT_EINVAL, "class: the output folder %s "
                             "is inside the class folder %s, which is never "
                             "written to: choose another (--out)", outdir,
                             dir);
    return KIT_OK;
}

enum class_what { CLASS_JSON, CLASS_DATA, CLASS_META, CLASS_SECTION };

/* Writes outdir/name through a temporary file and a rename. */
static enum kit_status class_save(const struct class_report *r,
                                  const char *outdir, const char *name,
                                  enum class_what what, const char *extra,
                                  struct kit_error *err)
{
    char path[PATH_MAX], tmp[PATH_MAX + 8];
    snprintf(path, sizeof path, "%s/%s", outdir, name);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    int e = errno;
    if (f == NULL)
        return kit_error_set(err, kit_errno_status(e), "class: cannot write "
                             "%s: %s", tmp, kit_errno_text(e));
    int rc = what == CLASS_JSON ? class_write_json(f, r)
             : what == CLASS_DATA ? class_write_data(f, r)
             : what == CLASS_META ? class_write_meta(f, r, extra)
                                  : class_write_section(f, r, extra);
    if (fclose(f) != 0 || rc != 0 || rename(tmp, path) != 0) {
        remove(tmp);
        return kit_error_set(err, KIT_ESYS, "class: cannot write %s", path);
    }
    return KIT_OK;
}

/* Runs gnuplot on script, its output in outdir/gnuplot.log.  The images
 * are removed first, so a failed run leaves none behind. */
static enum kit_status class_plot(const char *outdir, const char *script,
                                  struct kit_error *err)
{
    char log[PATH_MAX], vars[PATH_MAX * 2 + 64], svg[PATH_MAX], png[PATH_MAX];
    snprintf(log, sizeof log, "%s/gnuplot.log", outdir);
    snprintf(svg, sizeof svg, "%s/class.svg", outdir);
    snprintf(png, sizeof png, "%s/class.png", outdir);
    snprintf(vars, sizeof vars, "dir='%s'; out='%s/class'", outdir, outdir);
    remove(svg);
    remove(png);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    /* Each action is allocated: without one, gnuplot would write on our
     * stdout. */
    int fe = posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY |
                                              O_CREAT | O_TRUNC, 0666);
    if (fe == 0)
        fe = posix_spawn_file_actions_adddup2(&fa, 1, 2);
    if (fe != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return kit_error_set(err, kit_errno_status(fe), "class: cannot run "
                             "gnuplot: %s", kit_errno_text(fe));
    }
    char *argv[] = {"gnuplot", "-e", vars, (char *)script, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ), st = 0;
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return kit_error_set(err, KIT_ESYS, "class: cannot run gnuplot (%s):"
                             " make deps installs it", strerror(rc));
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        continue;
    struct stat s1, s2;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || stat(svg, &s1) != 0 ||
        stat(png, &s2) != 0 || s1.st_size == 0 || s2.st_size == 0)
        return kit_error_set(err, KIT_ESYS, "class: gnuplot failed on %s "
                             "(its output: %s)", script, log);
    return KIT_OK;
}

enum kit_status class_write_all(const struct class_report *r,
                                const char *outdir, const char *plot_script,
                                struct kit_error *err)
{
    if (strpbrk(outdir, "'\n") != NULL || strlen(outdir) > PATH_MAX - 64)
        return kit_error_set(err, KIT_EINVAL, "class: the output folder's "
                             "name may not hold a quote or a line break, "
                             "and at most %d bytes", PATH_MAX - 64);
    enum kit_status s = class_outside(r->dir, outdir, err);
    if (s != KIT_OK)
        return s;
    if (class_mkdirs(outdir) != 0)
        return kit_error_set(err, KIT_ESYS, "class: cannot create %s: %s",
                             outdir, strerror(errno));
    char date[64], svg[PATH_MAX];
    time_t t = time(NULL);
    struct tm tm;
    strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", gmtime_r(&t, &tm));
    snprintf(svg, sizeof svg, "%s/class.svg", outdir);
    if (s == KIT_OK)
        s = class_save(r, outdir, "class.json", CLASS_JSON, NULL, err);
    if (s == KIT_OK)
        s = class_save(r, outdir, "class.dat", CLASS_DATA, NULL, err);
    if (s == KIT_OK)
        s = class_save(r, outdir, "meta.gp", CLASS_META, date, err);
    if (s != KIT_OK)
        return s;
    struct kit_error plot_err;
    enum kit_status plotted = class_plot(outdir, plot_script, &plot_err);
    s = class_save(r, outdir, "section.html", CLASS_SECTION, svg, err);
    if (s == KIT_OK && plotted != KIT_OK && err != NULL)
        *err = plot_err;
    return s != KIT_OK ? s : plotted;
}
