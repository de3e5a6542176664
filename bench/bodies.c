#include "bodies.h"

#include "dispatch.h"
#include "native.h"
#include "populate.h"
#include "production.h"
#include "shim.h"

/* Iterations per keep-running call: 64 amortise the shim's call (about
 * 1.3 ns without LTO) to nothing at small n; at large n one iteration
 * takes microseconds and a batch must stay well under a repetition. */
static size_t bodies_batch(size_t n)
{
    size_t b = (size_t)1 << 16;
    b = n ? b / n : b;
    return b < 1 ? 1 : b > 64 ? 64 : b;
}

/* Hides a pointer's target from the optimiser, so that calls through the
 * actions it holds stay indirect calls even under -flto, as in
 * dispatch_all. */
static const void *bodies_launder(const void *p)
{
    __asm__ volatile("" : "+r"(p) : : "memory");
    return p;
}

/* The fixture of the current run's size (an error stops the run if the
 * size has none). */
static const struct fixture *bodies_fixture(struct bench_state *st,
                                            const struct bodies_suite *s)
{
    size_t n = (size_t)bench_range(st, 0);
    for (size_t i = 0; i < s->count; i++)
        if (s->fx[i].n == n)
            return &s->fx[i];
    bench_skip_with_error(st, "bench: no data was built for this size");
    return NULL;
}

/* What every kit body reports after its loop: n versions, p of them in
 * Production. */
static void bodies_report(struct bench_state *st, size_t n, size_t p,
                          size_t actions, const struct fixture_tally *t)
{
    bench_do_not_optimize(t);
    bench_set_complexity_n(st, (int64_t)n);
    bench_counter(st, "n", (double)n);
    bench_counter(st, "p", (double)p);
    bench_counter(st, "actions", (double)actions);
}

/* The same for the fixed mix, where p = populate_count(n, Production). */
static void bodies_done(struct bench_state *st, size_t n, size_t actions,
                        const struct fixture_tally *t)
{
    bodies_report(st, n, populate_count(n, STAGE_PRODUCTION), actions, t);
}

/* Full dispatch over f->windows consecutive windows of n versions, one
 * window per iteration (windows == 1 reuses the same versions). */
static void bodies_dispatch(struct bench_state *st,
                            const struct reg_version *base, size_t n,
                            size_t windows)
{
    struct fixture_tally t = {{0}};
    struct dispatch_actions a = fixture_actions(&t);
    struct dispatch_counts c;
    size_t off = 0, end = windows * n, batch = bodies_batch(n);
    while (bench_keep_running_batch(st, batch)) {
        for (size_t i = 0; i < batch; i++) {
            dispatch_all(base + off, n, &a, &c);
            off = off + n < end ? off + n : 0;
        }
    }
    bench_do_not_optimize(&c);
    bodies_done(st, n, n, &t);
}

static void body_dispatch_random(struct bench_state *st, void *ctx)
{
    const struct fixture *f = bodies_fixture(st, ctx);
    if (f != NULL)
        bodies_dispatch(st, fixture_window(f, 0), f->n, f->windows);
}

static void body_dispatch_memorised(struct bench_state *st, void *ctx)
{
    const struct fixture *f = bodies_fixture(st, ctx);
    size_t n;
    if (f != NULL)
        bodies_dispatch(st, reg_versions(&f->shuffled, &n), f->n, 1);
}

static void body_dispatch_sorted(struct bench_state *st, void *ctx)
{
    const struct fixture *f = bodies_fixture(st, ctx);
    size_t n;
    if (f != NULL)
        bodies_dispatch(st, reg_versions(&f->sorted, &n), f->n, 1);
}

/* --- the bare kernel ---------------------------------------------------- */

static const unsigned char bodies_action_of[STAGE_COUNT] = {
    [STAGE_NONE] = DISPATCH_ARCHIVE,
    [STAGE_STAGING] = DISPATCH_TEST,
    [STAGE_PRODUCTION] = DISPATCH_DEPLOY,
    [STAGE_ARCHIVED] = DISPATCH_ARCHIVE,
};

/* The seed's loop with nothing around it: packed stage bytes (known to be
 * < STAGE_COUNT), a table, the same actions through the same pointers. */
static void bodies_kernel_run(const unsigned char *s, size_t n,
                              const struct dispatch_actions *a,
                              struct dispatch_counts *out)
{
    struct dispatch_counts c = {{0}};
    for (size_t i = 0; i < n; i++) {
        unsigned act = bodies_action_of[s[i]];
        c.count[act]++;
        a->on[act](a->ctx, NULL);
    }
    *out = c;
}

static void bodies_kernel(struct bench_state *st, const unsigned char *base,
                          size_t n, size_t windows)
{
    struct fixture_tally t = {{0}};
    struct dispatch_actions actions = fixture_actions(&t);
    const struct dispatch_actions *a = bodies_launder(&actions);
    struct dispatch_counts c;
    size_t off = 0, end = windows * n, batch = bodies_batch(n);
    while (bench_keep_running_batch(st, batch)) {
        for (size_t i = 0; i < batch; i++) {
            bodies_kernel_run(base + off, n, a, &c);
            off = off + n < end ? off + n : 0;
        }
    }
    bench_do_not_optimize(&c);
    bodies_done(st, n, n, &t);
}

static void body_kernel_random(struct bench_state *st, void *ctx)
{
    const struct fixture *f = bodies_fixture(st, ctx);
    if (f != NULL)
        bodies_kernel(st, f->pool_stages, f->n, f->windows);
}

static void body_kernel_sorted(struct bench_state *st, void *ctx)
{
    const struct fixture *f = bodies_fixture(st, ctx);
    if (f != NULL)
        bodies_kernel(st, f->sorted_stages, f->n, 1);
}

/* --- production only ---------------------------------------------------- */

static void bodies_scan(struct bench_state *st, const struct reg_version *base,
                        size_t n, size_t windows)
{
    struct fixture_tally t = {{0}};
    size_t off = 0, end = windows * n, deployed = 0;
    size_t batch = bodies_batch(n);
    while (bench_keep_running_batch(st, batch)) {
        for (size_t i = 0; i < batch; i++) {
            deployed += production_scan(base + off, n, fixture_on_deploy, &t);
            off = off + n < end ? off + n : 0;
        }
    }
    bench_do_not_optimize(&deployed);
    bodies_done(st, n, populate_count(n, STAGE_PRODUCTION), &t);
}

static void body_production_scan(struct bench_state *st, void *ctx)
{
    const struct fixture *f = bodies_fixture(st, ctx);
    if (f != NULL)
        bodies_scan(st, fixture_window(f, 0), f->n, f->windows);
}

static void body_production_scan_sorted(struct bench_state *st, void *ctx)
{
    const struct fixture *f = bodies_fixture(st, ctx);
    size_t n;
    if (f != NULL)
        bodies_scan(st, reg_versions(&f->sorted, &n), f->n, 1);
}

/* Production only through the stage index of r, which holds n versions:
 * the walk visits its p Production versions. */
static void bodies_indexed(struct bench_state *st, const struct registry *r,
                           size_t n)
{
    struct reg_view view = reg_stage_view(r, STAGE_PRODUCTION);
    struct fixture_tally t = {{0}};
    size_t deployed = 0, batch = bodies_batch(view.count);
    while (bench_keep_running_batch(st, batch))
        for (size_t i = 0; i < batch; i++)
            deployed += production_indexed(&view, fixture_on_deploy, &t);
    bench_do_not_optimize(&deployed);
    bodies_report(st, n, view.count, view.count, &t);
}

static void body_production_indexed(struct bench_state *st, void *ctx)
{
    const struct fixture *f = bodies_fixture(st, ctx);
    if (f != NULL)
        bodies_indexed(st, &f->shuffled, f->n);
}

/* --- the series that separate n from p ---------------------------------- */

/* The point of a series whose argument is the current run's. */
static const struct fixture_np *bodies_point(struct bench_state *st,
                                             const struct bodies_series *s)
{
    int64_t arg = bench_range(st, 0);
    for (size_t i = 0; i < s->count; i++)
        if (s->args[i] == arg)
            return &s->fx[i];
    bench_skip_with_error(st, "bench: no data was built for this point");
    return NULL;
}

static void body_series_scan(struct bench_state *st, void *ctx)
{
    const struct fixture_np *f = bodies_point(st, ctx);
    if (f == NULL)
        return;
    struct fixture_tally t = {{0}};
    const struct reg_version *base = fixture_np_window(f, 0);
    size_t n = f->n, off = 0, end = f->windows * n, deployed = 0;
    size_t batch = bodies_batch(n);
    while (bench_keep_running_batch(st, batch)) {
        for (size_t i = 0; i < batch; i++) {
            deployed += production_scan(base + off, n, fixture_on_deploy, &t);
            off = off + n < end ? off + n : 0;
        }
    }
    bench_do_not_optimize(&deployed);
    bodies_report(st, f->n, f->p, f->p, &t);
}

static void body_series_indexed(struct bench_state *st, void *ctx)
{
    const struct fixture_np *f = bodies_point(st, ctx);
    if (f != NULL)
        bodies_indexed(st, &f->r, f->n);
}

/* --- the shim's own cost ------------------------------------------------ */

static const unsigned char bodies_overhead_bytes[BODIES_OVERHEAD_N] = {
    STAGE_PRODUCTION, STAGE_STAGING, STAGE_NONE, STAGE_PRODUCTION,
    STAGE_STAGING, STAGE_ARCHIVED, STAGE_PRODUCTION, STAGE_STAGING,
    STAGE_NONE, STAGE_PRODUCTION,
};

/* The empty body: touches n bytes and does nothing with them (as
 * native.cc does with benchmark::DoNotOptimize). */
static inline void bodies_touch(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        bench_do_not_optimize(&s[i]);
}

/* The overhead bodies' counters: n bytes, p of them Production. */
static void bodies_overhead_done(struct bench_state *st, size_t n)
{
    size_t p = 0;
    for (size_t i = 0; i < n && i < BODIES_OVERHEAD_N; i++)
        p += bodies_overhead_bytes[i] == STAGE_PRODUCTION;
    bench_counter(st, "n", (double)n);
    bench_counter(st, "p", (double)p);
}

static void body_overhead_shim(struct bench_state *st, void *ctx)
{
    size_t n = (size_t)bench_range(st, 0);
    while (bench_keep_running(st))
        bodies_touch(ctx, n);
    bodies_overhead_done(st, n);
}

static void body_overhead_batched(struct bench_state *st, void *ctx)
{
    size_t n = (size_t)bench_range(st, 0), batch = bodies_batch(n);
    while (bench_keep_running_batch(st, batch))
        for (size_t i = 0; i < batch; i++)
            bodies_touch(ctx, n);
    bodies_overhead_done(st, n);
}

/* --- registration -------------------------------------------------------- */

enum bodies_kind {
    BODIES_KIT,
    BODIES_FIXED_P,
    BODIES_FIXED_N,
    BODIES_SHIM_OVERHEAD,
    BODIES_NATIVE
};

static const struct bodies_def {
    const char *name;
    bench_body *body;
    enum bodies_kind kind;
} bodies_table[] = {
    {"dispatch/random", body_dispatch_random, BODIES_KIT},
    {"dispatch/memorised", body_dispatch_memorised, BODIES_KIT},
    {"dispatch/sorted", body_dispatch_sorted, BODIES_KIT},
    {"kernel/random", body_kernel_random, BODIES_KIT},
    {"kernel/sorted", body_kernel_sorted, BODIES_KIT},
    {"production/scan", body_production_scan, BODIES_KIT},
    {"production/scan-sorted", body_production_scan_sorted, BODIES_KIT},
    {"production/indexed", body_production_indexed, BODIES_KIT},
    {"fixed-p/scan", body_series_scan, BODIES_FIXED_P},
    {"fixed-p/indexed", body_series_indexed, BODIES_FIXED_P},
    {"fixed-n/scan", body_series_scan, BODIES_FIXED_N},
    {"fixed-n/indexed", body_series_indexed, BODIES_FIXED_N},
    {"overhead/native", NULL, BODIES_NATIVE},
    {"overhead/shim", body_overhead_shim, BODIES_SHIM_OVERHEAD},
    {"overhead/shim-batched", body_overhead_batched, BODIES_SHIM_OVERHEAD},
};

/* What a family runs over: its context, arguments and repetitions. */
static struct bench_spec bodies_spec(const struct bodies_def *d,
                                     const struct bodies_suite *s,
                                     const int64_t *sizes, size_t nsizes,
                                     int repetitions)
{
    static const int64_t overhead_n[] = {BODIES_OVERHEAD_N};
    struct bench_spec spec = {.name = d->name, .body = d->body,
                              .repetitions = repetitions};
    const struct bodies_series *series =
        d->kind == BODIES_FIXED_P ? &s->fixed_p
        : d->kind == BODIES_FIXED_N ? &s->fixed_n : NULL;
    if (d->kind == BODIES_KIT) {
        spec.ctx = (void *)s;
        spec.args = sizes;
        spec.nargs = nsizes;
    } else if (series != NULL) {
        spec.ctx = (void *)series;
        spec.args = series->args;
        spec.nargs = series->count;
    } else {
        /* The overhead bodies are short and the ratio is read from their
         * fastest repetitions: three times as many of them. */
        spec.ctx = (void *)bodies_overhead_bytes;
        spec.args = overhead_n;
        spec.nargs = 1;
        spec.repetitions = 3 * repetitions;
    }
    spec.big_o = d->kind == BODIES_KIT && nsizes > 1 ? BENCH_BIG_O_AUTO
                                                     : BENCH_BIG_O_NONE;
    return spec;
}

int bodies_register(const struct bodies_suite *s, const int64_t *sizes,
                    size_t nsizes, int repetitions, double min_time)
{
    for (size_t i = 0; i < sizeof bodies_table / sizeof bodies_table[0]; i++) {
        const struct bodies_def *d = &bodies_table[i];
        struct bench_spec spec = bodies_spec(d, s, sizes, nsizes,
                                             repetitions);
        spec.min_time = min_time;
        if (spec.nargs == 0)
            continue; /* a series left out of this run */
        int rc = d->kind == BODIES_NATIVE ? bench_native_register(&spec)
                                          : bench_register(&spec);
        if (rc != 0)
            return -1;
    }
    return 0;
}
