/* Exercise 5 (kata/05_dispatch.c): the seed's loop
 *     for model in models: production -> deploy, staging -> test,
 *                          otherwise -> archive
 * Each version is visited exactly once, so n versions take n actions: O(n). */
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

#include "dispatch.h"
#include "lesson.h"
#include "populate.h"

#define MAXN 1000

/* What the actions saw: visits per version number, calls per action, the
 * order of visits; with base set, also visits per array element. */
struct tally {
    size_t visits[MAXN + 2];
    size_t calls[DISPATCH_ACTIONS];
    int64_t order[MAXN + 2];
    size_t norder;
    int wrong_action; /* version number sent to the wrong action, or 0 */
    const struct reg_version *base; /* the array, for positions */
    size_t n;
    size_t by_position[MAXN + 1];
    size_t outside; /* pointers outside base[0..n) */
    size_t first_outside; /* which visit (from 1) was the first of those */
};

/* The seed's mapping, written out here so that a wrong
 * dispatch_action_for() cannot hide a wrong call. */
static enum dispatch_action seed_action(enum stage s)
{
    return s == STAGE_PRODUCTION ? DISPATCH_DEPLOY
           : s == STAGE_STAGING  ? DISPATCH_TEST
                                 : DISPATCH_ARCHIVE;
}

static void on_action(struct tally *t, enum dispatch_action a,
                      const struct reg_version *v)
{
    if (v->number >= 0 && v->number <= MAXN + 1)
        t->visits[v->number]++;
    if (t->norder < MAXN + 2)
        t->order[t->norder++] = v->number;
    t->calls[a]++;
    if (seed_action(v->stage) != a && t->wrong_action == 0)
        t->wrong_action = (int)v->number;
    if (t->base == NULL)
        return;
    if (v >= t->base && v < t->base + t->n)
        t->by_position[v - t->base]++;
    else if (t->outside++ == 0)
        t->first_outside = t->norder;
}

static void on_deploy(void *ctx, const struct reg_version *v)
{
    on_action(ctx, DISPATCH_DEPLOY, v);
}

static void on_test(void *ctx, const struct reg_version *v)
{
    on_action(ctx, DISPATCH_TEST, v);
}

static void on_archive(void *ctx, const struct reg_version *v)
{
    on_action(ctx, DISPATCH_ARCHIVE, v);
}

/* Everything a test uses lives here, allocated by the setup and released
 * by the teardown, which cmocka runs even when the test fails. */
struct world {
    struct tally t;
    struct reg_version v[MAXN + 1];
    struct dispatch_counts c;
    struct registry r;
    struct reg_version *big; /* the large array, or NULL */
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
    free(w);
    return 0;
}

/* n versions numbered 1..n with the populate mix, plus a sentinel after
 * them (number n + 1, Production) that a loop must never reach. */
static struct reg_version *make_versions(struct world *w, size_t n,
                                         enum populate_order o)
{
    enum stage s[MAXN];
    assert_true(n <= MAXN);
    populate_stages(s, n, o, 7);
    for (size_t i = 0; i <= n; i++) {
        w->v[i].number = (int64_t)i + 1;
        w->v[i].stage = i < n ? s[i] : STAGE_PRODUCTION;
    }
    return w->v;
}

static void expect_action(enum stage s, enum dispatch_action want,
                          const char *why)
{
    enum dispatch_action got = dispatch_action_for(s);
    LESSON(got == want, "dispatch_action_for(%d) is %s; expected %s: "
                        "%s",
           (int)s, dispatch_action_name(got),
           dispatch_action_name(want), why);
}

static void each_stage_maps_to_the_seeds_action(void **state)
{
    (void)state;
    expect_action(STAGE_PRODUCTION, DISPATCH_DEPLOY,
                  "if model.stage == \"production\": deploy(model)");
    expect_action(STAGE_STAGING, DISPATCH_TEST,
                  "elif model.stage == \"staging\": test(model)");
    expect_action(STAGE_NONE, DISPATCH_ARCHIVE,
                  "else: archive(model) — None falls into the else branch");
    expect_action(STAGE_ARCHIVED, DISPATCH_ARCHIVE,
                  "else: archive(model) — Archived falls into the else "
                  "branch");
    expect_action((enum stage)7, DISPATCH_ARCHIVE,
                  "anything else is archived too (and never indexes past a "
                  "table)");
}

static void the_stages_just_outside_the_enum_are_archived(void **state)
{
    (void)state;
    expect_action(STAGE_COUNT, DISPATCH_ARCHIVE,
                  "STAGE_COUNT is one past the last stage: a table of "
                  "STAGE_COUNT entries ends just before it, so the bounds "
                  "check is s >= STAGE_COUNT, not s > STAGE_COUNT");
    expect_action((enum stage)(STAGE_COUNT + 1), DISPATCH_ARCHIVE,
                  "anything past the enum is archived");
    expect_action((enum stage)-1, DISPATCH_ARCHIVE,
                  "a negative stage is outside the enum too: check the "
                  "lower bound as well as the upper one before indexing");
    expect_action((enum stage)INT_MIN, DISPATCH_ARCHIVE,
                  "a negative stage is outside the enum too");
    expect_action((enum stage)INT_MAX, DISPATCH_ARCHIVE,
                  "anything past the enum is archived");
}

static void run(const struct reg_version *v, size_t n, struct tally *t,
                struct dispatch_counts *out)
{
    struct dispatch_actions a = {{on_deploy, on_test, on_archive}, t};
    dispatch_all(v, n, &a, out);
}

static void every_version_is_visited_exactly_once(void **state)
{
    struct world *w = *state;
    struct tally *t = &w->t;
    size_t n = 60;
    run(make_versions(w, n, POPULATE_SHUFFLED), n, t, &w->c);
    for (size_t k = 1; k <= n; k++) {
        LESSON(t->visits[k] == 1,
               "version %zu of %zu was visited %zu times; expected "
               "exactly once: %s",
               k, n, t->visits[k],
               t->visits[k] == 0 ? "the loop skips a version (check "
                                   "where it starts and ends)"
                                 : "the loop visits a version twice");
    }
    LESSON(t->visits[n + 1] == 0,
           "the element after the last version was visited: the "
           "loop runs past the end of the array (i <= n?)");
}

static void versions_are_visited_in_array_order(void **state)
{
    struct world *w = *state;
    struct tally *t = &w->t;
    size_t n = 12;
    run(make_versions(w, n, POPULATE_SHUFFLED), n, t, &w->c);
    LESSON(t->norder == n, "%zu actions for %zu versions; expected "
                           "one action per version",
           t->norder, n);
    for (size_t i = 0; i < n; i++)
        LESSON(t->order[i] == (int64_t)i + 1,
               "visit %zu was version %lld; expected %zu: walk the "
               "contiguous array from first to last",
               i + 1, (long long)t->order[i], i + 1);
}

static void each_version_gets_the_action_of_its_stage(void **state)
{
    struct world *w = *state;
    struct tally *t = &w->t;
    size_t n = 60;
    run(make_versions(w, n, POPULATE_SHUFFLED), n, t, &w->c);
    LESSON(t->wrong_action == 0,
           "version %d was sent to the wrong action: Production -> "
           "deploy, Staging -> test, everything else -> archive; "
           "call a->on[dispatch_action_for(stage)]",
           t->wrong_action);
}

static void the_counts_match_the_calls(void **state)
{
    struct world *w = *state;
    struct tally *t = &w->t;
    size_t n = 60;
    struct dispatch_counts c = {{999, 999, 999}};
    run(make_versions(w, n, POPULATE_SORTED), n, t, &c);
    for (int a = 0; a < DISPATCH_ACTIONS; a++)
        LESSON(c.count[a] == t->calls[a],
               "out->count[%s] is %zu but %s was called %zu times: "
               "*out is overwritten (start from zero) and counts "
               "every call",
               dispatch_action_name((enum dispatch_action)a),
               c.count[a], dispatch_action_name((enum dispatch_action)a),
               t->calls[a]);
    LESSON(c.count[DISPATCH_DEPLOY] == populate_count(n, STAGE_PRODUCTION),
           "%zu deploys for %zu Production versions",
           c.count[DISPATCH_DEPLOY], populate_count(n, STAGE_PRODUCTION));
}

static void the_seeds_table_n_versions_n_actions(void **state)
{
    struct world *w = *state;
    static const size_t sizes[] = {10, 100, 1000};
    for (size_t i = 0; i < 3; i++) {
        size_t n = sizes[i];
        struct tally *t = &w->t;
        struct dispatch_counts c;
        memset(t, 0, sizeof *t);
        run(make_versions(w, n, POPULATE_SHUFFLED), n, t, &c);
        size_t actions = t->calls[0] + t->calls[1] + t->calls[2];
        size_t sum = c.count[0] + c.count[1] + c.count[2];
        LESSON(actions == n && sum == n,
               "n = %zu versions took %zu actions (counted %zu); the "
               "seed's table says n actions: one per version, O(n)",
               n, actions, sum);
    }
}

static void an_empty_registry_takes_no_action(void **state)
{
    struct world *w = *state;
    struct tally *t = &w->t;
    struct dispatch_counts c = {{5, 5, 5}};
    /* An empty registry's reg_versions() may well be NULL. */
    run(NULL, 0, t, &c);
    size_t calls = t->calls[0] + t->calls[1] + t->calls[2];
    LESSON(calls == 0, "n = 0 made %zu calls; expected none", calls);
    LESSON(c.count[0] == 0 && c.count[1] == 0 && c.count[2] == 0,
           "n = 0 must still overwrite *out with zero counts");
}

/* Visits per element: every one exactly once, by a pointer into the array
 * (not to a copy), nothing outside it. */
static void expect_each_element_once(const struct tally *t, size_t n,
                                     const char *what)
{
    LESSON(t->outside == 0,
           "%s: visit %zu got a pointer outside the array: pass "
           "&versions[i], the element itself, not a pointer to a "
           "copy",
           what, t->first_outside);
    for (size_t i = 0; i < n; i++)
        LESSON(t->by_position[i] == 1,
               "%s: the element at position %zu (version %lld, %s) "
               "was visited %zu times; expected once: the loop "
               "visits array ELEMENTS, one call each, whatever "
               "their numbers",
               what, i, (long long)t->base[i].number,
               kit_stage_label(t->base[i].stage), t->by_position[i]);
}

static void the_same_version_twice_is_dispatched_twice(void **state)
{
    struct world *w = *state;
    /* The array holds model 0's version 1 three times (twice in a row) and
     * two versions numbered 2 of different models. */
    const struct reg_version v[] = {
        {.model = 0, .number = 1, .stage = STAGE_PRODUCTION},
        {.model = 0, .number = 1, .stage = STAGE_PRODUCTION},
        {.model = 1, .number = 2, .stage = STAGE_STAGING},
        {.model = 0, .number = 2, .stage = STAGE_STAGING},
        {.model = 0, .number = 1, .stage = STAGE_PRODUCTION},
    };
    size_t n = sizeof v / sizeof v[0];
    w->t.base = v;
    w->t.n = n;
    run(v, n, &w->t, &w->c);
    LESSON(w->t.norder == n && w->c.count[DISPATCH_DEPLOY] == 3,
           "%zu calls (%zu deploys) for %zu elements, three of them "
           "the same Production version; expected %zu calls and 3 "
           "deploys: dispatch is per array element, a repeated "
           "version is not skipped",
           w->t.norder, w->c.count[DISPATCH_DEPLOY], n, n);
    expect_each_element_once(&w->t, n, "an array with repeats");
}

static void a_stage_outside_the_enum_is_archived_in_the_loop(void **state)
{
    struct world *w = *state;
    const struct reg_version v[] = {
        {.number = 1, .stage = STAGE_COUNT},
        {.number = 2, .stage = (enum stage)-1},
        {.number = 3, .stage = STAGE_PRODUCTION},
    };
    w->t.base = v;
    w->t.n = 3;
    run(v, 3, &w->t, &w->c);
    LESSON(w->t.calls[DISPATCH_ARCHIVE] == 2 &&
               w->t.calls[DISPATCH_DEPLOY] == 1,
           "%zu archives and %zu deploys for stages STAGE_COUNT, -1 "
           "and Production; expected 2 and 1: let "
           "dispatch_action_for() (with its bounds check) choose, "
           "do not index a table with the raw stage",
           w->t.calls[DISPATCH_ARCHIVE], w->t.calls[DISPATCH_DEPLOY]);
    expect_each_element_once(&w->t, 3, "stages outside the enum");
}

static void a_real_registry_after_deletes(void **state)
{
    struct world *w = *state;
    /* Three models share the numbers 1..200; each delete moves the last
     * version into the hole, so array order is not number order. */
    assert_int_equal(populate_registry(&w->r, 600, 3, POPULATE_SHUFFLED, 3,
                                       NULL),
                     KIT_OK);
    for (int64_t k = 10; k <= 200; k += 37)
        assert_int_equal(reg_version_delete(&w->r, "model-1", k, NULL),
                         KIT_OK);
    w->t.base = reg_versions(&w->r, &w->t.n);
    run(w->t.base, w->t.n, &w->t, &w->c);
    expect_each_element_once(&w->t, w->t.n, "a registry of 3 models");
    for (size_t i = 0; i < w->t.norder && i < w->t.n; i++)
        LESSON(w->t.order[i] == w->t.base[i].number,
               "visit %zu was version %lld; expected version %lld, "
               "the element at position %zu: walk the array in its "
               "order (version numbers repeat across models and are "
               "not sorted)",
               i + 1, (long long)w->t.order[i],
               (long long)w->t.base[i].number, i);
    LESSON(w->t.wrong_action == 0,
           "version %d was sent to the wrong action",
           w->t.wrong_action);
}

/* --- at scale ----------------------------------------------------------- */

#define BIG 300000

/* The large case's actions: each call must be the next element, with the
 * action of its stage; the first wrong call ends the case there, so that
 * a wrong loop fails at once instead of running on. */
struct walk {
    const struct reg_version *base;
    size_t next, n;
    size_t calls[DISPATCH_ACTIONS];
};

static void walk_action(struct walk *k, enum dispatch_action a,
                        const struct reg_version *v)
{
    if (k->next >= k->n)
        lesson_fail("n = %zu: more than n calls: an element was visited "
                    "twice",
                    k->n);
    if (v != k->base + k->next)
        lesson_fail("n = %zu: call %zu got %s; expected the element at "
                    "position %zu: one call per element, in array order, "
                    "repeated versions included",
                    k->n, k->next + 1,
                    v >= k->base && v < k->base + k->n
                        ? "another element"
                        : "a pointer outside the array",
                    k->next);
    if (seed_action(v->stage) != a)
        lesson_fail("n = %zu: the element at position %zu (%s) went to "
                    "%s",
                    k->n, k->next, kit_stage_label(v->stage),
                    dispatch_action_name(a));
    k->calls[a]++;
    k->next++;
}

static void walk_deploy(void *ctx, const struct reg_version *v)
{
    walk_action(ctx, DISPATCH_DEPLOY, v);
}

static void walk_test(void *ctx, const struct reg_version *v)
{
    walk_action(ctx, DISPATCH_TEST, v);
}

static void walk_archive(void *ctx, const struct reg_version *v)
{
    walk_action(ctx, DISPATCH_ARCHIVE, v);
}

/* BIG versions in identical pairs (the same model, number and stage), of
 * three models, numbered in a scrambled order. */
static struct reg_version *make_big(struct world *w)
{
    w->big = calloc(BIG, sizeof *w->big);
    assert_non_null(w->big);
    const size_t pairs = BIG / 2;
    for (size_t i = 0; i < BIG; i++) {
        size_t k = i / 2;
        w->big[i].model = (uint32_t)(k % 3);
        w->big[i].number = (int64_t)((k * 7 + 3) % pairs) + 1;
        w->big[i].stage = (enum stage)((k * 5 + k / 7) % STAGE_COUNT);
    }
    return w->big;
}

static void n_300000_versions_in_linear_time(void **state)
{
    struct world *w = *state;
    const struct reg_version *v = make_big(w);
    struct walk k = {v, 0, BIG, {0}};
    struct dispatch_actions a = {{walk_deploy, walk_test, walk_archive}, &k};
    lesson_limit(2.0, "your loop looks quadratic: n = %d took over 2 s",
                 BIG);
    dispatch_all(v, BIG, &a, &w->c);
    LESSON(k.next == BIG, "n = %d versions took %zu calls; expected "
                          "n, one per element",
           BIG, k.next);
    for (int i = 0; i < DISPATCH_ACTIONS; i++)
        LESSON(w->c.count[i] == k.calls[i],
               "n = %d: out->count[%s] is %zu after %zu calls",
               BIG, dispatch_action_name((enum dispatch_action)i),
               w->c.count[i], k.calls[i]);
}

/* The same check with cmocka's mocks: deploy(v1), test(v2), archive(v3),
 * in that order and nothing else.  When it fails, cmocka names the call
 * that was missing or unexpected. */
static void mock_deploy(void *ctx, const struct reg_version *v)
{
    (void)ctx;
    function_called();
    check_expected(v->number);
}

static void mock_test(void *ctx, const struct reg_version *v)
{
    (void)ctx;
    function_called();
    check_expected(v->number);
}

static void mock_archive(void *ctx, const struct reg_version *v)
{
    (void)ctx;
    function_called();
    check_expected(v->number);
}

static void the_seeds_loop_in_three_calls(void **state)
{
    (void)state;
    const struct reg_version v[] = {
        {.number = 1, .stage = STAGE_PRODUCTION},
        {.number = 2, .stage = STAGE_STAGING},
        {.number = 3, .stage = STAGE_ARCHIVED},
    };
    expect_function_call(mock_deploy);
    expect_value(mock_deploy, v->number, 1);
    expect_function_call(mock_test);
    expect_value(mock_test, v->number, 2);
    expect_function_call(mock_archive);
    expect_value(mock_archive, v->number, 3);
    struct dispatch_actions a = {{mock_deploy, mock_test, mock_archive}, NULL};
    struct dispatch_counts c;
    dispatch_all(v, 3, &a, &c);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_stage_maps_to_the_seeds_action),
        cmocka_unit_test(the_stages_just_outside_the_enum_are_archived),
        T(every_version_is_visited_exactly_once),
        T(versions_are_visited_in_array_order),
        T(each_version_gets_the_action_of_its_stage),
        T(the_counts_match_the_calls),
        T(the_seeds_table_n_versions_n_actions),
        T(an_empty_registry_takes_no_action),
        T(the_same_version_twice_is_dispatched_twice),
        T(a_stage_outside_the_enum_is_archived_in_the_loop),
        T(a_real_registry_after_deletes),
        T(n_300000_versions_in_linear_time),
        cmocka_unit_test(the_seeds_loop_in_three_calls),
    };
    return lesson_run("05_dispatch", tests);
}
