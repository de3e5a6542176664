#ifndef FIT_H
#define FIT_H

#include <stddef.h>

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

#endif /* FIT_H */
