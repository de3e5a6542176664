/* The report's page: its sections in order, each from one input, or a
 * note saying what is missing and the command that makes it. */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "page.h"

#define PAGE_PATH_MAX 4096
#define PAGE_TEXT_MAX (1u << 20)  /* table.txt, transition.txt, meta.gp */
#define PAGE_FILE_MAX (16u << 20) /* an SVG, a JSON report, the class view */

/* The page's style: large type for a projector, black on white, the
 * Okabe-Ito palette (colour-blind safe) for the few colours there are,
 * each of them beside a word, never instead of one. */
static const char page_css[] =
    "html{font-size:22px}\n"
    "body{font-family:sans-serif;line-height:1.45;color:#000000;"
    "background:#ffffff;max-width:84rem;margin:0 auto;padding:1rem 2rem}\n"
    "h1{font-size:2rem;border-bottom:.3rem solid #0072B2}\n"
    "h2{font-size:1.5rem;margin-top:2.5rem;border-bottom:.12rem solid "
    "#000000}\n"
    "a{color:#0072B2}\n"
    "figure{margin:1.5rem 0}\n"
    "figcaption{font-weight:bold;margin-bottom:.4rem}\n"
    "svg{display:block;width:100%;height:auto;border:1px solid #000000}\n"
    "pre{font-size:.8rem;overflow-x:auto;border-left:.3rem solid #56B4E9;"
    "padding:.5rem 1rem}\n"
    "table{border-collapse:collapse;margin:.5rem 0}\n"
    "th,td{border:1px solid #000000;padding:.2rem .5rem;text-align:left;"
    "vertical-align:top}\n"
    "td.num{text-align:right}\n"
    ".badge{color:#000000;font-weight:bold;padding:0 .35em;"
    "border-radius:.2em}\n"
    ".pass{background:#009E73}.fail{background:#D55E00}"
    ".error{background:#CC79A7}.other{background:#F0E442}\n"
    ".missing{border-left:.4rem solid #E69F00;padding:.3rem .8rem}\n"
    "@media print{html{font-size:11pt}body{max-width:none;padding:0}"
    "nav{display:none}pre{white-space:pre-wrap;overflow:visible}"
    "h2{break-after:avoid}figure,table,pre{break-inside:avoid}"
    "a{color:#000000}}\n";

/* The page as it is written: its output and what it has counted. */
struct page {
    FILE *f;
    const struct page_inputs *in;
    struct page_summary *sum;
    bool nomem; /* an input could not be read for lack of memory */
};

/* page_read() of an input; out of memory is remembered for page_write(). */
static enum page_read_status page_input(struct page *p, const char *path,
                                        size_t max, char **text, size_t *len)
{
    enum page_read_status st = page_read(path, max, text, len);
    p->nomem = p->nomem || st == PAGE_READ_NOMEM;
    return st;
}

static void page_path(char *out, const char *dir, const char *name)
{
    snprintf(out, PAGE_PATH_MAX, "%s/%s", dir, name);
}

/* A note that something is missing: what, why, and how to make it. */
static void page_missing(struct page *p, const char *path, const char *why,
                         const char *how)
{
    p->sum->missing++;
    fputs("<p class=\"missing\"><strong>Missing:</strong> <code>", p->f);
    page_str(p->f, path);
    fputs("</code> ", p->f);
    page_str(p->f, why);
    if (how != NULL) {
        fputs(". Make it with <code>", p->f);
        page_str(p->f, how);
        fputs("</code>", p->f);
    }
    fputs(".</p>\n", p->f);
}

static const char *page_read_why(enum page_read_status st)
{
    switch (st) {
    case PAGE_READ_MISSING: return "does not exist";
    case PAGE_READ_EMPTY: return "is empty";
    case PAGE_READ_NOMEM: return "cannot be read: out of memory";
    default: return "cannot be read (or is too large)";
    }
}

/* The file's modification time as "2026-12-02 13:40 UTC", or "". */
static void page_mtime(const char *path, char *out, size_t cap)
{
    struct stat sb;
    struct tm tm;
    out[0] = '\0';
    if (stat(path, &sb) == 0 && gmtime_r(&sb.st_mtime, &tm) != NULL)
        strftime(out, cap, "%Y-%m-%d %H:%M UTC", &tm);
}

/* --- the header ---------------------------------------------------------- */

static void page_head(struct page *p)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n"
          "<title>stagekit: the instructor's report</title>\n<style>\n",
          p->f);
    fputs(page_css, p->f);
    fputs("</style>\n</head>\n<body>\n", p->f);
}

static void page_banner(struct page *p)
{
    char path[PAGE_PATH_MAX], machine[512], date[128], now[64];
    char *meta = NULL;
    size_t len;
    struct tm tm;
    now[0] = '\0';
    if (gmtime_r(&p->in->now, &tm) != NULL)
        strftime(now, sizeof now, "%Y-%m-%d %H:%M UTC", &tm);
    fputs("<header>\n<h1>stagekit: the instructor's report</h1>\n", p->f);
    page_path(path, p->in->bench_dir, "meta.gp");
    enum page_read_status st = page_input(p, path, PAGE_TEXT_MAX, &meta, &len);
    if (st == PAGE_READ_OK && page_gp_string(meta, "machine", machine,
                                             sizeof machine) &&
        page_gp_string(meta, "date", date, sizeof date)) {
        fputs("<p>Benchmarks run on <strong>", p->f);
        page_str(p->f, machine);
        fputs("</strong>, <strong>", p->f);
        page_str(p->f, date);
        fputs("</strong>.</p>\n", p->f);
    } else {
        page_missing(p, path, st == PAGE_READ_OK
                                  ? "has no machine or date line"
                                  : page_read_why(st),
                     "make bench");
    }
    free(meta);
    fputs("<p>Page generated ", p->f);
    page_str(p->f, now);
    fputs(".</p>\n</header>\n", p->f);
}

static void page_nav(struct page *p)
{
    fputs("<nav aria-label=\"Contents\"><p>"
          "<a href=\"#plots\">Plots</a> &middot; "
          "<a href=\"#table\">Table, fits and ratios</a> &middot; "
          "<a href=\"#transition\">What O(1) costs</a> &middot; "
          "<a href=\"#grade\">Grade</a> &middot; "
          "<a href=\"#quiz\">Quiz</a> &middot; "
          "<a href=\"#class\">Class</a></p></nav>\n<main>\n",
          p->f);
}

/* --- the plots ----------------------------------------------------------- */

/* A manifest row: name<TAB>title<TAB>alt, the name a safe file name. */
struct page_plot {
    char *name, *title, *alt;
};

static bool page_plot_split(char *line, struct page_plot *pl)
{
    pl->name = line;
    pl->title = strchr(line, '\t');
    if (pl->title == NULL)
        return false;
    *pl->title++ = '\0';
    pl->alt = strchr(pl->title, '\t');
    if (pl->alt == NULL)
        return false;
    *pl->alt++ = '\0';
    if (pl->name[0] == '\0' || pl->title[0] == '\0' || strchr(pl->alt, '\t'))
        return false;
    for (const char *c = pl->name; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_')
            return false;
    return true;
}

/* The command that makes a plot's image (make bench runs
 * transition-speed too; make transition-speed draws its plot alone). */
static const char *page_plot_how(const char *name)
{
    return strcmp(name, "transition") == 0
               ? "make bench plots (or make transition-speed)"
               : "make bench plots";
}

static void page_plot(struct page *p, const struct page_plot *pl,
                      unsigned index)
{
    char path[PAGE_PATH_MAX], file[300], id[32], why[160];
    char *svg = NULL;
    size_t len;
    snprintf(file, sizeof file, "%s.svg", pl->name);
    page_path(path, p->in->plots_dir, file);
    snprintf(id, sizeof id, "plot%u", index);
    enum page_read_status st = page_input(p, path, PAGE_FILE_MAX, &svg, &len);
    fputs("<figure>\n<figcaption>", p->f);
    page_str(p->f, pl->title);
    fputs("</figcaption>\n", p->f);
    if (st != PAGE_READ_OK) {
        page_missing(p, path, page_read_why(st), page_plot_how(pl->name));
    } else if (page_svg(p->f, svg, len, id, pl->title, pl->alt, why,
                        sizeof why) != 0) {
        char reason[200];
        snprintf(reason, sizeof reason, "is not embedded: %s", why);
        page_missing(p, path, reason, page_plot_how(pl->name));
    } else {
        p->sum->plots++;
    }
    free(svg);
    fputs("</figure>\n", p->f);
}

/* One line of the manifest, counted from 1 in lineno. */
static void page_manifest_line(struct page *p, char *line, unsigned lineno)
{
    struct page_plot pl;
    if (line[0] == '#' || line[strspn(line, " \t\r")] == '\0')
        return;
    line[strcspn(line, "\r")] = '\0';
    p->sum->plots_listed++;
    if (page_plot_split(line, &pl)) {
        page_plot(p, &pl, p->sum->plots_listed);
        return;
    }
    char why[96];
    snprintf(why, sizeof why, "line %u is not name, title and text "
                              "alternative separated by tabs", lineno);
    page_missing(p, p->in->manifest, why, NULL);
}

static void page_plots(struct page *p)
{
    char *text = NULL;
    size_t len;
    fputs("<section id=\"plots\">\n<h2>Plots</h2>\n", p->f);
    enum page_read_status st =
        page_input(p, p->in->manifest, PAGE_TEXT_MAX, &text, &len);
    if (st != PAGE_READ_OK) {
        page_missing(p, p->in->manifest, page_read_why(st),
                     "git checkout plots/index.tsv");
    } else {
        unsigned lineno = 0;
        for (char *line = text; line != NULL;) {
            char *next = strchr(line, '\n');
            if (next != NULL)
                *next++ = '\0';
            page_manifest_line(p, line, ++lineno);
            line = next;
        }
    }
    free(text);
    fputs("</section>\n", p->f);
}

/* --- the text sections ---------------------------------------------------- */

/* A section holding one text file in a <pre>, or the note for it. */
static void page_pre_section(struct page *p, const char *id,
                             const char *heading, const char *file,
                             const char *how)
{
    char path[PAGE_PATH_MAX];
    char *text = NULL;
    size_t len;
    page_path(path, p->in->bench_dir, file);
    fprintf(p->f, "<section id=\"%s\">\n<h2>%s</h2>\n", id, heading);
    enum page_read_status st = page_input(p, path, PAGE_TEXT_MAX, &text, &len);
    if (st == PAGE_READ_OK) {
        fputs("<pre>", p->f);
        page_text(p->f, text, len);
        fputs("</pre>\n", p->f);
    } else {
        page_missing(p, path, page_read_why(st), how);
    }
    free(text);
    fputs("</section>\n", p->f);
}

/* A section from a JSON report (page_grade, page_quiz), or the note. */
static void page_json_section(struct page *p, const char *id,
                              const char *heading, const char *path,
                              int (*show)(FILE *, const char *, char *, size_t),
                              const char *how)
{
    char *json = NULL, why[200], when[64];
    size_t len;
    fprintf(p->f, "<section id=\"%s\">\n<h2>%s</h2>\n", id, heading);
    enum page_read_status st = page_input(p, path, PAGE_FILE_MAX, &json, &len);
    if (st != PAGE_READ_OK) {
        page_missing(p, path, page_read_why(st), how);
    } else if (strlen(json) != len) {
        page_missing(p, path, "holds a NUL byte: not a JSON report", how);
    } else {
        page_mtime(path, when, sizeof when);
        fputs("<p>From <code>", p->f);
        page_str(p->f, path);
        fputs("</code>, written ", p->f);
        page_str(p->f, when);
        fputs(".</p>\n", p->f);
        int shown = show(p->f, json, why, sizeof why);
        p->nomem = p->nomem || shown == PAGE_NOMEM;
        if (shown != 0) {
            char reason[240];
            snprintf(reason, sizeof reason, "is not usable: %s", why);
            page_missing(p, path, reason, how);
        }
    }
    free(json);
    fputs("</section>\n", p->f);
}

/* The class view's fragment, as it is: another part of the kit writes it
 * (make class).  Only a whole document or a script is refused. */
static void page_class(struct page *p)
{
    char *html = NULL;
    size_t len;
    const char *path = p->in->class_html;
    enum page_read_status st = page_input(p, path, PAGE_FILE_MAX, &html, &len);
    bool usable = st == PAGE_READ_OK && strlen(html) == len &&
                  strstr(html, "<script") == NULL &&
                  strstr(html, "<html") == NULL &&
                  strstr(html, "<!DOCTYPE") == NULL &&
                  strstr(html, "<!doctype") == NULL;
    fputs("<section id=\"class\">\n", p->f);
    if (usable) {
        fwrite(html, 1, len, p->f);
        fputc('\n', p->f);
    } else {
        fputs("<h2>The class</h2>\n", p->f);
        page_missing(p, path,
                     st == PAGE_READ_OK ? "is not an HTML fragment without "
                                          "scripts"
                                        : page_read_why(st),
                     "make class DIR=<folder of the students' grade.json "
                     "and quiz JSON files>");
    }
    free(html);
    fputs("</section>\n", p->f);
}

int page_write(FILE *f, const struct page_inputs *in,
               struct page_summary *sum)
{
    struct page p = {.f = f, .in = in, .sum = sum, .nomem = false};
    *sum = (struct page_summary){0};
    page_head(&p);
    page_banner(&p);
    page_nav(&p);
    page_plots(&p);
    page_pre_section(&p, "table", "The table, the fits and the ratios",
                     "table.txt", "make bench");
    page_pre_section(&p, "transition", "What O(1) costs: transition speed",
                     "transition.txt", "make transition-speed");
    page_json_section(&p, "grade", "The student's grade", in->grade_json,
                      page_grade, "make grade");
    page_json_section(&p, "quiz", "The last quiz", in->quiz_json, page_quiz,
                      "make quiz");
    page_class(&p);
    fputs("</main>\n</body>\n</html>\n", f);
    if (p.nomem)
        return PAGE_NOMEM;
    return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
