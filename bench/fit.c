#include "fit.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

/* The absolute part of the tolerance when comparing residuals, so that
 * rounding noise on exact data never picks a faster-growing form. */
#define FIT_TINY 1e-9

static const char *const fit_names[FIT_FORMS] = {
    [FIT_1] = "1", [FIT_LOGN] = "log n", [FIT_N] = "n",
    [FIT_NLOGN] = "n log n", [FIT_N2] = "n^2",
};

const char *fit_form_name(enum fit_form f)
{
    return (int)f >= 0 && f < FIT_FORMS ? fit_names[f] : "?";
}

static double fit_one(double n) { (void)n; return 1.0; }
static double fit_logn(double n) { return log(n); }
static double fit_n(double n) { return n; }
static double fit_nlogn(double n) { return n * log(n); }
static double fit_n2(double n) { return n * n; }

static double (*const fit_funcs[FIT_FORMS])(double) = {
    [FIT_1] = fit_one, [FIT_LOGN] = fit_logn, [FIT_N] = fit_n,
    [FIT_NLOGN] = fit_nlogn, [FIT_N2] = fit_n2,
};

double fit_form_value(enum fit_form f, double n)
{
    return (int)f >= 0 && f < FIT_FORMS ? fit_funcs[f](n) : NAN;
}

/* Weighted least squares of t = a + b*x with weights 1/t^2 (relative
 * errors).  Writes a, b; returns -1 when x does not vary. */
static int fit_line(const double *x, const double *t, size_t count,
                    double *a, double *b)
{
    double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (size_t i = 0; i < count; i++) {
        double w = 1.0 / (t[i] * t[i]);
        sw += w;
        sx += w * x[i];
        sy += w * t[i];
        sxx += w * x[i] * x[i];
        sxy += w * x[i] * t[i];
    }
    double det = sw * sxx - sx * sx;
    if (!(fabs(det) > 1e-12 * sw * sxx))
        return -1;
    *b = (sw * sxy - sx * sy) / det;
    *a = (sy - *b * sx) / sw;
    return 0;
}

/* The constant that minimises the relative errors. */
static double fit_constant(const double *t, size_t count)
{
    double sw = 0, sy = 0;
    for (size_t i = 0; i < count; i++) {
        sw += 1.0 / (t[i] * t[i]);
        sy += 1.0 / t[i];
    }
    return sy / sw;
}

static double fit_residual(const double *n, const double *t, size_t count,
                           enum fit_form f, double a, double b)
{
    double ss = 0;
    for (size_t i = 0; i < count; i++) {
        double r = (t[i] - a - b * fit_form_value(f, n[i])) / t[i];
        ss += r * r;
    }
    return sqrt(ss / (double)count);
}

/* Fits one form; writes a, b and returns its residual (INFINITY when it
 * cannot be fitted or would have time decrease with n). */
static double fit_form(const double *n, const double *t, size_t count,
                       enum fit_form f, double *a, double *b)
{
    double x[FIT_MAX_POINTS];
    *b = 0;
    if (f == FIT_1) {
        *a = fit_constant(t, count);
        return fit_residual(n, t, count, f, *a, 0);
    }
    for (size_t i = 0; i < count; i++)
        x[i] = fit_form_value(f, n[i]);
    if (fit_line(x, t, count, a, b) != 0 || *b < 0)
        return INFINITY;
    return fit_residual(n, t, count, f, *a, *b);
}

double fit_one_form(const double *n, const double *t, size_t count,
                    enum fit_form f, double *a, double *b)
{
    if ((int)f < 0 || f >= FIT_FORMS || count == 0 || count > FIT_MAX_POINTS)
        return INFINITY;
    return fit_form(n, t, count, f, a, b);
}

/* True when n[0..count) (count >= 1) holds at least three different
 * values. */
static bool fit_three_sizes(const double *n, size_t count)
{
    size_t i = 1;
    while (i < count && n[i] == n[0])
        i++;
    for (size_t j = i + 1; j < count; j++)
        if (n[j] != n[0] && n[j] != n[i])
            return true;
    return false;
}

/* Two sizes fit every two-parameter form exactly, so telling the forms
 * apart takes at least three. */
static int fit_valid(const double *n, const double *t, size_t count)
{
    if (count < 3 || count > FIT_MAX_POINTS)
        return 0;
    for (size_t i = 0; i < count; i++)
        if (!(n[i] >= 1) || !isfinite(n[i]) || !(t[i] > 0) ||
            !isfinite(t[i]))
            return 0;
    return fit_three_sizes(n, count);
}

double fit_loglog_slope(const double *x, const double *y, size_t count)
{
    double m = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (size_t i = 0; i < count; i++) {
        if (!(x[i] > 0) || !(y[i] > 0))
            continue;
        double lx = log(x[i]), ly = log(y[i]);
        m++;
        sx += lx;
        sy += ly;
        sxx += lx * lx;
        sxy += lx * ly;
    }
    double det = m * sxx - sx * sx;
    if (m < 2 || !(det > 1e-12 * m * sxx))
        return NAN;
    return (m * sxy - sx * sy) / det;
}

/* k of t - a ~ n^k; the raw slope when too few points stay above a. */
static double fit_exponent(const double *n, const double *t, size_t count,
                           double a, double raw)
{
    double y[FIT_MAX_POINTS];
    for (size_t i = 0; i < count; i++)
        y[i] = t[i] - a;
    double k = fit_loglog_slope(n, y, count);
    return isnan(k) ? raw : k;
}

int fit_complexity(const double *n, const double *t, size_t count,
                   struct fit_result *out)
{
    if (!fit_valid(n, t, count))
        return -1;
    struct fit_result r = {.form = FIT_1};
    double a[FIT_FORMS], b[FIT_FORMS];
    for (int f = 0; f < FIT_FORMS; f++)
        r.residuals[f] = fit_form(n, t, count, (enum fit_form)f, &a[f], &b[f]);
    for (int f = 1; f < FIT_FORMS; f++)
        if (r.residuals[f] < FIT_MARGIN * r.residuals[r.form] - FIT_TINY)
            r.form = (enum fit_form)f;
    r.a = a[r.form];
    r.b = b[r.form];
    r.residual = r.residuals[r.form];
    r.slope = fit_loglog_slope(n, t, count);
    r.exponent = r.form == FIT_1 ? 0.0
                                 : fit_exponent(n, t, count, r.a, r.slope);
    *out = r;
    return 0;
}

/* --- the verdict --------------------------------------------------------- */

/* The RMS relative residual of t = a + b*x^k, a >= 0 and b >= 0, fitted
 * by weighted least squares (lx holds log x). */
static double fit_power_residual(const double *lx, const double *t,
                                 size_t count, double k)
{
    double x[FIT_MAX_POINTS] = {0}, a, b;
    for (size_t i = 0; i < count && i < FIT_MAX_POINTS; i++)
        x[i] = exp(k * lx[i]);
    if (k == 0 || fit_line(x, t, count, &a, &b) != 0) {
        a = fit_constant(t, count);
        b = 0;
    } else if (a < 0) { /* through the origin: a negative offset is none */
        double sxy = 0, sxx = 0;
        for (size_t i = 0; i < count; i++) {
            sxy += x[i] / t[i];
            sxx += x[i] * x[i] / (t[i] * t[i]);
        }
        a = 0;
        b = sxy / sxx;
    }
    if (b < 0)
        return INFINITY;
    double ss = 0;
    for (size_t i = 0; i < count; i++) {
        double r = (t[i] - a - b * x[i]) / t[i];
        ss += r * r;
    }
    return sqrt(ss / (double)count);
}

/* The grid of exponents: 0 to 3 in steps of 0.01, refined to 0.001. */
#define FIT_K_STEPS 301
#define FIT_K_STEP 0.01

/* The k in [0, 3] of the smallest residual, to 0.001 (of equal ones,
 * the smallest k: exact constant data is k = 0). */
static double fit_power(const double *lx, const double *t, size_t count)
{
    int arg = 0;
    double best = fit_power_residual(lx, t, count, 0);
    for (int i = 1; i < FIT_K_STEPS; i++) {
        double r = fit_power_residual(lx, t, count, i * FIT_K_STEP);
        if (r < best * (1 - 1e-9) - 1e-12) {
            best = r;
            arg = i;
        }
    }
    /* Refine around the grid's best, in tenths of a step. */
    double k = arg * FIT_K_STEP;
    for (int j = -9; j <= 9; j++) {
        double kj = (arg + j / 10.0) * FIT_K_STEP;
        if (kj < 0 || kj > (FIT_K_STEPS - 1) * FIT_K_STEP)
            continue;
        double r = fit_power_residual(lx, t, count, kj);
        if (r < best * (1 - 1e-9) - 1e-12) {
            best = r;
            k = kj;
        }
    }
    return k;
}

static int fit_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double fit_median(double *v, size_t m)
{
    qsort(v, m, sizeof *v, fit_cmp_double);
    return m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
}

static bool fit_points_valid(const struct fit_point *pts, size_t count)
{
    double x[FIT_MAX_POINTS];
    if (count < 3 || count > FIT_MAX_POINTS)
        return false;
    for (size_t i = 0; i < count; i++) {
        x[i] = pts[i].x;
        if (!(x[i] >= 1) || !isfinite(x[i]) || pts[i].nreps < 1 ||
            pts[i].nreps > FIT_MAX_REPS || pts[i].reps == NULL)
            return false;
        for (size_t j = 0; j < pts[i].nreps; j++)
            if (!(pts[i].reps[j] > 0) || !isfinite(pts[i].reps[j]))
                return false;
    }
    return fit_three_sizes(x, count);
}

/* The medians of one resample: each point's repetitions drawn again with
 * replacement (rng NULL: the medians themselves). */
static void fit_resample(const struct fit_point *pts, size_t count,
                         struct rng *rng, double *t)
{
    double v[FIT_MAX_REPS];
    for (size_t i = 0; i < count; i++) {
        size_t m = pts[i].nreps;
        for (size_t j = 0; j < m; j++)
            v[j] = pts[i].reps[rng ? rng_below(rng, m) : j];
        t[i] = fit_median(v, m);
    }
}

/* Each form's exponent over these x: the estimate on its exact values
 * (x log x at x = 1 is 0, which no time is: such points are left out). */
static void fit_class_exponents(const double *x, size_t count, double *out)
{
    for (int f = 0; f < FIT_FORMS; f++) {
        double lx[FIT_MAX_POINTS], t[FIT_MAX_POINTS];
        size_t m = 0;
        for (size_t i = 0; i < count; i++) {
            double v = fit_form_value((enum fit_form)f, x[i]);
            if (v > 0) {
                lx[m] = log(x[i]);
                t[m++] = v;
            }
        }
        out[f] = f == FIT_1 || m < 3 ? 0 : fit_power(lx, t, m);
    }
}

/* The forms the naming considers, slowest-growing first (log n is left
 * out: with an offset, it cannot be told from a constant). */
static const enum fit_form fit_named_forms[] = {FIT_1, FIT_N, FIT_NLOGN,
                                                FIT_N2};

static void fit_name(struct fit_verdict *v, size_t count)
{
    /* With few sizes, n and n log n are never told apart: the widening
     * covers the gap between their exponents. */
    double widen = FIT_CLASS_TOLERANCE;
    if (count < FIT_SEPARATING_SIZES)
        widen += v->class_k[FIT_NLOGN] - v->class_k[FIT_N];
    double lo = v->k_lo - widen;
    double hi = v->k_hi + widen;
    v->named = FIT_FORMS;
    v->also = 0;
    for (size_t i = 0; i < sizeof fit_named_forms / sizeof *fit_named_forms;
         i++) {
        enum fit_form f = fit_named_forms[i];
        if (!(v->class_k[f] >= lo && v->class_k[f] <= hi))
            continue;
        if (v->named == FIT_FORMS)
            v->named = f;
        else
            v->also |= 1u << f;
    }
}

/* The 2.5th and 97.5th percentiles of v[0..FIT_RESAMPLES), widened to
 * hold the point estimate. */
static void fit_interval(double *v, double point, double *lo, double *hi)
{
    qsort(v, FIT_RESAMPLES, sizeof *v, fit_cmp_double);
    *lo = fmin(point, v[(size_t)(0.025 * FIT_RESAMPLES)]);
    *hi = fmax(point, v[(size_t)(0.975 * FIT_RESAMPLES) - 1]);
}

/* The power-law exponent and the raw log-log slope over the resamples,
 * each with its interval. */
static int fit_bootstrap(const struct fit_point *pts, size_t count,
                         uint64_t seed, struct fit_verdict *v,
                         double *s_lo, double *s_hi)
{
    double x[FIT_MAX_POINTS], lx[FIT_MAX_POINTS], t[FIT_MAX_POINTS];
    double *k = malloc(2 * FIT_RESAMPLES * sizeof *k), *sl = k + FIT_RESAMPLES;
    if (k == NULL)
        return -1;
    for (size_t i = 0; i < count; i++) {
        x[i] = pts[i].x;
        lx[i] = log(x[i]);
    }
    struct rng rng;
    rng_seed(&rng, seed);
    for (size_t b = 0; b < FIT_RESAMPLES; b++) {
        fit_resample(pts, count, &rng, t);
        k[b] = fit_power(lx, t, count);
        sl[b] = fit_loglog_slope(x, t, count);
    }
    fit_interval(k, v->k, &v->k_lo, &v->k_hi);
    fit_interval(sl, v->slope, s_lo, s_hi);
    free(k);
    return 0;
}

int fit_verdict(const struct fit_point *pts, size_t count, uint64_t seed,
                struct fit_verdict *out)
{
    if (!fit_points_valid(pts, count))
        return -1;
    double x[FIT_MAX_POINTS], lx[FIT_MAX_POINTS], t[FIT_MAX_POINTS];
    double s_lo, s_hi;
    struct fit_verdict v = {.k = 0};
    for (size_t i = 0; i < count; i++) {
        x[i] = pts[i].x;
        lx[i] = log(x[i]);
    }
    fit_resample(pts, count, NULL, t);
    v.k = fit_power(lx, t, count);
    v.slope = fit_loglog_slope(x, t, count);
    if (fit_bootstrap(pts, count, seed, &v, &s_lo, &s_hi) != 0)
        return -1;
    /* Flat: the exponent of a tiny growth (or of none: a time that falls
     * as x grows, which b >= 0 cannot fit) is whatever fits the noise, so
     * the slope itself is the exponent. */
    v.flat = s_hi < FIT_FLAT_SLOPE;
    if (v.flat) {
        v.k = v.slope;
        v.k_lo = s_lo;
        v.k_hi = s_hi;
    }
    fit_class_exponents(x, count, v.class_k);
    if (v.flat)
        v.named = FIT_1; /* no growth: nothing else to name */
    else
        fit_name(&v, count);
    *out = v;
    return 0;
}

/* A form's name with n written as var: "p log p". */
static void fit_class_name(enum fit_form f, const char *var, char *buf,
                           size_t size)
{
    static const char *const fmt[FIT_FORMS] = {
        [FIT_1] = "1", [FIT_LOGN] = "log %s", [FIT_N] = "%s",
        [FIT_NLOGN] = "%s log %s", [FIT_N2] = "%s^2",
    };
    snprintf(buf, size, fmt[f], var, var);
}

/* No class: between which two named forms k lies. */
static void fit_between_text(const struct fit_verdict *v, const char *var,
                             char *buf, size_t size)
{
    char lo[32], hi[32];
    size_t nf = sizeof fit_named_forms / sizeof *fit_named_forms, i = 0;
    while (i + 1 < nf && v->class_k[fit_named_forms[i + 1]] < v->k)
        i++;
    fit_class_name(fit_named_forms[i], var, lo, sizeof lo);
    if (i + 1 == nf) {
        snprintf(buf, size, "no class: k lies above O(%s)", lo);
        return;
    }
    fit_class_name(fit_named_forms[i + 1], var, hi, sizeof hi);
    snprintf(buf, size, "no class: k lies between O(%s) and O(%s) (k = "
             "%.2f at these sizes)", lo, hi,
             v->class_k[fit_named_forms[i + 1]]);
}

/* "O(n)" and the forms not excluded after it, joined by first and then
 * ", ".  Returns the length written, as snprintf() does. */
static int fit_class_list(const struct fit_verdict *v, const char *var,
                          const char *first, char *buf, size_t size)
{
    char name[32];
    fit_class_name(v->named, var, name, sizeof name);
    int len = snprintf(buf, size, "O(%s)", name);
    const char *sep = first;
    for (int f = 0; f < FIT_FORMS && len >= 0 && (size_t)len < size; f++) {
        if (!(v->also & (1u << f)))
            continue;
        fit_class_name((enum fit_form)f, var, name, sizeof name);
        len += snprintf(buf + len, size - (size_t)len, "%s%s", sep, name);
        sep = ", ";
    }
    return len;
}

void fit_verdict_text(const struct fit_verdict *v, const char *var,
                      char *buf, size_t size)
{
    if (v->named == FIT_FORMS) {
        fit_between_text(v, var, buf, size);
        return;
    }
    int len = fit_class_list(v, var, "; ", buf, size);
    if (v->also && len >= 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len,
                 " not excluded at these sizes");
}

void fit_verdict_short(const struct fit_verdict *v, const char *var,
                       char *buf, size_t size)
{
    if (v->named == FIT_FORMS)
        snprintf(buf, size, "no class");
    else
        fit_class_list(v, var, " or ", buf, size);
}
