/* A randomised property test: 10^5 random operations (create, transition
 * with and without archive_existing, delete) against a brute-force model
 * of MLflow's rules, once without and once with the one-per-stage policy.
 * The seed is fixed and printed on failure; STAGEKIT_SEED overrides it. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"
#include "populate.h"
#include "rng.h"
#include "transition.h"

#define P_OPS 100000
#define P_MODELS 6
#define P_MAX_NUMBER 2048
#define P_FULL_CHECK_EVERY 256
#define P_GONE ((signed char)-1)

/* The brute-force model: the stage of every number ever created. */
struct brute {
    int64_t next[P_MODELS];
    signed char stage[P_MODELS][P_MAX_NUMBER];
    size_t transitions, cascades;
    bool policy;
};

struct run {
    struct registry r;
    struct brute b;
    struct rng rng;
    uint64_t seed;
    long op;
};

static const char *const p_names[P_MODELS] = {"p0", "p1", "p2",
                                              "p3", "p4", "p5"};

#define P_FAIL(run, ...)                                                  \
    do {                                                                  \
        print_error("property failed at op %ld, seed %llu (rerun with "   \
                    "STAGEKIT_SEED=%llu): ",                              \
                    (run)->op, (unsigned long long)(run)->seed,           \
                    (unsigned long long)(run)->seed);                     \
        fail_msg(__VA_ARGS__);                                            \
    } while (0)

static uint64_t p_rand(struct run *run, uint64_t below)
{
    return rng_below(&run->rng, below);
}

/* A stage name in random letter case, or now and then an invalid one. */
static void p_stage_text(struct run *run, char *buf, size_t size,
                         enum stage *want, bool *valid)
{
    static const char *const names[] = {"None", "Staging", "Production",
                                        "Archived"};
    *valid = p_rand(run, 50) != 0;
    *want = (enum stage)p_rand(run, STAGE_COUNT);
    snprintf(buf, size, "%s", *valid ? names[*want] : "Prod");
    for (char *c = buf; *c; c++)
        if (p_rand(run, 2))
            *c = (char)toupper((unsigned char)*c);
}

static size_t p_count_in(const struct brute *b, int m, enum stage s,
                         int64_t except)
{
    size_t n = 0;
    for (int64_t k = 1; k < b->next[m]; k++)
        n += k != except && b->stage[m][k] == (signed char)s;
    return n;
}

/* What MLflow's rules say the transition returns, applied to the model. */
static enum kit_status p_expect(struct brute *b, int m, int64_t v, bool valid,
                                enum stage to, bool archive)
{
    if (!valid)
        return KIT_EINVAL;
    if (archive && !stage_is_active(to))
        return KIT_EINVAL;
    if (v < 1 || v >= b->next[m] || b->stage[m][v] == P_GONE)
        return KIT_ENOTFOUND;
    if (b->policy && !archive && stage_is_active(to) &&
        p_count_in(b, m, to, v) > 0)
        return KIT_ECONFLICT;
    for (int64_t k = 1; archive && k < b->next[m]; k++) {
        if (k != v && b->stage[m][k] == (signed char)to) {
            b->stage[m][k] = STAGE_ARCHIVED;
            b->cascades++;
        }
    }
    b->stage[m][v] = (signed char)to;
    b->transitions++;
    return KIT_OK;
}

static void p_check_model(struct run *run, int m)
{
    for (int64_t k = 1; k < run->b.next[m]; k++) {
        uint32_t pos = 0;
        bool live = reg_version_find(&run->r, p_names[m], k, &pos, NULL) ==
                    KIT_OK;
        signed char want = run->b.stage[m][k];
        if (live != (want != P_GONE))
            P_FAIL(run, "%s v%lld: live=%d, brute force says %d",
                   p_names[m], (long long)k, live, want != P_GONE);
        if (live && reg_version_at(&run->r, pos)->stage != (enum stage)want)
            P_FAIL(run, "%s v%lld is in %s, brute force says %s", p_names[m],
                   (long long)k,
                   stage_name(reg_version_at(&run->r, pos)->stage),
                   stage_name((enum stage)want));
    }
}

/* How many versions of model m the registry's index has in stage s. */
static size_t p_held(const struct run *run, int m, enum stage s)
{
    uint32_t model = 0;
    reg_model_find(&run->r, p_names[m], &model, NULL);
    return reg_model_stage_view(&run->r, model, s).count;
}

/* Checked after every operation, in O(1): the policy's invariant. */
static void p_check_policy(struct run *run, int m)
{
    for (int s = STAGE_STAGING; run->b.policy && s <= STAGE_PRODUCTION; s++)
        if (p_held(run, m, (enum stage)s) > 1)
            P_FAIL(run, "one-per-stage policy: %s holds %zu versions in %s",
                   p_names[m], p_held(run, m, (enum stage)s),
                   stage_name((enum stage)s));
}

/* The index counts equal a recount and the history has one entry per
 * transition plus one per cascade. */
static void p_check_all(struct run *run)
{
    size_t n, hist, count[STAGE_COUNT] = {0};
    const struct reg_version *v = reg_versions(&run->r, &n);
    for (size_t i = 0; i < n; i++)
        count[v[i].stage]++;
    for (int s = 0; s < STAGE_COUNT; s++)
        if (reg_stage_count(&run->r, s) != count[s])
            P_FAIL(run, "index says %zu versions in %s, recount says %zu",
                   reg_stage_count(&run->r, s), stage_name(s), count[s]);
    reg_history(&run->r, &hist);
    if (hist != run->b.transitions + run->b.cascades)
        P_FAIL(run, "history has %zu entries, want %zu transitions + %zu "
                    "cascades", hist, run->b.transitions, run->b.cascades);
    for (int m = 0; m < P_MODELS; m++)
        p_check_model(run, m);
}

static void p_create(struct run *run, int m)
{
    int64_t n = 0;
    if (run->b.next[m] >= P_MAX_NUMBER)
        return;
    if (reg_version_create(&run->r, p_names[m], &n, NULL) != KIT_OK ||
        n != run->b.next[m])
        P_FAIL(run, "create on %s gave v%lld, want v%lld", p_names[m],
               (long long)n, (long long)run->b.next[m]);
    run->b.stage[m][run->b.next[m]++] = STAGE_NONE;
}

static void p_transition(struct run *run, int m)
{
    char text[16];
    enum stage to;
    bool valid, archive = p_rand(run, 3) == 0;
    int64_t v = (int64_t)p_rand(run, (uint64_t)run->b.next[m] + 1);
    struct kit_error err;
    p_stage_text(run, text, sizeof text, &to, &valid);
    enum kit_status want = p_expect(&run->b, m, v, valid, to, archive);
    enum kit_status got =
        transition_apply(&run->r, p_names[m], v, text, archive, &err);
    if (got != want)
        P_FAIL(run, "%s v%lld -> '%s' (archive=%d): got %s (%s), want %s",
               p_names[m], (long long)v, text, archive, kit_status_name(got),
               got ? err.msg : "", kit_status_name(want));
    if (got == KIT_OK && archive && p_held(run, m, to) != 1)
        P_FAIL(run, "after archive_existing, %s holds %zu versions in %s",
               p_names[m], p_held(run, m, to), text);
}

static void p_delete(struct run *run, int m)
{
    int64_t v = (int64_t)p_rand(run, (uint64_t)run->b.next[m] + 1);
    bool exists = v >= 1 && v < run->b.next[m] &&
                  run->b.stage[m][v] != P_GONE;
    enum kit_status got = reg_version_delete(&run->r, p_names[m], v, NULL);
    if (got != (exists ? KIT_OK : KIT_ENOTFOUND))
        P_FAIL(run, "delete %s v%lld: got %s", p_names[m], (long long)v,
               kit_status_name(got));
    if (exists)
        run->b.stage[m][v] = P_GONE;
}

static void p_run(bool policy)
{
    struct run *run = calloc(1, sizeof *run);
    assert_non_null(run);
    const char *env = getenv("STAGEKIT_SEED");
    run->seed = env ? strtoull(env, NULL, 10) : 20261126u;
    rng_seed(&run->rng, run->seed);
    run->b.policy = policy;
    reg_init(&run->r);
    reg_set_one_per_stage(&run->r, policy);
    for (int m = 0; m < P_MODELS; m++) {
        assert_int_equal(reg_model_create(&run->r, p_names[m], NULL), KIT_OK);
        run->b.next[m] = 1;
    }
    for (run->op = 0; run->op < P_OPS; run->op++) {
        int m = (int)p_rand(run, P_MODELS);
        uint64_t dice = p_rand(run, 10);
        if (dice < 3)
            p_create(run, m);
        else if (dice < 8)
            p_transition(run, m);
        else
            p_delete(run, m);
        p_check_policy(run, m);
        if (run->op % P_FULL_CHECK_EVERY == 0)
            p_check_all(run);
    }
    p_check_all(run);
    assert_true(run->b.cascades > 0 && run->b.transitions > P_OPS / 10);
    reg_free(&run->r);
    free(run);
}

static void random_operations_follow_mlflows_rules(void **state)
{
    (void)state;
    p_run(false);
}

static void the_policy_holds_under_random_operations(void **state)
{
    (void)state;
    p_run(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_operations_follow_mlflows_rules),
        cmocka_unit_test(the_policy_holds_under_random_operations),
    };
    return cmocka_run_group_tests_name("property", tests, NULL, NULL);
}
