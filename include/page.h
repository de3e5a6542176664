#ifndef PAGE_H
#define PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

/*
 * The instructor's report (`make report`, src/cmd/report.c): one HTML page
 * that works offline, built from whatever results exist.  Every text that
 * comes from a file goes through page_text(), so no input can end an
 * element early or add markup; a missing input becomes a note on the page
 * that says how to make it.  docs/report.md describes the page.
 */

/* Writes s[0..len) as HTML text, safe in element content and in a quoted
 * attribute: & < > " ' as entities, each byte that is not UTF-8 and each
 * code point HTML forbids (controls but tab, LF, FF and CR, U+FDD0-U+FDEF,
 * U+xFFFE, U+xFFFF) as the character U+FFFD, written raw (the page is
 * UTF-8), so the reader sees where something was.  s may be NULL when len
 * is 0.  The report and the class section (src/class_out.c) both use it. */
void page_text(FILE *f, const char *s, size_t len);

/* page_text() of a NUL-terminated string. */
void page_str(FILE *f, const char *s);

/* What page_read() found. */
enum page_read_status {
    PAGE_READ_OK,      /* *text holds the file, NUL-terminated */
    PAGE_READ_MISSING, /* no such file */
    PAGE_READ_EMPTY,   /* the file has no bytes */
    PAGE_READ_ERROR,   /* unreadable, or larger than max */
    PAGE_READ_NOMEM    /* out of memory */
};

/* What page_grade(), page_quiz() and page_write() return when memory runs
 * out: the page cannot be trusted, and report exits PROG_EXIT_NOMEM. */
#define PAGE_NOMEM (-2)

/* Reads the file at path, at most max bytes, into a new buffer *text
 * (freed by the caller; NUL-terminated; *len bytes, which may contain
 * NULs).  *text and *len are written only on PAGE_READ_OK. */
enum page_read_status page_read(const char *path, size_t max, char **text,
                                size_t *len);

/* Finds the line `key = 'value'` (gnuplot's quoting: '' is one quote) or
 * `key = "value"` (backslash escapes) in text, a gnuplot file such as the
 * bench's meta.gp, and writes the value to out (cut to cap - 1 bytes).
 * Returns true when found; out is untouched otherwise. */
bool page_gp_string(const char *text, const char *key, char *out,
                    size_t cap);

/* Writes svg[0..len), an SVG file (gnuplot's), as an inline <svg> element:
 * the XML prolog and DOCTYPE dropped, width="100%" with a viewBox (made
 * from width and height when there is none), role="img", the title and
 * the text alternative as its first children, labelled by
 * "<id>-title" and "<id>-desc", and every id inside prefixed "<id>-" (two
 * plots define the same ids).  id must be a valid id.  Returns 0; or -1
 * without writing, with the reason in why (e.g. "no </svg> end: the file
 * is cut short"), for a file that is not one SVG element, or one with a
 * script or event handler. */
int page_svg(FILE *f, const char *svg, size_t len, const char *id,
             const char *title, const char *alt, char *why, size_t cap);

/* Writes the student's grade table from json, grade.json's text (see
 * grade_write_json), read with SQLite's JSON functions.  Returns 0; or
 * -1 with the reason in why: without writing when json is not a grade
 * report (not JSON, no list of exercises), or when SQLite fails (the
 * part written so far is complete HTML); PAGE_NOMEM when SQLite runs out
 * of memory. */
int page_grade(FILE *f, const char *json, char *why, size_t cap);

/* Writes the quiz's score and the questions missed from json, the quiz's
 * --json report (quiz_write_json).  Returns as page_grade(). */
int page_quiz(FILE *f, const char *json, char *why, size_t cap);

/* Where the page's inputs are. */
struct page_inputs {
    const char *manifest;   /* plots/index.tsv: name, title, alt a row */
    const char *plots_dir;  /* <name>.svg */
    const char *bench_dir;  /* table.txt, meta.gp, transition.txt */
    const char *grade_json; /* build/kata/grade.json */
    const char *quiz_json;  /* the quiz's last saved --json report */
    const char *class_html; /* the class view's HTML fragment */
    time_t now;             /* the page's generation date */
};

/* What the page holds, for the one line the command prints. */
struct page_summary {
    unsigned plots, plots_listed; /* embedded, and rows of the manifest */
    unsigned missing;             /* inputs the page says are missing */
};

/* Writes the whole page to f and counts what it holds in *sum.  A
 * missing, unreadable or bad input is a note on the page, never an error.
 * Returns 0; -1 when writing to f fails; PAGE_NOMEM when memory runs out
 * reading an input (not the input's fault, so no note says it is bad).
 * On both errors the page is incomplete. */
int page_write(FILE *f, const struct page_inputs *in,
               struct page_summary *sum);

#endif /* PAGE_H */
