#ifndef FIT_H
#define FIT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Complexity inference for the benchmarks, better than Google Benchmark's
 * least-squares coefficient without intercept (where a constant overhead
 * at small n skews the answer):
 *
 *   - fit t = a + b*f(n) for each f in {1, log n, n, n log n, n^2}, by
 *     least squares on relative errors (the times span decades, and the
 *     small sizes must count), and pick the form with the smallest RMS
 *     relative residual; a faster-growing form must beat a slower one
 *     clearly (by FIT_MARGIN), so exact constant data stays O(1);
 *   - the power-law exponent k of t - a ~ n^k by log-log regression (the
 *     offset a of the chosen form removed first), and the raw log-log
 *     slope of t against n beside it.
 */

enum fit_form { FIT_1, FIT_LOGN, FIT_N, FIT_NLOGN, FIT_N2, FIT_FORMS };

/* The most points fit_complexity() takes. */
#define FIT_MAX_POINTS 256

/* A faster-growing form wins only if its residual is below this fraction
 * of the best slower-growing one's (plus a tiny absolute tolerance). */
#define FIT_MARGIN 0.8

struct fit_result {
    enum fit_form form;          /* the chosen form */
    double a, b;                 /* t = a + b*f(n) for the chosen form */
    double residual;             /* its RMS relative residual */
    double residuals[FIT_FORMS]; /* every form's (infinite when b < 0) */
    double exponent;             /* k; 0 for FIT_1 */
    double slope;                /* raw slope of log t against log n */
};

/* "1", "log n", "n", "n log n", "n^2"; "?" outside the enum. */
const char *fit_form_name(enum fit_form f);

/* f(n) of a form (log is natural; n >= 1). */
double fit_form_value(enum fit_form f, double n);

/* Fits count points (n[i], t[i]).  Needs 3 to FIT_MAX_POINTS points, at
 * least 3 distinct n (two sizes fit every form exactly), every n >= 1 and
 * every t > 0 and finite; returns 0 and fills *out, or -1 and leaves *out
 * untouched. */
int fit_complexity(const double *n, const double *t, size_t count,
                   struct fit_result *out);

/* The least-squares slope of log y against log x over the points where
 * both are > 0; NAN when fewer than 2 such points with distinct x. */
double fit_loglog_slope(const double *x, const double *y, size_t count);

/* The coefficients of one form, t = a + b*f(n), by the least squares of
 * fit_complexity().  Returns its RMS relative residual, INFINITY when the
 * form cannot be fitted or would have time fall as n grows. */
double fit_one_form(const double *n, const double *t, size_t count,
                    enum fit_form f, double *a, double *b);

/*
 * The verdict on a series, with its uncertainty (what the table prints):
 *
 *   - the growth exponent k of t = a + b*x^k (a >= 0, b >= 0, 0 <= k <=
 *     3) that fits the medians best, by least squares on relative errors;
 *   - a 95% interval for k: the same estimate over FIT_RESAMPLES bootstrap
 *     resamples of the repetitions (each point's median redrawn from its
 *     own repetitions), the 2.5th and 97.5th percentiles;
 *   - flat: when the raw log-log slope's interval lies below
 *     FIT_FLAT_SLOPE, the growth is too small (or negative) for its
 *     exponent to mean anything (any k fits a tiny b*x^k), and the slope
 *     and its interval are the exponent: O(1);
 *   - each form's own exponent over these x (the same estimate on exact
 *     data of the form: n log n looks like k = 1.2 over 10..1000);
 *   - the class named: the slowest-growing of 1, n, n log n, n^2 whose
 *     exponent lies in the interval widened by FIT_CLASS_TOLERANCE (real
 *     machines bend curves by a few hundredths: caches, prefetchers); any
 *     other form in it is reported as not excluded.  None in it: no class.
 *     With fewer than FIT_SEPARATING_SIZES sizes the interval is widened
 *     by the gap between n's and n log n's exponents as well: three sizes
 *     leave a three-parameter fit no freedom to see a bent curve, and on
 *     a shared machine one point moves between runs by more than that gap
 *     (docs/bench.md), so the two are never told apart there: a linear
 *     series reads "O(n); n log n not excluded at these sizes".
 */

#define FIT_RESAMPLES 400
#define FIT_CLASS_TOLERANCE 0.05
#define FIT_SEPARATING_SIZES 5
#define FIT_MAX_REPS 100
#define FIT_FLAT_SLOPE 0.1

/* One point of a series: x (n or p) and its repetitions' times. */
struct fit_point {
    double x;
    const double *reps;
    size_t nreps; /* 1 to FIT_MAX_REPS */
};

struct fit_verdict {
    double k, k_lo, k_hi;      /* the exponent and its 95% interval */
    double slope;              /* the raw log-log slope of the medians */
    int flat;                  /* k is the slope: the series is flat */
    double class_k[FIT_FORMS]; /* each form's exponent over these x */
    enum fit_form named;       /* FIT_FORMS when no class fits */
    unsigned also;             /* bit f set: form f is not excluded */
};

/* Judges count points (3 to FIT_MAX_POINTS, at least 3 distinct x >= 1,
 * every time > 0 and finite) with a bootstrap seeded by seed (the same
 * data and seed give the same verdict).  Returns 0 and fills *out, or -1
 * and leaves it untouched. */
int fit_verdict(const struct fit_point *pts, size_t count, uint64_t seed,
                struct fit_verdict *out);

/* The verdict in words, x named var ("n" or "p"): "O(n)", "O(n); n log n
 * not excluded at these sizes", or "no class: k between O(n) and O(n log
 * n) (k = 1.19 at these sizes)".  Writes at most size bytes. */
void fit_verdict_text(const struct fit_verdict *v, const char *var,
                      char *buf, size_t size);

/* The same for a plot's legend: "O(n)", "O(n) or n log n", "no class". */
void fit_verdict_short(const struct fit_verdict *v, const char *var,
                       char *buf, size_t size);

#endif /* FIT_H */
