#ifndef CLASS_H
#define CLASS_H

#include <stddef.h>
#include <stdio.h>

#include "status.h"

/*
 * The class view (make class DIR=..., grade --class DIR): every student's
 * build/kata/grade.json and `quiz --json` report, collected into one
 * folder, read with SQLite's JSON functions and aggregated: the pass rate
 * and the most common first failure per exercise, the miss rate and the
 * most-chosen wrong option per quiz question, and histograms of scores.
 * docs/class.md is the instructor's guide.
 *
 * A file's kind comes from its content, not its name.  Its student is the
 * first folder under DIR that holds it (DIR/alice/grade.json is alice's),
 * or the file's name without ".json" when it lies in DIR itself.  Files
 * are read in byte order of their paths; the folder is never written to.
 * A report is a value the caller owns: class_load() fills it,
 * class_free() releases it.
 */

#define CLASS_FILE_MAX (16L << 20) /* bytes in one report file */
#define CLASS_DEPTH_MAX 4          /* folder levels under DIR */
#define CLASS_QUIZ_BINS 10         /* 0-9 %, 10-19 %, ..., 90-100 % */

/* A file that was not used, and why ("not valid JSON (truncated?)"). */
struct class_skip {
    char *path;
    char *reason;
};

/* One exercise across the class.  first_failure is the first failing
 * case's name, or the status in parentheses ("(no-build)") when no case
 * failed; NULL when every report passed.  example is one report's message
 * for it (the first by path). */
struct class_exercise {
    char *name;
    size_t reports, passed;
    char *first_failure, *example;
    size_t first_failure_count;
};

/* One quiz question across the class.  missed counts wrong and unanswered
 * answers.  wrong_mistake is the mistake behind the most-chosen wrong
 * option (NULL when nobody chose one); wrong_letter its letter when every
 * such answer came from an unshuffled quiz with one letter, else '\0'. */
struct class_question {
    long number;
    char *title; /* NULL when the question has none */
    size_t answers, missed, unanswered;
    char *wrong_mistake;
    char wrong_letter;
    size_t wrong_count;
};

struct class_report {
    char *dir;
    size_t students, grade_files, quiz_files;
    struct class_exercise *exercises; /* by name */
    size_t nexercises;
    struct class_question *questions; /* by number */
    size_t nquestions;
    size_t *score_hist; /* score_hist[s]: grade reports with score s */
    size_t max_score;   /* score_hist has max_score + 1 entries */
    size_t quiz_hist[CLASS_QUIZ_BINS];
    size_t quiz_passed;
    struct class_skip *skipped;
    size_t nskipped;
};

/* Reads every file under dir and aggregates the usable ones into *out,
 * which the caller releases with class_free().  Each skipped file is
 * recorded in out->skipped and, when warn is not NULL, named on warn with
 * its reason as it is met.  A dir that cannot be read gives KIT_ENOTFOUND
 * or KIT_ESYS, no usable file KIT_EINVAL, out of memory or an SQLite
 * failure KIT_ENOMEM or KIT_ESYS; on error *out is empty (class_free() on
 * it is still allowed). */
enum kit_status class_load(const char *dir, FILE *warn,
                           struct class_report *out, struct kit_error *err);

/* Releases everything the report owns and leaves it empty.  NULL is a
 * no-op. */
void class_free(struct class_report *r);

/* ---- output (src/class_out.c) ---- */

/* The readable tables for the terminal.  A write error is left in out's
 * error indicator (ferror()) for the caller. */
void class_print_text(FILE *out, const struct class_report *r);

/* The whole report as JSON (docs/class.md lists the fields).  Returns 0,
 * or -1 when the stream reports a write error. */
int class_write_json(FILE *out, const struct class_report *r);

/* The plot's data: four gnuplot index blocks (exercises, questions, kata
 * scores, quiz scores), tab-separated.  Returns 0 or -1 as above. */
int class_write_data(FILE *out, const struct class_report *r);

/* The gnuplot variables plots/class.gp reads (counts, the date).  Returns
 * 0 or -1 as above. */
int class_write_meta(FILE *out, const struct class_report *r,
                     const char *date);

/* The HTML fragment for the instructor's report: one <section id="class">
 * with the tables, every text escaped by page_str() (include/page.h), and
 * the SVG at svg_path inlined (its ids prefixed "class-", a <title> and
 * role="img" aria-label added).  When svg_path cannot be read the section
 * says so instead.  Returns 0 or -1 as above. */
int class_write_section(FILE *out, const struct class_report *r,
                        const char *svg_path);

/* Writes every output into the folder outdir (created when missing):
 * class.json, class.dat, meta.gp, class.svg and class.png (running
 * gnuplot on plot_script, its output in gnuplot.log) and section.html,
 * each through a temporary file and a rename.  Refuses an outdir inside
 * r->dir.  Returns KIT_OK, or KIT_ESYS (KIT_ENOMEM when a file cannot be
 * opened for lack of memory) with the failing path in err; a failed plot
 * still leaves the other files written. */
enum kit_status class_write_all(const struct class_report *r,
                                const char *outdir, const char *plot_script,
                                struct kit_error *err);

#endif /* CLASS_H */
