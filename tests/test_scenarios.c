/* MLflow's behaviour, scenario by scenario (the table in
 * MLFLOW_STAGES.md), through the linked exercise functions: the
 * transition rules, the one-per-stage policy, promotion and the seed's
 * command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"
#include "promote.h"
#include "transition.h"
#include "tvargs.h"

static void move(struct registry *r, const char *name, int64_t v,
                 const char *stage, bool archive)
{
    struct kit_error err;
    if (transition_apply(r, name, v, stage, archive, &err) != KIT_OK)
        fail_msg("%s v%lld -> %s: %s", name, (long long)v, stage, err.msg);
}

static void stage_names_match_case_insensitively(void **state)
{
    struct kit_fixture *f = *state;
    static const char *const spellings[] = {"STAGING", "staging", "StAgInG"};
    kit_model_with_versions(&f->r, "m", 1);
    for (int i = 0; i < 3; i++) {
        move(&f->r, "m", 1, "None", false);
        move(&f->r, "m", 1, spellings[i], false);
        assert_int_equal(kit_stage_of(&f->r, "m", 1), STAGE_STAGING);
    }
}

static void an_unknown_stage_fails_and_changes_nothing(void **state)
{
    struct kit_fixture *f = *state;
    struct kit_error err;
    kit_model_with_versions(&f->r, "m", 1);
    assert_int_equal(transition_apply(&f->r, "m", 1, "unknown", false, &err),
                     KIT_EINVAL);
    assert_string_equal(err.msg,
                        "Invalid Model Version stage: unknown. Value must be "
                        "one of None, Staging, Production, Archived.");
    assert_int_equal(transition_apply(&f->r, "m", 1, " Production", false,
                                      &err), KIT_EINVAL);
    assert_int_equal(transition_apply(&f->r, "m", 1, "", false, &err),
                     KIT_EINVAL);
    assert_string_equal(err.msg, "The stage must not be an empty string.");
    assert_int_equal(kit_stage_of(&f->r, "m", 1), STAGE_NONE);
    assert_int_equal(kit_history_len(&f->r), 0);
}

static void archive_existing_needs_an_active_target(void **state)
{
    struct kit_fixture *f = *state;
    struct kit_error err;
    static const char *const inactive[] = {"Archived", "none"};
    kit_model_with_versions(&f->r, "m", 1);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(transition_apply(&f->r, "m", 1, inactive[i], true,
                                          &err), KIT_EINVAL);
        char want[256];
        snprintf(want, sizeof want,
                 "Model version transition cannot archive existing model "
                 "versions because '%s' is not an Active stage. Valid stages "
                 "are ['Staging', 'Production']", inactive[i]);
        assert_string_equal(err.msg, want);
    }
    assert_int_equal(kit_history_len(&f->r), 0);
}

static void checks_run_in_mlflows_order(void **state)
{
    struct kit_fixture *f = *state;
    struct kit_error err;
    /* no such model: the stage is still checked first */
    assert_int_equal(transition_apply(&f->r, "ghost", 1, "bogus", true, &err),
                     KIT_EINVAL);
    assert_non_null(strstr(err.msg, "Invalid Model Version stage: bogus"));
    assert_int_equal(transition_apply(&f->r, "ghost", 1, "None", true, &err),
                     KIT_EINVAL);
    assert_non_null(strstr(err.msg, "is not an Active stage"));
    assert_int_equal(transition_apply(&f->r, "m", 99, "Staging", false, &err),
                     KIT_ENOTFOUND);
    assert_string_equal(err.msg, "Model Version (name=m, version=99) not found");
}

static void archive_existing_cascades_within_the_target_stage(void **state)
{
    struct kit_fixture *f = *state;
    struct registry *r = &f->r;
    kit_model_with_versions(r, "m", 3);
    kit_model_with_versions(r, "other", 1);
    move(r, "m", 1, "Staging", false);
    move(r, "m", 2, "Production", false);
    move(r, "other", 1, "Staging", false);
    move(r, "m", 3, "Staging", true);
    assert_int_equal(kit_stage_of(r, "m", 1), STAGE_ARCHIVED);
    assert_int_equal(kit_stage_of(r, "m", 2), STAGE_PRODUCTION);
    assert_int_equal(kit_stage_of(r, "m", 3), STAGE_STAGING);
    assert_int_equal(kit_stage_of(r, "other", 1), STAGE_STAGING);
    move(r, "m", 3, "Production", true);
    assert_int_equal(kit_stage_of(r, "m", 1), STAGE_ARCHIVED);
    assert_int_equal(kit_stage_of(r, "m", 2), STAGE_ARCHIVED);
    assert_int_equal(kit_stage_of(r, "m", 3), STAGE_PRODUCTION);
}

static void without_the_flag_two_versions_share_production(void **state)
{
    struct kit_fixture *f = *state;
    kit_model_with_versions(&f->r, "m", 3);
    move(&f->r, "m", 2, "Production", false);
    move(&f->r, "m", 3, "Production", false);
    assert_int_equal(kit_stage_of(&f->r, "m", 2), STAGE_PRODUCTION);
    assert_int_equal(kit_stage_of(&f->r, "m", 3), STAGE_PRODUCTION);
    assert_int_equal(reg_stage_count(&f->r, STAGE_PRODUCTION), 2);
}

static void one_transition_takes_one_timestamp(void **state)
{
    struct kit_fixture *f = *state;
    struct registry *r = &f->r;
    uint32_t model = 0;
    size_t n;
    kit_model_with_versions(r, "m", 3);
    move(r, "m", 1, "Production", false);
    move(r, "m", 2, "Production", false);
    int reads = f->clock.reads;
    size_t first = kit_history_len(r);
    move(r, "m", 3, "Production", true);
    assert_int_equal(f->clock.reads, reads + 1);
    const struct reg_history_entry *h = reg_history(r, &n);
    assert_int_equal(n, first + 3);
    int64_t t = h[n - 1].at_ms;
    for (size_t i = first; i < n; i++) {
        assert_int_equal(h[i].at_ms, t);
        assert_int_equal(h[i].cascade, i + 1 < n); /* the target comes last */
    }
    assert_int_equal(h[first].to, STAGE_ARCHIVED);
    assert_int_equal(h[first].from, STAGE_PRODUCTION);
    assert_int_equal(reg_model_find(r, "m", &model, NULL), KIT_OK);
    assert_int_equal(reg_model_updated(r, model), t);
    for (int64_t k = 1; k <= 3; k++) {
        uint32_t pos = 0;
        reg_version_find(r, "m", k, &pos, NULL);
        assert_int_equal(reg_version_at(r, pos)->updated_ms, t);
    }
}

static void moving_to_the_same_stage_still_counts(void **state)
{
    struct kit_fixture *f = *state;
    size_t n;
    kit_model_with_versions(&f->r, "m", 1);
    move(&f->r, "m", 1, "Staging", false);
    move(&f->r, "m", 1, "staging", false);
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    assert_int_equal(n, 2);
    assert_int_equal(h[1].from, STAGE_STAGING);
    assert_int_equal(h[1].to, STAGE_STAGING);
}

static void the_policy_turns_a_second_production_into_a_conflict(void **st)
{
    struct kit_fixture *f = *st;
    struct registry *r = &f->r;
    struct kit_error err;
    kit_model_with_versions(r, "m", 3);
    assert_false(reg_one_per_stage(r)); /* off by default, as in MLflow */
    reg_set_one_per_stage(r, true);
    move(r, "m", 1, "Production", false);
    move(r, "m", 1, "Production", false); /* itself is no conflict */
    assert_int_equal(transition_apply(r, "m", 2, "production", false, &err),
                     KIT_ECONFLICT);
    assert_string_equal(err.msg,
                        "Model Version (name=m, version=2) cannot move to "
                        "Production: version 1 is already in Production and "
                        "this registry allows one version per active stage. "
                        "Archive it first, or pass "
                        "archive_existing_versions.");
    assert_int_equal(kit_stage_of(r, "m", 2), STAGE_NONE);
    move(r, "m", 2, "Production", true);
    assert_int_equal(kit_stage_of(r, "m", 1), STAGE_ARCHIVED);
    move(r, "m", 3, "Archived", false); /* inactive stages are free */
    move(r, "m", 1, "Archived", false);
}

static void promote_in_order_archives_then_promotes(void **state)
{
    struct kit_fixture *f = *state;
    struct registry *r = &f->r;
    struct kit_error err;
    size_t n;
    kit_model_with_versions(r, "fraud_detector", 3);
    reg_set_one_per_stage(r, true);
    move(r, "fraud_detector", 1, "Production", false);
    move(r, "fraud_detector", 2, "Staging", false);
    size_t before = kit_history_len(r);
    assert_int_equal(promote_in_order(r, "fraud_detector", 1, 9, &err),
                     KIT_ENOTFOUND);
    assert_int_equal(kit_history_len(r), before);
    assert_int_equal(promote_in_order(r, "fraud_detector", 3, 2, &err),
                     KIT_ECONFLICT); /* v1, not v3, holds Production */
    assert_int_equal(kit_history_len(r), before);
    assert_int_equal(promote_in_order(r, "fraud_detector", 1, 2, &err),
                     KIT_OK);
    const struct reg_history_entry *h = reg_history(r, &n);
    assert_int_equal(n, before + 2);
    assert_int_equal(h[before].number, 1);
    assert_int_equal(h[before].to, STAGE_ARCHIVED);
    assert_int_equal(h[before + 1].number, 2);
    assert_int_equal(h[before + 1].to, STAGE_PRODUCTION);
}

static void promote_atomic_is_one_call_with_the_flag(void **state)
{
    struct kit_fixture *f = *state;
    struct registry *r = &f->r;
    kit_model_with_versions(r, "m", 2);
    move(r, "m", 1, "Production", false);
    int reads = f->clock.reads;
    assert_int_equal(promote_atomic(r, "m", 2, NULL), KIT_OK);
    assert_int_equal(f->clock.reads, reads + 1);
    assert_int_equal(kit_stage_of(r, "m", 1), STAGE_ARCHIVED);
    assert_int_equal(kit_stage_of(r, "m", 2), STAGE_PRODUCTION);
}

static void a_transition_out_of_memory_changes_nothing(void **state)
{
    (void)state;
    struct kit_alloc a = {-1, 0};
    struct registry r;
    struct kit_error err;
    reg_init_alloc(&r, kit_alloc_realloc, &a);
    kit_model_with_versions(&r, "m", 2);
    a.budget = a.made; /* the history's first growth fails */
    assert_int_equal(transition_apply(&r, "m", 1, "Staging", false, &err),
                     KIT_ENOMEM);
    assert_int_equal(kit_stage_of(&r, "m", 1), STAGE_NONE);
    assert_int_equal(reg_stage_count(&r, STAGE_STAGING), 0);
    assert_int_equal(kit_history_len(&r), 0);
    reg_free(&r);
}

static void the_seeds_command_line_parses(void **state)
{
    (void)state;
    char *argv[] = {"models", "transition-version", "--model-name",
                    "my_model", "--version", "3", "--stage", "production"};
    struct tvargs a;
    assert_int_equal(tvargs_parse(8, argv, &a, NULL), KIT_OK);
    assert_string_equal(a.model_name, "my_model");
    assert_int_equal(a.version, 3);
    assert_int_equal(a.stage, STAGE_PRODUCTION);
    assert_false(a.archive_existing);
}

static void usage_errors_name_the_problem(void **state)
{
    (void)state;
    static const struct {
        int argc;
        char *argv[8];
        const char *msg;
    } cases[] = {
        {6, {"models", "transition-version", "--version", "5", "--stage",
             "production"}, "Missing option '--model-name'."},
        {2, {"model", "transition-version"},
         "No such command 'model'. Did you mean 'models'?"},
        {8, {"models", "transition-version", "--model-name", "m",
             "--model-version", "3", "--stage", "production"},
         "No such option: --model-version Did you mean --version?"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct tvargs a;
        struct kit_error err;
        assert_int_equal(tvargs_parse(cases[i].argc, cases[i].argv, &a, &err),
                         KIT_EUSAGE);
        assert_string_equal(err.msg, cases[i].msg);
    }
}

int main(void)
{
#define T(f) \
    cmocka_unit_test_setup_teardown(f, kit_fixture_setup, kit_fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(stage_names_match_case_insensitively),
        T(an_unknown_stage_fails_and_changes_nothing),
        T(archive_existing_needs_an_active_target),
        T(checks_run_in_mlflows_order),
        T(archive_existing_cascades_within_the_target_stage),
        T(without_the_flag_two_versions_share_production),
        T(one_transition_takes_one_timestamp),
        T(moving_to_the_same_stage_still_counts),
        T(the_policy_turns_a_second_production_into_a_conflict),
        T(promote_in_order_archives_then_promotes),
        T(promote_atomic_is_one_call_with_the_flag),
        T(a_transition_out_of_memory_changes_nothing),
        T(the_seeds_command_line_parses),
        T(usage_errors_name_the_problem),
    };
#undef T
    return cmocka_run_group_tests_name("scenarios", tests, NULL, NULL);
}
