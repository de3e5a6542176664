/* The registry engine: models, version numbering, the contiguous array,
 * the stage index, version parsing and out-of-memory behaviour. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"

static int setup(void **state)
{
    struct registry *r = malloc(sizeof *r);
    if (r == NULL)
        return -1;
    reg_init(r);
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    reg_free(*state);
    free(*state);
    return 0;
}

static void versions_are_numbered_from_one_and_start_in_none(void **state)
{
    struct registry *r = *state;
    int64_t n = 0;
    assert_int_equal(reg_model_create(r, "m", NULL), KIT_OK);
    for (int64_t want = 1; want <= 3; want++) {
        assert_int_equal(reg_version_create(r, "m", &n, NULL), KIT_OK);
        assert_int_equal(n, want);
        assert_int_equal(kit_stage_of(r, "m", n), STAGE_NONE);
    }
}

static void a_deleted_number_is_never_reused(void **state)
{
    struct registry *r = *state;
    struct kit_error err;
    int64_t n = 0;
    kit_model_with_versions(r, "m", 3);
    assert_int_equal(reg_version_delete(r, "m", 1, NULL), KIT_OK);
    assert_int_equal(reg_version_delete(r, "m", 3, NULL), KIT_OK);
    assert_int_equal(reg_version_create(r, "m", &n, NULL), KIT_OK);
    assert_int_equal(n, 4);
    assert_int_equal(reg_version_delete(r, "m", 3, &err), KIT_ENOTFOUND);
    assert_string_equal(err.msg, "Model Version (name=m, version=3) not found");
}

static void the_array_holds_exactly_the_live_versions(void **state)
{
    struct registry *r = *state;
    size_t n;
    kit_model_with_versions(r, "a", 4);
    kit_model_with_versions(r, "b", 2);
    assert_int_equal(reg_version_delete(r, "a", 2, NULL), KIT_OK);
    const struct reg_version *v = reg_versions(r, &n);
    assert_int_equal(n, 5);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i].number * (v[i].model == 0 ? 1 : 10);
    assert_int_equal(sum, 1 + 3 + 4 + 10 + 20);
    assert_null(reg_version_at(r, (uint32_t)n));
    /* after the move, every survivor is still found by number */
    for (int64_t k = 1; k <= 4; k++)
        if (k != 2)
            assert_int_equal(kit_stage_of(r, "a", k), STAGE_NONE);
}

static void many_models_are_all_found_by_name(void **state)
{
    struct registry *r = *state;
    char name[32];
    uint32_t idx;
    for (int i = 0; i < 5000; i++) {
        snprintf(name, sizeof name, "model-%d", i);
        assert_int_equal(reg_model_create(r, name, NULL), KIT_OK);
    }
    for (int i = 0; i < 5000; i++) {
        snprintf(name, sizeof name, "model-%d", i);
        assert_int_equal(reg_model_find(r, name, &idx, NULL), KIT_OK);
        assert_string_equal(reg_model_name(r, idx), name);
    }
    assert_int_equal(reg_model_count(r), 5000);
    assert_null(reg_model_name(r, 5000));
}

static void model_errors_use_mlflow_messages(void **state)
{
    struct registry *r = *state;
    struct kit_error err;
    uint32_t idx;
    assert_int_equal(reg_model_create(r, "", &err), KIT_EINVAL);
    assert_string_equal(err.msg, "Registered model name cannot be empty.");
    assert_int_equal(reg_model_create(r, "m", NULL), KIT_OK);
    assert_int_equal(reg_model_create(r, "m", &err), KIT_EEXIST);
    assert_string_equal(err.msg, "Registered Model (name=m) already exists.");
    assert_int_equal(reg_model_find(r, "x", &idx, &err), KIT_ENOTFOUND);
    assert_string_equal(err.msg, "Registered Model with name=x not found");
    assert_int_equal(reg_version_create(r, "x", NULL, &err), KIT_ENOTFOUND);
    assert_int_equal(reg_version_find(r, "x", 1, &idx, &err), KIT_ENOTFOUND);
    assert_string_equal(err.msg, "Model Version (name=x, version=1) not found");
    assert_int_equal(reg_version_find(r, "m", 0, &idx, &err), KIT_ENOTFOUND);
    assert_int_equal(reg_version_find(r, "m", -5, &idx, &err), KIT_ENOTFOUND);
}

static void restore_puts_back_a_stored_version(void **state)
{
    struct registry *r = *state;
    struct kit_error err;
    int64_t n = 0;
    uint32_t idx = 0;
    assert_int_equal(reg_model_create(r, "m", NULL), KIT_OK);
    assert_int_equal(reg_version_restore(r, "m", 5, STAGE_PRODUCTION, 77,
                                         NULL), KIT_OK);
    assert_int_equal(kit_stage_of(r, "m", 5), STAGE_PRODUCTION);
    assert_int_equal(reg_stage_count(r, STAGE_PRODUCTION), 1);
    assert_int_equal(reg_version_restore(r, "m", 5, STAGE_NONE, 0, &err),
                     KIT_EEXIST);
    assert_int_equal(reg_version_restore(r, "m", 0, STAGE_NONE, 0, &err),
                     KIT_ERANGE);
    assert_int_equal(reg_model_bump_next(r, "m", 9, NULL), KIT_OK);
    assert_int_equal(reg_model_bump_next(r, "m", 2, NULL), KIT_OK);
    assert_int_equal(reg_model_bump_next(r, "m", 0, &err), KIT_ERANGE);
    assert_int_equal(reg_model_bump_next(r, "q", 3, &err), KIT_ENOTFOUND);
    assert_int_equal(reg_model_find(r, "m", &idx, NULL), KIT_OK);
    assert_int_equal(reg_model_next_number(r, idx), 9);
    assert_int_equal(reg_version_create(r, "m", &n, NULL), KIT_OK);
    assert_int_equal(n, 9);
    size_t hist;
    reg_history(r, &hist);
    assert_int_equal(hist, 0); /* a restore is not a transition */
}

static void a_model_has_a_version_limit(void **state)
{
    struct registry *r = *state;
    struct kit_error err;
    assert_int_equal(reg_model_create(r, "m", NULL), KIT_OK);
    assert_int_equal(reg_model_bump_next(r, "m", (int64_t)1 << 24, NULL),
                     KIT_OK);
    assert_int_equal(reg_version_create(r, "m", NULL, &err), KIT_ERANGE);
    assert_non_null(strstr(err.msg, "cannot hold more versions"));
}

static void version_arguments_are_integers(void **state)
{
    (void)state;
    static const struct {
        const char *raw;
        enum kit_status want;
        int64_t value;
    } cases[] = {
        {"3", KIT_OK, 3},
        {"+3", KIT_OK, 3},
        {"0", KIT_OK, 0},
        {"-2", KIT_OK, -2},
        {"9223372036854775807", KIT_OK, INT64_MAX},
        {"-9223372036854775808", KIT_OK, INT64_MIN},
        {"9223372036854775808", KIT_ERANGE, 0},
        {"-9223372036854775809", KIT_ERANGE, 0},
        {"", KIT_EINVAL, 0},
        {"abc", KIT_EINVAL, 0},
        {"3.0", KIT_EINVAL, 0},
        {" 3", KIT_EINVAL, 0},
        {"3 ", KIT_EINVAL, 0},
        {"-", KIT_EINVAL, 0},
        {"0x10", KIT_EINVAL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t out = 12345;
        struct kit_error err;
        enum kit_status st = reg_parse_version(cases[i].raw, &out, &err);
        if (st != cases[i].want)
            fail_msg("'%s': got %s, want %s", cases[i].raw,
                     kit_status_name(st), kit_status_name(cases[i].want));
        assert_int_equal(out, st == KIT_OK ? cases[i].value : 12345);
    }
    struct kit_error err;
    int64_t out;
    reg_parse_version("v3", &out, &err);
    assert_string_equal(err.msg, "Model version must be an integer, got 'v3'");
}

/* Recounts a stage the slow way, to check the index. */
static size_t recount(const struct registry *r, enum stage s)
{
    size_t n, c = 0;
    const struct reg_version *v = reg_versions(r, &n);
    for (size_t i = 0; i < n; i++)
        c += v[i].stage == s;
    return c;
}

static void the_stage_index_follows_every_change(void **state)
{
    struct registry *r = *state;
    uint32_t pos = 0;
    kit_model_with_versions(r, "m", 6);
    assert_int_equal(reg_reserve_history(r, 4), KIT_OK);
    for (int64_t k = 1; k <= 4; k++) {
        reg_version_find(r, "m", k, &pos, NULL);
        reg_set_stage(r, pos, k % 2 ? STAGE_PRODUCTION : STAGE_STAGING, 1,
                      false);
    }
    assert_int_equal(reg_version_delete(r, "m", 1, NULL), KIT_OK);
    for (int s = 0; s < STAGE_COUNT; s++) {
        assert_int_equal(reg_stage_count(r, s), recount(r, s));
        struct reg_view v = reg_stage_view(r, s);
        assert_int_equal(v.count, recount(r, s));
        for (size_t i = 0; i < v.count; i++)
            assert_int_equal(v.versions[v.pos[i]].stage, s);
    }
    assert_int_equal(reg_stage_count(r, STAGE_PRODUCTION), 1);
    assert_int_equal(reg_stage_count(r, STAGE_COUNT), 0);
    assert_int_equal(reg_stage_view(r, (enum stage)-1).count, 0);
    assert_int_equal(reg_model_stage_view(r, 7, STAGE_NONE).count, 0);
    assert_int_equal(reg_model_stage_view(r, 0, STAGE_STAGING).count, 2);
}

static void reg_free_accepts_null_and_leaves_a_reusable_registry(void **st)
{
    struct registry *r = *st;
    reg_free(NULL);
    kit_model_with_versions(r, "m", 2);
    reg_free(r);
    assert_int_equal(reg_model_count(r), 0);
    kit_model_with_versions(r, "m", 1);
}

/* Counts what a registry holds, to compare before and after a failure. */
static void snapshot(const struct registry *r, size_t out[3])
{
    out[0] = reg_model_count(r);
    reg_versions(r, &out[1]);
    reg_history(r, &out[2]);
}

static void out_of_memory_changes_nothing(void **state)
{
    (void)state;
    /* Give the allocator a growing budget until each operation succeeds;
     * every failure before that must leave the registry as it was. */
    int failures = 0;
    for (long budget = 0; budget < 40; budget++) {
        struct kit_alloc a = {-1, 0};
        struct registry r;
        struct kit_error err;
        size_t before[3], after[3];
        reg_init_alloc(&r, kit_alloc_realloc, &a);
        /* 4 models and 4 versions fill the first capacity of every array,
         * so the next model and version must grow them. */
        kit_model_with_versions(&r, "m", 4);
        kit_model_with_versions(&r, "m2", 0);
        kit_model_with_versions(&r, "m3", 0);
        kit_model_with_versions(&r, "m4", 0);
        snapshot(&r, before);
        a.budget = a.made + budget;
        enum kit_status st = reg_model_create(&r, "n", &err);
        if (st == KIT_OK)
            st = reg_version_create(&r, "m", NULL, &err);
        snapshot(&r, after);
        if (st == KIT_ENOMEM) {
            failures++;
            assert_string_equal(err.msg, "out of memory");
            assert_true(after[1] == before[1]);
        } else {
            assert_int_equal(st, KIT_OK);
        }
        assert_int_equal(after[2], before[2]);
        reg_free(&r);
    }
    assert_true(failures >= 10); /* every growth must have failed once */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(versions_are_numbered_from_one_and_start_in_none),
        T(a_deleted_number_is_never_reused),
        T(the_array_holds_exactly_the_live_versions),
        T(many_models_are_all_found_by_name),
        T(model_errors_use_mlflow_messages),
        T(restore_puts_back_a_stored_version),
        T(a_model_has_a_version_limit),
        T(version_arguments_are_integers),
        T(the_stage_index_follows_every_change),
        T(reg_free_accepts_null_and_leaves_a_reusable_registry),
        T(out_of_memory_changes_nothing),
    };
#undef T
    return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
