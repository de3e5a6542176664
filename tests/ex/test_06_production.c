/* Exercise 6 (kata/06_production.c): the seed's follow-up, "what if we only
 * processed models in the production stage?"  The filtered scan still checks
 * all n versions (O(n) checks, O(p) actions); the stage index touches only
 * the p Production versions (O(p)).  Everything here is counted, never
 * timed. */
#include <stdlib.h>

#include "lesson.h"
#include "populate.h"
#include "production.h"

#define MAXN 1200

/* What deploy() saw, by version number and by position in the array. */
struct tally {
    size_t calls;
    size_t by_number[MAXN + 2];
    int64_t order[MAXN + 2];
    int64_t not_production; /* a deployed version not in Production, or 0 */
    const struct reg_version *base; /* the array, for positions */
    size_t n;
    size_t by_position[MAXN + 1];
    size_t outside; /* pointers outside base[0..n) */
};

/* Everything a test uses, released by the teardown even when it fails. */
struct world {
    struct tally t;
    struct reg_version v[MAXN + 1];
    struct registry r;
    struct reg_version *big; /* the large cases' array, or NULL */
    uint32_t *big_pos;       /* ... and index */
};

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    if (w == NULL)
        return -1;
    reg_init(&w->r);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    reg_free(&w->r);
    free(w->big);
    free(w->big_pos);
    free(w);
    return 0;
}

static void on_deploy(void *ctx, const struct reg_version *v)
{
    struct tally *t = ctx;
    if (v->number >= 0 && v->number <= MAXN + 1)
        t->by_number[v->number]++;
    if (t->calls < MAXN + 2)
        t->order[t->calls] = v->number;
    t->calls++;
    if (v->stage != STAGE_PRODUCTION && t->not_production == 0)
        t->not_production = v->number;
    if (t->base != NULL && v >= t->base && v < t->base + t->n)
        t->by_position[v - t->base]++;
    else if (t->base != NULL)
        t->outside++;
}

static void on_count(void *ctx, const struct reg_version *v)
{
    (void)v;
    ++*(size_t *)ctx;
}

/* Versions numbered 1..n with the given stages, plus a Production sentinel
 * (number n + 1) past the end that no loop may reach. */
static struct reg_version *versions_of(struct world *w, const enum stage *s,
                                       size_t n)
{
    assert_true(n <= MAXN);
    for (size_t i = 0; i <= n; i++) {
        w->v[i].number = (int64_t)i + 1;
        w->v[i].stage = i < n ? s[i] : STAGE_PRODUCTION;
    }
    return w->v;
}

static void the_scan_deploys_exactly_the_production_versions(void **state)
{
    struct world *w = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_STAGING, STAGE_NONE,
                            STAGE_PRODUCTION, STAGE_ARCHIVED,
                            STAGE_PRODUCTION};
    size_t n = sizeof s / sizeof s[0];
    size_t got = production_scan(versions_of(w, s, n), n, on_deploy, &w->t);
    for (size_t k = 1; k <= n; k++) {
        size_t want = s[k - 1] == STAGE_PRODUCTION;
        LESSON(w->t.by_number[k] == want,
               "version %zu (%s) was deployed %zu times; expected "
               "%zu: deploy every Production version once, the "
               "first and the last included, and nothing else",
               k, want ? "Production" : "not Production",
               w->t.by_number[k], want);
    }
    LESSON(w->t.by_number[n + 1] == 0,
           "the element after the last version was deployed: the "
           "scan runs past the end of the array");
    LESSON(got == 3 && w->t.calls == 3,
           "production_scan returned %zu after %zu deploys; expected "
           "3 and 3: return the number deployed",
           got, w->t.calls);
}

static void the_scan_of_nothing_deploys_nothing(void **state)
{
    struct world *w = *state;
    size_t got = production_scan(NULL, 0, on_deploy, &w->t);
    LESSON(got == 0 && w->t.calls == 0,
           "production_scan(NULL, 0) returned %zu after %zu calls; "
           "an empty registry deploys nothing",
           got, w->t.calls);
}

static void the_scan_counts_p_actions_out_of_n(void **state)
{
    struct world *w = *state;
    static const size_t sizes[] = {12, 120, 1200};
    for (size_t i = 0; i < 3; i++) {
        size_t n = sizes[i];
        enum stage s[MAXN];
        populate_stages(s, n, POPULATE_SHUFFLED, 11);
        memset(&w->t, 0, sizeof w->t);
        size_t got = production_scan(versions_of(w, s, n), n, on_deploy,
                                     &w->t);
        size_t p = populate_count(n, STAGE_PRODUCTION);
        LESSON(w->t.not_production == 0,
               "version %lld is not in Production but was deployed",
               (long long)w->t.not_production);
        LESSON(w->t.calls == p && got == p,
               "n = %zu: %zu deploys (returned %zu); expected p = %zu: "
               "the scan checks all n but acts on the p in Production",
               n, w->t.calls, got, p);
    }
}

static void the_index_deploys_each_production_version_once(void **state)
{
    struct world *w = *state;
    assert_int_equal(populate_registry(&w->r, 600, 3, POPULATE_SHUFFLED, 5,
                                       NULL),
                     KIT_OK);
    struct reg_view view = reg_stage_view(&w->r, STAGE_PRODUCTION);
    /* Version numbers repeat across models: count by position instead. */
    w->t.base = reg_versions(&w->r, &w->t.n);
    size_t got = production_indexed(&view, on_deploy, &w->t);
    size_t p = reg_stage_count(&w->r, STAGE_PRODUCTION);
    LESSON(w->t.outside == 0,
           "%zu deploys got a pointer outside the registry's array: "
           "deploy &view->versions[view->pos[i]]",
           w->t.outside);
    for (size_t i = 0; i < w->t.n; i++)
        LESSON(w->t.by_position[i] ==
                   (w->t.base[i].stage == STAGE_PRODUCTION),
               "the version at position %zu (%s) was deployed %zu "
               "times: each Production version exactly once, nothing "
               "else",
               i, stage_name(w->t.base[i].stage),
               w->t.by_position[i]);
    LESSON(w->t.calls == p && got == p,
           "%zu deploys (returned %zu) for p = %zu Production versions "
           "out of n = 600; expected p: one deploy per entry of the "
           "index",
           w->t.calls, got, p);
}

static void the_index_is_followed_not_scanned(void **state)
{
    struct world *w = *state;
    /* Every version in the array is marked Production, but the index lists
     * only three of them (in this order).  A function that scans the array
     * deploys the decoys too: that is the O(n) loop the index avoids. */
    enum stage s[10];
    for (size_t i = 0; i < 10; i++)
        s[i] = STAGE_PRODUCTION;
    const uint32_t pos[] = {6, 1, 3};
    struct reg_view view = {versions_of(w, s, 10), pos, 3};
    size_t got = production_indexed(&view, on_deploy, &w->t);
    for (size_t k = 1; k <= 11; k++) {
        size_t want = k == 7 || k == 2 || k == 4;
        size_t times = w->t.by_number[k];
        LESSON(times == want,
               "version %zu was deployed %zu times; expected %zu: %s",
               k, times, want,
               want == 0 ? "it is not in pos[], so the function "
                           "still visits every version of the array: "
                           "O(n), not O(p); deploy versions[pos[i]] "
                           "for i < count and touch nothing else"
               : times == 0 ? "an entry of pos[] was skipped: walk "
                              "i = 0 .. count - 1, the last one too"
                            : "an entry of pos[] was deployed twice: "
                              "once per i, each i once");
    }
    LESSON(w->t.order[0] == 7 && w->t.order[1] == 2 &&
               w->t.order[2] == 4,
           "deploy order %lld, %lld, %lld; expected 7, 2, 4: follow "
           "pos[] in its order",
           (long long)w->t.order[0], (long long)w->t.order[1],
           (long long)w->t.order[2]);
    LESSON(got == 3, "production_indexed returned %zu; expected 3, "
                     "the number deployed",
           got);
}

static void an_empty_index_deploys_nothing(void **state)
{
    struct world *w = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_PRODUCTION};
    struct reg_view view = {versions_of(w, s, 2), NULL, 0};
    size_t got = production_indexed(&view, on_deploy, &w->t);
    LESSON(got == 0 && w->t.calls == 0,
           "an empty view (count 0, pos NULL) made %zu deploys and "
           "returned %zu: with no Production version there is "
           "nothing to do, whatever the array holds",
           w->t.calls, got);
}

static void both_ways_deploy_the_same_versions(void **state)
{
    struct world *w = *state;
    assert_int_equal(populate_registry(&w->r, 300, 3, POPULATE_SHUFFLED, 9,
                                       NULL),
                     KIT_OK);
    size_t n;
    const struct reg_version *all = reg_versions(&w->r, &n);
    struct reg_view view = reg_stage_view(&w->r, STAGE_PRODUCTION);
    size_t scanned = 0, indexed = 0;
    size_t by_scan = production_scan(all, n, on_count, &scanned);
    size_t by_index = production_indexed(&view, on_count, &indexed);
    LESSON(scanned == indexed && by_scan == by_index && scanned == 100,
           "the scan deployed %zu (returned %zu), the index %zu "
           "(returned %zu); expected 100 each for 300 versions, a "
           "third in Production: the same answer, O(n) checks versus "
           "O(p)",
           scanned, by_scan, indexed, by_index);
}

/* --- at scale ------------------------------------------------------------ */

#define BIG 300000

/* What a large case's deploy() expects: for the scan, Production elements
 * in array order; for the index, versions[pos[next]].  The first wrong
 * call ends the case there, so that a wrong loop fails at once instead of
 * running on. */
struct walk {
    const struct reg_version *base;
    size_t n;            /* elements in the array */
    const uint32_t *pos; /* the index, or NULL for the scan */
    size_t p;            /* entries in the index, or Production elements */
    size_t next;         /* deploys so far */
    size_t last;         /* the scan's last deployed position + 1 */
};

static size_t walk_position(const struct walk *k, const struct reg_version *v)
{
    if (v < k->base || v >= k->base + k->n)
        lesson_fail("deploy %zu got a pointer outside the array: deploy "
                    "the element itself",
                    k->next + 1);
    return (size_t)(v - k->base);
}

static void walk_scan(void *ctx, const struct reg_version *v)
{
    struct walk *k = ctx;
    size_t at = walk_position(k, v);
    if (v->stage != STAGE_PRODUCTION)
        lesson_fail("n = %zu: the element at position %zu is in %s and was "
                    "deployed: only Production versions are",
                    k->n, at, kit_stage_label(v->stage));
    if (at < k->last)
        lesson_fail("n = %zu: position %zu was deployed after position "
                    "%zu: one pass, first to last, each element once "
                    "(repeated versions included)",
                    k->n, at, k->last - 1);
    k->last = at + 1;
    k->next++;
}

static void walk_index(void *ctx, const struct reg_version *v)
{
    struct walk *k = ctx;
    size_t at = walk_position(k, v);
    if (k->next >= k->p)
        lesson_fail("p = %zu: more than p deploys: an index entry was "
                    "deployed twice",
                    k->p);
    if (at != k->pos[k->next])
        lesson_fail("p = %zu: deploy %zu was position %zu; expected "
                    "pos[%zu] = %lu: %s",
                    k->p, k->next + 1, at, k->next,
                    (unsigned long)k->pos[k->next],
                    at % 4 == 3 ? "that position is not in the index at "
                                  "all, so the function scans the array: "
                                  "O(n), not O(p)"
                                : "follow pos[] in its order, each entry "
                                  "once");
    k->next++;
}

/* BIG versions in identical pairs, five pairs in six in Production (so
 * that a loop doing O(p) work per deploy takes minutes, not seconds). */
static const struct reg_version *make_big_scan(struct world *w, size_t *p)
{
    static const enum stage others[] = {STAGE_NONE, STAGE_STAGING,
                                        STAGE_ARCHIVED};
    w->big = calloc(BIG, sizeof *w->big);
    assert_non_null(w->big);
    *p = 0;
    for (size_t i = 0; i < BIG; i++) {
        size_t k = i / 2;
        w->big[i].model = (uint32_t)(k % 3);
        w->big[i].number = (int64_t)(k / 3) + 1;
        w->big[i].stage = k % 6 == 5 ? others[k / 6 % 3] : STAGE_PRODUCTION;
        *p += w->big[i].stage == STAGE_PRODUCTION;
    }
    return w->big;
}

static void the_scan_of_300000_versions_is_one_pass(void **state)
{
    struct world *w = *state;
    size_t p;
    const struct reg_version *v = make_big_scan(w, &p);
    struct walk k = {v, BIG, NULL, p, 0, 0};
    lesson_limit(2.0, "your loop looks quadratic: n = %d took over 2 s",
                 BIG);
    size_t got = production_scan(v, BIG, walk_scan, &k);
    LESSON(k.next == p && got == p,
           "n = %d: %zu deploys (returned %zu); expected the p = %zu "
           "Production elements, each once",
           BIG, k.next, got, p);
}

/* BIG * 4 / 3 versions, all marked Production; the index lists the BIG at
 * positions not of the form 4j + 3 (those are decoys), in a scrambled
 * order. */
static struct reg_view make_big_index(struct world *w)
{
    const size_t n = BIG / 3 * 4;
    w->big = calloc(n, sizeof *w->big);
    w->big_pos = calloc(BIG, sizeof *w->big_pos);
    assert_true(w->big != NULL && w->big_pos != NULL);
    for (size_t i = 0; i < n; i++) {
        w->big[i].number = (int64_t)i + 1;
        w->big[i].stage = STAGE_PRODUCTION;
    }
    for (size_t i = 0; i < BIG; i++) {
        size_t j = (i * 7 + 5) % BIG; /* a permutation: gcd(7, BIG) = 1 */
        w->big_pos[i] = (uint32_t)(j / 3 * 4 + j % 3);
    }
    return (struct reg_view){w->big, w->big_pos, BIG};
}

static void the_index_of_300000_is_walked_once_in_linear_time(void **state)
{
    struct world *w = *state;
    struct reg_view view = make_big_index(w);
    struct walk k = {view.versions, BIG / 3 * 4, view.pos, BIG, 0, 0};
    lesson_limit(2.0, "your loop looks quadratic: p = %d took over 2 s",
                 BIG);
    size_t got = production_indexed(&view, walk_index, &k);
    LESSON(k.next == BIG && got == BIG,
           "p = %d: %zu deploys (returned %zu); expected p, one per "
           "index entry",
           BIG, k.next, got);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(the_scan_deploys_exactly_the_production_versions),
        T(the_scan_of_nothing_deploys_nothing),
        T(the_scan_counts_p_actions_out_of_n),
        T(the_index_deploys_each_production_version_once),
        T(the_index_is_followed_not_scanned),
        T(an_empty_index_deploys_nothing),
        T(both_ways_deploy_the_same_versions),
        T(the_scan_of_300000_versions_is_one_pass),
        T(the_index_of_300000_is_walked_once_in_linear_time),
    };
    return lesson_run("06_production", tests);
}
