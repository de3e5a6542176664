/* The benchmarks' complexity inference (bench/fit.c) on synthetic data:
 * exact data must come out as the form it was made from, with the right
 * power-law exponent, even with a constant offset that Google Benchmark's
 * no-intercept fit gets wrong. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fit.h"

static const double sizes[] = {10, 100, 1000, 10000, 100000, 1000000};
#define NSIZES (sizeof sizes / sizeof sizes[0])

/* t[i] = a + b*f(n[i]) over the first count sizes. */
static void make(double *t, size_t count, enum fit_form f, double a, double b)
{
    for (size_t i = 0; i < count; i++)
        t[i] = a + b * fit_form_value(f, sizes[i]);
}

static struct fit_result fit_ok(const double *t, size_t count)
{
    struct fit_result r;
    assert_int_equal(fit_complexity(sizes, t, count, &r), 0);
    return r;
}

static void linear_with_offset_is_n_with_exponent_one(void **state)
{
    double t[NSIZES];
    (void)state;
    make(t, 3, FIT_N, 50.0, 1.5); /* the default sizes: 10, 100, 1000 */
    struct fit_result r = fit_ok(t, 3);
    assert_string_equal(fit_form_name(r.form), "n");
    assert_true(fabs(r.exponent - 1.0) < 0.005);
    assert_true(fabs(r.b - 1.5) < 1e-9);
    assert_true(fabs(r.a - 50.0) < 1e-6);
    /* the raw slope is pulled below 1 by the offset: why k subtracts a */
    assert_true(r.slope < 0.9);
}

static void quadratic_is_n2_with_exponent_two(void **state)
{
    double t[NSIZES];
    (void)state;
    make(t, 4, FIT_N2, 200.0, 0.25);
    struct fit_result r = fit_ok(t, 4);
    assert_string_equal(fit_form_name(r.form), "n^2");
    assert_true(fabs(r.exponent - 2.0) < 0.005);
}

static void constant_is_one_with_exponent_zero(void **state)
{
    double t[NSIZES];
    (void)state;
    make(t, NSIZES, FIT_1, 42.0, 0);
    struct fit_result r = fit_ok(t, NSIZES);
    assert_string_equal(fit_form_name(r.form), "1");
    assert_true(fabs(r.exponent) < 0.005);
    assert_true(fabs(r.a - 42.0) < 1e-9);
}

static void n_log_n_and_log_n_are_told_apart(void **state)
{
    double t[NSIZES];
    (void)state;
    make(t, NSIZES, FIT_NLOGN, 10.0, 2.0);
    assert_int_equal(fit_ok(t, NSIZES).form, FIT_NLOGN);
    make(t, NSIZES, FIT_LOGN, 10.0, 2.0);
    assert_int_equal(fit_ok(t, NSIZES).form, FIT_LOGN);
}

/* Measured data is never exact: +-3% alternating noise on a linear cost
 * must still read as n with an exponent near 1. */
static void noisy_linear_is_still_n(void **state)
{
    double t[NSIZES];
    (void)state;
    make(t, NSIZES, FIT_N, 20.0, 1.0);
    for (size_t i = 0; i < NSIZES; i++)
        t[i] *= i % 2 ? 1.03 : 0.97;
    struct fit_result r = fit_ok(t, NSIZES);
    assert_int_equal(r.form, FIT_N);
    assert_true(fabs(r.exponent - 1.0) < 0.05);
}

static void bad_input_is_refused(void **state)
{
    static const double same[] = {100, 100, 100};
    static const double two[] = {10, 100, 100};
    static const double t[] = {1, 2, 3};
    static const double bad_t[] = {1, 0, 3};
    struct fit_result r = {.form = FIT_N2};
    (void)state;
    assert_int_equal(fit_complexity(sizes, t, 1, &r), -1);
    assert_int_equal(fit_complexity(same, t, 3, &r), -1);
    /* two sizes fit every form exactly: no class can be told apart */
    assert_int_equal(fit_complexity(two, t, 3, &r), -1);
    assert_int_equal(fit_complexity(sizes, bad_t, 3, &r), -1);
    assert_int_equal(r.form, FIT_N2); /* untouched on error */
    assert_string_equal(fit_form_name(FIT_FORMS), "?");
}

static void loglog_slope_of_a_power_law(void **state)
{
    double y[NSIZES];
    (void)state;
    for (size_t i = 0; i < NSIZES; i++)
        y[i] = 3.0 * pow(sizes[i], 1.5);
    assert_true(fabs(fit_loglog_slope(sizes, y, NSIZES) - 1.5) < 1e-9);
    assert_true(isnan(fit_loglog_slope(sizes, y, 1)));
}

/* --- the verdict: the exponent with its interval, and the class named -- */

#define REPS 5

/* Points over the first count sizes: t = a + b*f(n), each repetition
 * off by a relative wobble (deterministic, mean zero across the five). */
struct series {
    struct fit_point pts[NSIZES];
    double reps[NSIZES][REPS];
};

static void series_make(struct series *s, size_t count, enum fit_form f,
                        double a, double b, double wobble)
{
    static const double w[REPS] = {-1.0, 0.5, 0.0, -0.5, 1.0};
    for (size_t i = 0; i < count; i++) {
        double t = a + b * fit_form_value(f, sizes[i]);
        for (size_t j = 0; j < REPS; j++)
            s->reps[i][j] = t * (1 + wobble * w[(i + j) % REPS]);
        s->pts[i] = (struct fit_point){sizes[i], s->reps[i], REPS};
    }
}

static struct fit_verdict verdict_ok(const struct series *s, size_t count)
{
    struct fit_verdict v;
    assert_int_equal(fit_verdict(s->pts, count, 1, &v), 0);
    return v;
}

static void verdict_text_is(const struct fit_verdict *v, const char *want)
{
    char text[160];
    fit_verdict_text(v, "n", text, sizeof text);
    assert_string_equal(text, want);
}

static void verdict_linear_with_offset_is_n_alone_over_five_sizes(
    void **state)
{
    struct series s;
    (void)state;
    series_make(&s, 5, FIT_N, 9.0, 7.6, 0.01); /* dispatch/random's shape */
    struct fit_verdict v = verdict_ok(&s, 5);
    verdict_text_is(&v, "O(n)");
    assert_true(v.k_lo <= 1.0 && v.k_hi >= 0.99 && v.k_hi < 1.02);
    assert_true(v.k_lo > 0.97);
}

/* Three sizes never tell n from n log n: the linear series is named
 * O(n), n log n is not excluded, and exact n log n data is not named
 * O(n log n) either. */
static void verdict_three_sizes_do_not_separate_n_from_n_log_n(void **state)
{
    struct series s;
    (void)state;
    series_make(&s, 3, FIT_N, 9.0, 7.6, 0.01);
    struct fit_verdict v = verdict_ok(&s, 3);
    verdict_text_is(&v, "O(n); n log n not excluded at these sizes");
    assert_true(v.k_lo > 0.97 && v.k_hi < 1.03);
    series_make(&s, 3, FIT_NLOGN, 0.0, 2.0, 0.002);
    v = verdict_ok(&s, 3);
    verdict_text_is(&v, "O(n); n log n not excluded at these sizes");
}

static void verdict_flat_is_one_with_slope_zero(void **state)
{
    struct series s;
    (void)state;
    series_make(&s, 3, FIT_1, 18.0, 0.0, 0.05); /* the index, p fixed */
    struct fit_verdict v = verdict_ok(&s, 3);
    verdict_text_is(&v, "O(1)");
    assert_true(v.flat);
    assert_true(fabs(v.k) < 0.03 && v.k_hi < FIT_FLAT_SLOPE);
}

/* Falling a little as n grows (noise, or a cache warming up): no growth,
 * so O(1) with the slope as the exponent, not an exponent fitted to the
 * noise. */
static void verdict_falling_is_one(void **state)
{
    struct series s;
    (void)state;
    series_make(&s, 3, FIT_1, 18.0, 0.0, 0.1);
    for (size_t j = 0; j < REPS; j++)
        s.reps[2][j] *= 0.5; /* a slope of -0.15 */
    struct fit_verdict v = verdict_ok(&s, 3);
    verdict_text_is(&v, "O(1)");
    assert_true(v.flat && v.k < 0 && v.k_hi < FIT_FLAT_SLOPE);
}

static void verdict_n_log_n_is_named_over_six_sizes(void **state)
{
    struct series s;
    (void)state;
    series_make(&s, NSIZES, FIT_NLOGN, 0.0, 2.0, 0.002);
    struct fit_verdict v = verdict_ok(&s, NSIZES);
    verdict_text_is(&v, "O(n log n)");
    assert_true(v.class_k[FIT_NLOGN] > 1.05 && v.class_k[FIT_NLOGN] < 1.2);
}

static void verdict_quadratic_is_n2(void **state)
{
    struct series s;
    (void)state;
    series_make(&s, 4, FIT_N2, 100.0, 0.5, 0.01);
    struct fit_verdict v = verdict_ok(&s, 4);
    verdict_text_is(&v, "O(n^2)");
    assert_true(fabs(v.k - 2.0) < 0.02);
}

/* A linear series whose repetitions scatter by 40%: the interval is wide,
 * and the slower class is named first, with what is not excluded. */
static void verdict_noisy_linear_names_n_and_says_what_is_not_excluded(
    void **state)
{
    struct series s;
    (void)state;
    series_make(&s, 3, FIT_N, 5.0, 2.0, 0.4);
    struct fit_verdict v = verdict_ok(&s, 3);
    assert_int_equal(v.named, FIT_N);
    assert_true(v.also & (1u << FIT_NLOGN));
    verdict_text_is(&v, "O(n); n log n not excluded at these sizes");
}

/* Between n log n and n^2 with no noise, over six sizes: no class fits. */
static void verdict_between_classes_names_none(void **state)
{
    struct series s;
    (void)state;
    for (size_t i = 0; i < NSIZES; i++) {
        for (size_t j = 0; j < REPS; j++)
            s.reps[i][j] = pow(sizes[i], 1.5);
        s.pts[i] = (struct fit_point){sizes[i], s.reps[i], REPS};
    }
    struct fit_verdict v = verdict_ok(&s, NSIZES);
    assert_int_equal(v.named, FIT_FORMS);
    assert_true(fabs(v.k - 1.5) < 0.01);
    char text[160];
    fit_verdict_text(&v, "n", text, sizeof text);
    assert_non_null(strstr(text, "between O(n log n) and O(n^2)"));
}

static void verdict_refuses_bad_points(void **state)
{
    struct series s;
    struct fit_verdict v = {.k = 42};
    (void)state;
    series_make(&s, 3, FIT_N, 1.0, 1.0, 0.0);
    assert_int_equal(fit_verdict(s.pts, 2, 1, &v), -1);
    s.reps[1][2] = 0;
    assert_int_equal(fit_verdict(s.pts, 3, 1, &v), -1);
    s.reps[1][2] = 1;
    s.pts[2].nreps = 0;
    assert_int_equal(fit_verdict(s.pts, 3, 1, &v), -1);
    assert_true(v.k == 42); /* untouched */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(linear_with_offset_is_n_with_exponent_one),
        cmocka_unit_test(quadratic_is_n2_with_exponent_two),
        cmocka_unit_test(constant_is_one_with_exponent_zero),
        cmocka_unit_test(n_log_n_and_log_n_are_told_apart),
        cmocka_unit_test(noisy_linear_is_still_n),
        cmocka_unit_test(bad_input_is_refused),
        cmocka_unit_test(loglog_slope_of_a_power_law),
        cmocka_unit_test(verdict_linear_with_offset_is_n_alone_over_five_sizes),
        cmocka_unit_test(verdict_three_sizes_do_not_separate_n_from_n_log_n),
        cmocka_unit_test(verdict_flat_is_one_with_slope_zero),
        cmocka_unit_test(verdict_falling_is_one),
        cmocka_unit_test(verdict_n_log_n_is_named_over_six_sizes),
        cmocka_unit_test(verdict_quadratic_is_n2),
        cmocka_unit_test(
            verdict_noisy_linear_names_n_and_says_what_is_not_excluded),
        cmocka_unit_test(verdict_between_classes_names_none),
        cmocka_unit_test(verdict_refuses_bad_points),
    };
    return cmocka_run_group_tests_name("fit", tests, NULL, NULL);
}
