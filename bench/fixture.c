#include "fixture.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "populate.h"
#include "production.h"

/* Models the versions are spread over (the dispatch loop does not care). */
#define FIXTURE_MODELS 16

void fixture_on_deploy(void *ctx, const struct reg_version *v)
{
    (void)v;
    ((struct fixture_tally *)ctx)->count[DISPATCH_DEPLOY]++;
}

void fixture_on_test(void *ctx, const struct reg_version *v)
{
    (void)v;
    ((struct fixture_tally *)ctx)->count[DISPATCH_TEST]++;
}

void fixture_on_archive(void *ctx, const struct reg_version *v)
{
    (void)v;
    ((struct fixture_tally *)ctx)->count[DISPATCH_ARCHIVE]++;
}

struct dispatch_actions fixture_actions(struct fixture_tally *t)
{
    struct dispatch_actions a = {
        .on = {[DISPATCH_DEPLOY] = fixture_on_deploy,
               [DISPATCH_TEST] = fixture_on_test,
               [DISPATCH_ARCHIVE] = fixture_on_archive},
        .ctx = t,
    };
    return a;
}

/* Windows of n versions that make a pool of at least pool_min (n >= 1). */
static size_t fixture_windows(size_t n, size_t pool_min)
{
    return n >= pool_min ? 1 : (pool_min + n - 1) / n;
}

static unsigned char *fixture_pack(const struct registry *r)
{
    size_t n;
    const struct reg_version *v = reg_versions(r, &n);
    unsigned char *s = malloc(n ? n : 1);
    for (size_t i = 0; s != NULL && i < n; i++)
        s[i] = (unsigned char)v[i].stage;
    return s;
}

enum kit_status fixture_build(struct fixture *f, size_t n, size_t pool_min,
                              struct kit_error *err)
{
    memset(f, 0, sizeof *f);
    f->n = n;
    f->windows = fixture_windows(n, pool_min);
    reg_init(&f->pool);
    reg_init(&f->shuffled);
    reg_init(&f->sorted);
    enum kit_status st = populate_registry(&f->pool, f->windows * n,
                                           FIXTURE_MODELS, POPULATE_SHUFFLED,
                                           1, err);
    if (st == KIT_OK)
        st = populate_registry(&f->shuffled, n, FIXTURE_MODELS,
                               POPULATE_SHUFFLED, 2, err);
    if (st == KIT_OK)
        st = populate_registry(&f->sorted, n, FIXTURE_MODELS,
                               POPULATE_SORTED, 0, err);
    if (st == KIT_OK) {
        f->pool_stages = fixture_pack(&f->pool);
        f->sorted_stages = fixture_pack(&f->sorted);
        if (f->pool_stages == NULL || f->sorted_stages == NULL)
            st = kit_error_set(err, KIT_ENOMEM, "out of memory");
    }
    if (st != KIT_OK)
        fixture_free(f);
    return st;
}

void fixture_free(struct fixture *f)
{
    if (f == NULL)
        return;
    reg_free(&f->pool);
    reg_free(&f->shuffled);
    reg_free(&f->sorted);
    free(f->pool_stages);
    free(f->sorted_stages);
    f->pool_stages = f->sorted_stages = NULL;
}

const struct reg_version *fixture_window(const struct fixture *f, size_t w)
{
    size_t len;
    return reg_versions(&f->pool, &len) + w * f->n;
}

/* --- the checks --------------------------------------------------------- */

/* What the fixed mix puts in each action for m versions. */
static struct dispatch_counts fixture_expected(size_t m)
{
    struct dispatch_counts c = {{0}};
    c.count[DISPATCH_DEPLOY] = populate_count(m, STAGE_PRODUCTION);
    c.count[DISPATCH_TEST] = populate_count(m, STAGE_STAGING);
    c.count[DISPATCH_ARCHIVE] = populate_count(m, STAGE_NONE) +
                                populate_count(m, STAGE_ARCHIVED);
    return c;
}

/* Compares what dispatch_all counted, and the calls the actions saw,
 * with the fixed mix; writes the first difference to msg. */
static int fixture_compare(const struct dispatch_counts *got,
                           const struct fixture_tally *calls, size_t m,
                           char *msg, size_t size)
{
    static const char *const what[DISPATCH_ACTIONS] = {
        [DISPATCH_DEPLOY] = "deploys", [DISPATCH_TEST] = "tests",
        [DISPATCH_ARCHIVE] = "archives",
    };
    struct dispatch_counts want = fixture_expected(m);
    for (int a = 0; a < DISPATCH_ACTIONS; a++) {
        bool miscounted = got->count[a] != want.count[a];
        if (!miscounted && calls->count[a] == want.count[a])
            continue;
        snprintf(msg, size, "dispatch_all %s %zu %s for %zu versions, "
                 "expected %zu: fix exercise 5 (kata/05_dispatch.c)",
                 miscounted ? "counted" : "called",
                 miscounted ? got->count[a] : calls->count[a], what[a], m,
                 want.count[a]);
        return -1;
    }
    return 0;
}

/* Full dispatch over the sorted registry, and over every window of the
 * pool (their totals must match the whole pool's mix). */
static int fixture_check_dispatch(const struct fixture *f, char *msg,
                                  size_t size)
{
    struct fixture_tally t = {{0}}, all = {{0}};
    struct dispatch_actions a = fixture_actions(&t);
    struct dispatch_counts c, sum = {{0}};
    size_t n;
    const struct reg_version *v = reg_versions(&f->sorted, &n);
    dispatch_all(v, n, &a, &c);
    if (fixture_compare(&c, &t, n, msg, size) != 0)
        return -1;
    a.ctx = &all;
    for (size_t w = 0; w < f->windows; w++) {
        dispatch_all(fixture_window(f, w), f->n, &a, &c);
        for (int k = 0; k < DISPATCH_ACTIONS; k++)
            sum.count[k] += c.count[k];
    }
    return fixture_compare(&sum, &all, f->windows * f->n, msg, size);
}

/* Counts deploys and checks that only Production versions are deployed. */
static void fixture_on_deploy_checked(void *ctx, const struct reg_version *v)
{
    struct fixture_tally *t = ctx;
    t->count[v->stage == STAGE_PRODUCTION ? DISPATCH_DEPLOY
                                          : DISPATCH_ARCHIVE]++;
}

/* Both production-only functions over one registry must deploy exactly
 * its `want` Production versions. */
static int fixture_check_both(const struct registry *r, size_t want,
                              char *msg, size_t size)
{
    static const char *const fix = "fix exercise 6 (kata/06_production.c)";
    size_t n;
    const struct reg_version *v = reg_versions(r, &n);
    struct fixture_tally t = {{0}};
    size_t got = production_scan(v, n, fixture_on_deploy_checked, &t);
    if (got != want || t.count[DISPATCH_DEPLOY] != want ||
        t.count[DISPATCH_ARCHIVE] != 0) {
        snprintf(msg, size, "production_scan returned %zu and deployed %zu "
                 "Production and %zu other versions of %zu, expected %zu: %s",
                 got, t.count[DISPATCH_DEPLOY], t.count[DISPATCH_ARCHIVE], n,
                 want, fix);
        return -1;
    }
    struct reg_view view = reg_stage_view(r, STAGE_PRODUCTION);
    t = (struct fixture_tally){{0}};
    got = production_indexed(&view, fixture_on_deploy_checked, &t);
    if (got != want || t.count[DISPATCH_DEPLOY] != want ||
        t.count[DISPATCH_ARCHIVE] != 0) {
        snprintf(msg, size, "production_indexed returned %zu and deployed "
                 "%zu Production and %zu other versions of %zu, expected "
                 "%zu: %s", got, t.count[DISPATCH_DEPLOY],
                 t.count[DISPATCH_ARCHIVE], n, want, fix);
        return -1;
    }
    return 0;
}

static int fixture_check_production(const struct fixture *f, char *msg,
                                    size_t size)
{
    return fixture_check_both(&f->shuffled,
                              populate_count(f->n, STAGE_PRODUCTION), msg,
                              size);
}

int fixture_check(const struct fixture *f, char *msg, size_t size)
{
    if (fixture_check_dispatch(f, msg, size) != 0)
        return -1;
    return fixture_check_production(f, msg, size);
}

/* --- the n-and-p series ------------------------------------------------- */

enum kit_status fixture_np_build(struct fixture_np *f, size_t n, size_t p,
                                 size_t pool_min, struct kit_error *err)
{
    f->n = n;
    f->p = p;
    f->windows = fixture_windows(n, pool_min);
    reg_init(&f->r);
    reg_init(&f->pool);
    enum kit_status st = populate_production(&f->r, n, p, 1, FIXTURE_MODELS,
                                             3, err);
    if (st == KIT_OK)
        st = populate_production(&f->pool, n, p, f->windows, FIXTURE_MODELS,
                                 4, err);
    if (st != KIT_OK)
        fixture_np_free(f);
    return st;
}

void fixture_np_free(struct fixture_np *f)
{
    if (f == NULL)
        return;
    reg_free(&f->r); /* reg_free leaves an empty registry behind */
    reg_free(&f->pool);
}

const struct reg_version *fixture_np_window(const struct fixture_np *f,
                                            size_t w)
{
    size_t len;
    return reg_versions(&f->pool, &len) + w * f->n;
}

/* The registry, and the scan over every window of the pool: each window
 * holds exactly p. */
int fixture_np_check(const struct fixture_np *f, char *msg, size_t size)
{
    if (fixture_check_both(&f->r, f->p, msg, size) != 0)
        return -1;
    struct fixture_tally t = {{0}};
    size_t got = 0;
    for (size_t w = 0; w < f->windows; w++)
        got += production_scan(fixture_np_window(f, w), f->n,
                               fixture_on_deploy_checked, &t);
    if (got == f->windows * f->p && t.count[DISPATCH_ARCHIVE] == 0)
        return 0;
    snprintf(msg, size, "production_scan found %zu Production versions in "
             "%zu windows of %zu, expected %zu: fix exercise 6 "
             "(kata/06_production.c)", got, f->windows, f->n,
             f->windows * f->p);
    return -1;
}
