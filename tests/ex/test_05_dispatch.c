/* Exercise 5 (kata/05_dispatch.c): the seed's loop
 *     for model in models: production -> deploy, staging -> test,
 *                          otherwise -> archive
 * Each version is visited exactly once, so n versions take n actions: O(n). */
#include <stdlib.h>

#include "dispatch.h"
#include "lesson.h"
#include "populate.h"

#define MAXN 1000

/* What the actions saw: visits per version number, calls per action, the
 * order of visits. */
struct tally {
    size_t visits[MAXN + 2];
    size_t calls[DISPATCH_ACTIONS];
    int64_t order[MAXN + 2];
    size_t norder;
    int wrong_action; /* version number sent to the wrong action, or 0 */
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
};

static int setup(void **state)
{
    *state = calloc(1, sizeof(struct world));
    return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    free(*state);
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
    lesson_expect(got == want, "dispatch_action_for(%d) is %s; expected %s: "
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
        lesson_expect(t->visits[k] == 1,
                      "version %zu of %zu was visited %zu times; expected "
                      "exactly once: %s",
                      k, n, t->visits[k],
                      t->visits[k] == 0 ? "the loop skips a version (check "
                                          "where it starts and ends)"
                                        : "the loop visits a version twice");
    }
    lesson_expect(t->visits[n + 1] == 0,
                  "the element after the last version was visited: the "
                  "loop runs past the end of the array (i <= n?)");
}

static void versions_are_visited_in_array_order(void **state)
{
    struct world *w = *state;
    struct tally *t = &w->t;
    size_t n = 12;
    run(make_versions(w, n, POPULATE_SHUFFLED), n, t, &w->c);
    lesson_expect(t->norder == n, "%zu actions for %zu versions; expected "
                                  "one action per version",
                  t->norder, n);
    for (size_t i = 0; i < n; i++)
        lesson_expect(t->order[i] == (int64_t)i + 1,
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
    lesson_expect(t->wrong_action == 0,
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
        lesson_expect(c.count[a] == t->calls[a],
                      "out->count[%s] is %zu but %s was called %zu times: "
                      "*out is overwritten (start from zero) and counts "
                      "every call",
                      dispatch_action_name((enum dispatch_action)a),
                      c.count[a], dispatch_action_name((enum dispatch_action)a),
                      t->calls[a]);
    lesson_expect(c.count[DISPATCH_DEPLOY] == populate_count(n, STAGE_PRODUCTION),
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
        lesson_expect(actions == n && sum == n,
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
    lesson_expect(calls == 0, "n = 0 made %zu calls; expected none", calls);
    lesson_expect(c.count[0] == 0 && c.count[1] == 0 && c.count[2] == 0,
                  "n = 0 must still overwrite *out with zero counts");
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
        T(every_version_is_visited_exactly_once),
        T(versions_are_visited_in_array_order),
        T(each_version_gets_the_action_of_its_stage),
        T(the_counts_match_the_calls),
        T(the_seeds_table_n_versions_n_actions),
        T(an_empty_registry_takes_no_action),
        cmocka_unit_test(the_seeds_loop_in_three_calls),
    };
    return lesson_run("05_dispatch", tests);
}
