#include "fit.h"

#include <math.h>
#include <stdbool.h>

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
