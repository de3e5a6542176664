#ifndef REPORT_H
#define REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "fit.h"
#include "shim.h"

/*
 * The benchmark results as the shim's reporter hands them over (one row
 * per benchmark and size: median, mean, coefficient of variation; one
 * Google Benchmark BigO/RMS per family), and what is made of them: the
 * printed table with fitted complexity (bench/fit.h), the TSV and the
 * gnuplot variables under build/bench/.  No JSON is parsed: Google
 * Benchmark writes its own JSON beside them.
 */

#define REPORT_NAME_MAX 48

/* Results with a CV above this are flagged as noisy. */
#define REPORT_NOISY_CV 0.05

struct report_row {
    char family[REPORT_NAME_MAX];
    double arg;        /* the benchmark's argument: n, or p for fixed-n */
    double n, p;       /* versions, and how many are in Production */
    double actions;    /* actions per iteration (n, or p for production) */
    double median, mean, min; /* ns per iteration */
    double cv;                /* a fraction */
    double reps[FIT_MAX_REPS]; /* every repetition's time, in run order */
    size_t nreps;
    bool error;
};

struct report_gb {
    char family[REPORT_NAME_MAX];
    char big_o[16];
    double coef, rms; /* Google Benchmark's BigO coefficient (ns), RMS */
};

struct report {
    struct report_row *rows;
    size_t nrows, rows_cap;
    struct report_gb *gb;
    size_t ngb, gb_cap;
    bool oom; /* a result was dropped for lack of memory */
};

/* What the table and the plots say about where they come from. */
struct report_meta {
    const char *impl;    /* "solutions" or "kata" */
    const char *machine; /* bench_machine() */
    const char *date;    /* "2026-11-26 05:10 UTC" */
    double production_fraction;
    int repetitions;
    long cache[4]; /* data cache sizes in bytes by level, 0 if unknown */
};

void report_init(struct report *r);
void report_free(struct report *r);

/* The shim's result callback (ud is a struct report). */
void report_on_result(void *ud, const struct bench_result *res);

/* The row of a benchmark and argument; NULL when absent. */
const struct report_row *report_find(const struct report *r,
                                     const char *family, double arg);

/* Prints the table, the fits beside Google Benchmark's, and the ratios;
 * with ref (may be NULL) the reference's ns per version beside each. */
void report_print(const struct report *r, const struct report *ref,
                  const struct report_meta *m, FILE *out);

/* Writes the TSV (one row per benchmark and argument) for gnuplot.  Returns 0,
 * or -1 with errno set. */
int report_write_tsv(const struct report *r, const char *path);

/* Reads back a TSV written by report_write_tsv() (the reference's figures
 * beside the student's).  Returns 0, or -1 (with errno) if the file cannot
 * be read. */
int report_read_tsv(struct report *r, const char *path);

/* Writes gnuplot variables: machine, date, every family's verdict
 * (k_<family>, klo_, khi_, form_, verdict_), reference-slope anchors,
 * cache sizes in versions.  Returns 0 or -1. */
int report_write_gnuplot(const struct report *r, const struct report_meta *m,
                         const char *path);

#endif /* REPORT_H */
