#include "report.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "registry.h"

void report_init(struct report *r)
{
    memset(r, 0, sizeof *r);
}

void report_free(struct report *r)
{
    if (r == NULL)
        return;
    free(r->rows);
    free(r->gb);
    report_init(r);
}

/* Grows an array of elements of size `size` to hold one more.  The array
 * goes through a `void *` the caller declares and assigns back: writing a
 * `struct report_row *` through a `void **` would break strict aliasing. */
static int report_grow(void **items, size_t *cap, size_t used, size_t size)
{
    if (used < *cap)
        return 0;
    size_t ncap = *cap ? 2 * *cap : 16;
    if (ncap < *cap || ncap > SIZE_MAX / size)
        return -1;
    void *p = realloc(*items, ncap * size);
    if (p == NULL)
        return -1;
    *items = p;
    *cap = ncap;
    return 0;
}

static struct report_row *report_row(struct report *r, const char *family,
                                     double arg)
{
    const struct report_row *found = report_find(r, family, arg);
    if (found != NULL)
        return &r->rows[found - r->rows];
    void *rows = r->rows;
    int grown = report_grow(&rows, &r->rows_cap, r->nrows, sizeof *r->rows);
    r->rows = rows;
    if (grown != 0)
        return NULL;
    struct report_row *row = &r->rows[r->nrows++];
    memset(row, 0, sizeof *row);
    snprintf(row->family, sizeof row->family, "%s", family);
    row->arg = row->n = arg;
    return row;
}

const struct report_row *report_find(const struct report *r,
                                     const char *family, double arg)
{
    for (size_t i = 0; i < r->nrows; i++)
        if (r->rows[i].arg == arg && strcmp(r->rows[i].family, family) == 0)
            return &r->rows[i];
    return NULL;
}

static void report_on_gb(struct report *r, const struct bench_result *res)
{
    struct report_gb *g = NULL;
    for (size_t i = 0; i < r->ngb && g == NULL; i++)
        if (strcmp(r->gb[i].family, res->family) == 0)
            g = &r->gb[i];
    if (g == NULL) {
        void *gb = r->gb;
        int grown = report_grow(&gb, &r->gb_cap, r->ngb, sizeof *r->gb);
        r->gb = gb;
        if (grown != 0) {
            r->oom = true;
            return;
        }
        g = &r->gb[r->ngb++];
        memset(g, 0, sizeof *g);
        snprintf(g->family, sizeof g->family, "%s", res->family);
    }
    snprintf(g->big_o, sizeof g->big_o, "%s", res->big_o);
    if (strcmp(res->aggregate, "BigO") == 0)
        g->coef = res->value;
    else
        g->rms = res->value;
}

/* Which field of a row each aggregate fills ("" is a single repetition). */
static const struct {
    const char *aggregate;
    size_t field;
} report_fields[] = {
    {"median", offsetof(struct report_row, median)},
    {"mean", offsetof(struct report_row, mean)},
    {"min", offsetof(struct report_row, min)},
    {"cv", offsetof(struct report_row, cv)},
    {"", offsetof(struct report_row, median)},
    {"", offsetof(struct report_row, mean)},
    {"", offsetof(struct report_row, min)},
};

void report_on_result(void *ud, const struct bench_result *res)
{
    struct report *r = ud;
    if (strcmp(res->aggregate, "BigO") == 0 ||
        strcmp(res->aggregate, "RMS") == 0) {
        report_on_gb(r, res);
        return;
    }
    struct report_row *row = report_row(r, res->family, res->arg);
    if (row == NULL) {
        r->oom = true;
        return;
    }
    bool single = res->aggregate[0] == '\0';
    if (single && row->nreps < FIT_MAX_REPS)
        row->reps[row->nreps++] = res->value;
    if (single || strcmp(res->aggregate, "median") == 0) {
        if (res->n > 0) /* the counters of stddev and cv lines are 0 */
            row->n = res->n;
        row->p = res->p;
    }
    row->error |= res->error != NULL;
    if (res->actions > 0)
        row->actions = res->actions;
    for (size_t i = 0; i < sizeof report_fields / sizeof report_fields[0];
         i++)
        if (strcmp(report_fields[i].aggregate, res->aggregate) == 0)
            *(double *)((char *)row + report_fields[i].field) = res->value;
}

/* --- fits ---------------------------------------------------------------- */

/* The variable a family's time is judged in: p when n stays and p moves
 * (the fixed-n series), n otherwise. */
static bool report_in_p(const struct report *r, const char *family)
{
    const struct report_row *first = NULL;
    bool p_moves = false;
    for (size_t i = 0; i < r->nrows; i++) {
        const struct report_row *row = &r->rows[i];
        if (strcmp(row->family, family) != 0)
            continue;
        if (first == NULL)
            first = row;
        else if (row->n != first->n)
            return false;
        else if (row->p != first->p)
            p_moves = true;
    }
    return p_moves;
}

/* The points of one benchmark in run order (x is n or p, as
 * report_in_p() says), with its medians in t; returns count. */
static size_t report_series(const struct report *r, const char *family,
                            struct fit_point *pts, double *t, size_t max)
{
    bool in_p = report_in_p(r, family);
    size_t k = 0;
    for (size_t i = 0; i < r->nrows && k < max; i++) {
        const struct report_row *row = &r->rows[i];
        if (strcmp(row->family, family) != 0 || row->error ||
            !(row->median > 0))
            continue;
        pts[k].x = in_p ? row->p : row->n;
        /* Read back from a TSV, a row has its median only. */
        pts[k].reps = row->nreps > 0 ? row->reps : &row->median;
        pts[k].nreps = row->nreps > 0 ? row->nreps : 1;
        t[k++] = row->median;
    }
    return k;
}

/* A family's verdict, and the coefficients of the form it names (or of
 * the linear form when it names none) in *a and *b. */
static int report_fit(const struct report *r, const char *family,
                      struct fit_verdict *v, double *a, double *b)
{
    struct fit_point pts[FIT_MAX_POINTS];
    double t[FIT_MAX_POINTS], x[FIT_MAX_POINTS];
    size_t k = report_series(r, family, pts, t, FIT_MAX_POINTS);
    if (fit_verdict(pts, k, 1, v) != 0)
        return -1;
    for (size_t i = 0; i < k; i++)
        x[i] = pts[i].x;
    fit_one_form(x, t, k, v->named == FIT_FORMS ? FIT_N : v->named, a, b);
    return 0;
}

static const struct report_gb *report_gb_of(const struct report *r,
                                            const char *family)
{
    for (size_t i = 0; i < r->ngb; i++)
        if (strcmp(r->gb[i].family, family) == 0)
            return &r->gb[i];
    return NULL;
}

/* True for the first row of its family: families are printed in run
 * order. */
static bool report_first_of_family(const struct report *r, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(r->rows[j].family, r->rows[i].family) == 0)
            return false;
    return true;
}

/* --- the printed table ------------------------------------------------- */

static void report_print_row(const struct report_row *row,
                             const struct report *ref, FILE *out)
{
    double per = row->median / row->n;
    fprintf(out, "  %-24s %8.0f %7.0f %12.1f %10.3f %6.1f%%%s", row->family,
            row->n, row->p, row->median, per, 100 * row->cv,
            row->error ? "  ERROR" : row->cv > REPORT_NOISY_CV ? "  noisy"
                                                               : "       ");
    const struct report_row *r0 =
        ref ? report_find(ref, row->family, row->arg) : NULL;
    if (r0 != NULL && r0->median > 0)
        fprintf(out, " %10.3f %7.2fx", r0->median / r0->n,
                row->median / r0->median);
    fputc('\n', out);
}

static void report_print_fit(const struct report *r, const char *family,
                             FILE *out)
{
    struct fit_verdict v;
    double a, b;
    char text[160], term[32];
    const struct report_gb *gb = report_gb_of(r, family);
    const char *var = report_in_p(r, family) ? "p" : "n";
    if (report_fit(r, family, &v, &a, &b) != 0) {
        fputs("    fit: none (a fit needs 3 or more sizes with valid times)\n",
              out);
        return;
    }
    fit_verdict_text(&v, var, text, sizeof text);
    static const char *const term_of[FIT_FORMS] = {
        [FIT_1] = "", [FIT_LOGN] = "*log %s", [FIT_N] = "*%s",
        [FIT_NLOGN] = "*%s log %s", [FIT_N2] = "*%s^2",
    };
    enum fit_form f = v.named == FIT_FORMS ? FIT_N : v.named;
    term[0] = '\0';
    if (f != FIT_1)
        snprintf(term, sizeof term, term_of[f], var, var);
    /* + 0.0 and the rounding keep "-0.00" off the table. */
    fprintf(out, "    fit in %s: %s; k = %.2f [%.2f, %.2f] (95%%, %d "
                 "resamples of the repetitions)\n", var, text,
            round(v.k * 100) / 100 + 0.0, round(v.k_lo * 100) / 100 + 0.0,
            round(v.k_hi * 100) / 100 + 0.0, FIT_RESAMPLES);
    if (f == FIT_1)
        fprintf(out, "      t = %.3g ns", a);
    else
        fprintf(out, "      t = %.3g + %.4g%s ns", a, b, term);
    fprintf(out, "%s\n", v.named == FIT_FORMS ? " (the linear form)" : "");
    if (strcmp(family, "dispatch/memorised") == 0)
        fputs("      (not the loop's complexity: the branch predictor learns a "
              "short array, see ns-per-version)\n", out);
    if (gb != NULL && !report_in_p(r, family))
        fprintf(out, "      Google Benchmark: %.4g %s, RMS %.0f%%\n",
                gb->coef, gb->big_o, 100 * gb->rms);
}

/* The ratio of medians a/b at one argument, and of the fastest
 * repetitions. */
static double report_ratio(const struct report *r, const char *a,
                           const char *b, double arg, bool fastest)
{
    const struct report_row *x = report_find(r, a, arg);
    const struct report_row *y = report_find(r, b, arg);
    if (x == NULL || y == NULL)
        return NAN;
    return fastest ? (y->min > 0 ? x->min / y->min : NAN)
                   : (y->median > 0 ? x->median / y->median : NAN);
}

/* One line of ratios a/b of the medians at every size a has; with
 * `fastest`, of the fastest repetitions first (for the short overhead
 * bodies: interference from other processes only ever adds time). */
static void report_print_ratio(const struct report *r, const char *what,
                               const char *a, const char *b, bool fastest,
                               FILE *out)
{
    int col = 0;
    fprintf(out, "  %s\n   ", what);
    bool in_p = report_in_p(r, a);
    for (size_t i = 0; i < r->nrows; i++) {
        double n = r->rows[i].arg;
        if (strcmp(r->rows[i].family, a) != 0)
            continue;
        if (col > 0 && col % 6 == 0)
            fprintf(out, "\n   ");
        col++;
        if (fastest)
            fprintf(out, " n=%.0f: %.2fx of the fastest repetitions "
                    "(of the medians: %.2fx)", n,
                    report_ratio(r, a, b, n, true),
                    report_ratio(r, a, b, n, false));
        else
            fprintf(out, " %s=%.0f: %.2fx", in_p ? "p" : "n", n,
                    report_ratio(r, a, b, n, false));
    }
    fputc('\n', out);
}

/* The ratios the table ends with: a over b, of the fastest repetitions
 * first where `fastest` (the short overhead bodies). */
static const struct {
    const char *what, *a, *b;
    bool fastest;
} report_ratios[] = {
    {"branch prediction, unmemorisable / memorised (dispatch/random over "
     "dispatch/memorised):", "dispatch/random", "dispatch/memorised", false},
    {"full dispatch / bare kernel, random order (goal <= 1.3x):",
     "dispatch/random", "kernel/random", false},
    {"full dispatch / bare kernel, sorted order:", "dispatch/sorted",
     "kernel/sorted", false},
    {"filtered scan / stage index, p fixed, n grows (fixed-p/scan over "
     "fixed-p/indexed):", "fixed-p/scan", "fixed-p/indexed", false},
    {"filtered scan / stage index, n fixed, p grows (fixed-n/scan over "
     "fixed-n/indexed):", "fixed-n/scan", "fixed-n/indexed", false},
    {"shim / native, empty body, one keep-running call per iteration "
     "(-flto; goal <= 1.05x):", "overhead/shim", "overhead/native", true},
    {"shim / native, empty body, batched keep-running (goal <= 1.05x):",
     "overhead/shim-batched", "overhead/native", true},
};

static void report_print_ratios(const struct report *r, FILE *out)
{
    fprintf(out, "\nRatios, same run:\n");
    for (size_t i = 0; i < sizeof report_ratios / sizeof *report_ratios; i++)
        report_print_ratio(r, report_ratios[i].what, report_ratios[i].a,
                           report_ratios[i].b, report_ratios[i].fastest, out);
}

void report_print(const struct report *r, const struct report *ref,
                  const struct report_meta *m, FILE *out)
{
    fprintf(out, "\nstagekit benchmarks: IMPL=%s, %s\nmachine: %s\n",
            m->impl, m->date, m->machine);
    fprintf(out, "production fraction: %.3f (a third: populate's fixed mix;"
                 " the fixed-p and fixed-n series set p themselves)"
                 "\nrepetitions: %d; the median is shown, CV > %.0f%% is "
                 "flagged noisy; times are CPU time\n\n",
            m->production_fraction, m->repetitions, 100 * REPORT_NOISY_CV);
    fprintf(out, "  %-24s %8s %7s %12s %10s %7s%7s%s\n", "benchmark", "n",
            "p", "time (ns)", "ns/version", "CV", "",
            ref ? "  ref ns/v  vs ref" : "");
    for (size_t i = 0; i < r->nrows; i++) {
        if (i > 0 && report_first_of_family(r, i))
            report_print_fit(r, r->rows[i - 1].family, out);
        report_print_row(&r->rows[i], ref, out);
    }
    if (r->nrows > 0)
        report_print_fit(r, r->rows[r->nrows - 1].family, out);
    report_print_ratios(r, out);
    if (r->oom)
        fprintf(out, "warning: some results were lost (out of memory)\n");
}

/* --- files -------------------------------------------------------------- */

int report_write_tsv(const struct report *r, const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fprintf(f, "# bench\tn\tactions\tmedian_ns\tns_per_version\tcv\tnoisy"
               "\tmean_ns\tp\targ\tns_per_p\n");
    for (size_t i = 0; i < r->nrows; i++) {
        const struct report_row *row = &r->rows[i];
        fprintf(f, "%s\t%.0f\t%.0f\t%.6g\t%.6g\t%.4f\t%d\t%.6g\t%.0f\t%.0f"
                "\t%.6g\n", row->family, row->n, row->actions, row->median,
                row->median / row->n, row->cv, row->cv > REPORT_NOISY_CV,
                row->mean, row->p, row->arg,
                row->p > 0 ? row->median / row->p : NAN);
    }
    return fclose(f) == 0 ? 0 : -1;
}

int report_read_tsv(struct report *r, const char *path)
{
    FILE *f = fopen(path, "r");
    char line[256];
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL) {
        struct report_row row = {.error = false};
        double per;
        int noisy;
        if (line[0] == '#')
            continue;
        /* Files before the n-and-p series end after mean_ns: arg is n. */
        int got = sscanf(line, "%47[^\t]\t%lf\t%lf\t%lf\t%lf\t%lf\t%d\t%lf"
                         "\t%lf\t%lf", row.family, &row.n, &row.actions,
                         &row.median, &per, &row.cv, &noisy, &row.mean,
                         &row.p, &row.arg);
        if (got != 8 && got != 10)
            continue;
        if (got == 8)
            row.arg = row.n;
        row.min = row.median;
        struct report_row *dst = report_row(r, row.family, row.arg);
        if (dst == NULL) {
            fclose(f);
            errno = ENOMEM;
            return -1;
        }
        *dst = row;
    }
    fclose(f);
    return 0;
}

/* A family name as a gnuplot identifier: dispatch/random -> dispatch_random */
static void report_ident(char *dst, size_t size, const char *family)
{
    snprintf(dst, size, "%s", family);
    for (char *p = dst; *p; p++)
        if (*p == '/' || *p == '-')
            *p = '_';
}

/* The largest n of a family and its row. */
static const struct report_row *report_last(const struct report *r,
                                            const char *family)
{
    const struct report_row *last = NULL;
    for (size_t i = 0; i < r->nrows; i++)
        if (strcmp(r->rows[i].family, family) == 0 &&
            (last == NULL || r->rows[i].n > last->n))
            last = &r->rows[i];
    return last;
}

/* Writes `name = 's'` as a gnuplot single-quoted string, the only kind
 * in which gnuplot runs no backquoted command and expands no escape: s
 * comes from the command line (--impl=) and /proc/cpuinfo, and `make
 * plots` loads the file.  A quote is doubled (gnuplot's escape for it);
 * a control character, which could end the line and start a command,
 * becomes a space. */
static void report_gnuplot_string(FILE *f, const char *name, const char *s)
{
    fprintf(f, "%s = '", name);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\'')
            fputs("''", f);
        else
            fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
    }
    fprintf(f, "'\n");
}

static void report_gnuplot_fits(const struct report *r, FILE *f)
{
    char id[REPORT_NAME_MAX], name[REPORT_NAME_MAX + 16], text[160];
    for (size_t i = 0; i < r->nrows; i++) {
        struct fit_verdict v;
        double a, b;
        if (!report_first_of_family(r, i))
            continue;
        const char *family = r->rows[i].family;
        /* Without a fit the form is '' and the plots say so. */
        bool ok = report_fit(r, family, &v, &a, &b) == 0;
        report_ident(id, sizeof id, family);
        fprintf(f, "k_%s = %.2f\nklo_%s = %.2f\nkhi_%s = %.2f\n", id,
                ok ? v.k : 0.0, id, ok ? v.k_lo : 0.0, id,
                ok ? v.k_hi : 0.0);
        snprintf(name, sizeof name, "form_%s", id);
        report_gnuplot_string(f, name, ok && v.named != FIT_FORMS
                                           ? fit_form_name(v.named) : "");
        if (ok)
            fit_verdict_text(&v, report_in_p(r, family) ? "p" : "n", text,
                             sizeof text);
        snprintf(name, sizeof name, "verdict_%s", id);
        report_gnuplot_string(f, name, ok ? text : "");
        if (ok)
            fit_verdict_short(&v, report_in_p(r, family) ? "p" : "n", text,
                              sizeof text);
        snprintf(name, sizeof name, "vshort_%s", id);
        report_gnuplot_string(f, name, ok ? text : "");
    }
}

int report_write_gnuplot(const struct report *r, const struct report_meta *m,
                         const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fprintf(f, "# Written by bench/report.c: load it before plotting.\n");
    report_gnuplot_string(f, "machine", m->machine);
    report_gnuplot_string(f, "date", m->date);
    report_gnuplot_string(f, "impl", m->impl);
    fprintf(f, "frac = %.6f\nversion_bytes = %zu\n", m->production_fraction,
            sizeof(struct reg_version));
    for (int level = 1; level <= 3; level++)
        fprintf(f, "l%d_versions = %.1f\n", level,
                (double)m->cache[level] / (double)sizeof(struct reg_version));
    report_gnuplot_fits(r, f);
    const struct report_row *fp = report_last(r, "fixed-p/indexed");
    const struct report_row *fn = report_last(r, "fixed-n/indexed");
    if (fp != NULL)
        fprintf(f, "fixed_p = %.0f\n", fp->p);
    if (fn != NULL)
        fprintf(f, "fixed_n = %.0f\n", fn->n);
    const struct report_row *d = report_last(r, "dispatch/random");
    const struct report_row *p = report_last(r, "production/indexed");
    fprintf(f, "nmax = %.0f\nref_n_c = %.6g\nref_p_c = %.6g\n",
            d ? d->n : 1000.0, d ? d->median / d->n : 1.0,
            p && p->actions > 0 ? p->median / p->actions : 1.0);
    return fclose(f) == 0 ? 0 : -1;
}
