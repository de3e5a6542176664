/* Exercise 3 (kata/03_transition.c): MLflow's transition rules on the kit's
 * registry.  Quiz question 3: transition_model_version_stage(name="my_model",
 * version=2, stage="archived") leaves version 2 Archived, still there. */
#include <stdbool.h>
#include <stdlib.h>

#include "lesson.h"
#include "transition.h"

static const struct reg_version *version(const struct registry *r,
                                         const char *name, int64_t number)
{
    uint32_t pos;
    struct reg_error err;
    lesson_expect(reg_version_find(r, name, number, &pos, &err) == REG_OK,
                  "version %lld of %s is gone (%s): a transition never "
                  "deletes a version — archived is not deleted",
                  (long long)number, name, err.msg);
    return reg_version_at(r, pos);
}

static void expect_stage(const struct registry *r, const char *name,
                         int64_t number, enum stage want, const char *why)
{
    enum stage got = version(r, name, number)->stage;
    lesson_expect(got == want, "%s version %lld is in %s; expected %s: %s",
                  name, (long long)number, kit_stage_label(got),
                  kit_stage_label(want), why);
}

static void expect_status(enum reg_status got, enum reg_status want,
                          const struct reg_error *err, const char *why)
{
    lesson_expect(got == want, "transition_apply returned %s (\"%s\"); "
                               "expected %s: %s",
                  reg_status_name(got), err->msg, reg_status_name(want), why);
}

static void expect_unchanged(const struct registry *r, size_t history_before,
                             const char *call)
{
    lesson_expect(kit_history_len(r) == history_before,
                  "%s failed but changed the registry (the history grew "
                  "from %zu to %zu entries): check everything before the "
                  "first change",
                  call, history_before, kit_history_len(r));
}

static void version_2_to_archived_is_archived_not_deleted(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "my_model", s, 2);
    struct reg_error err = {REG_OK, ""};
    enum reg_status st =
        transition_apply(&f->r, "my_model", 2, "archived", false, &err);
    expect_status(st, REG_OK, &err, "quiz question 3: the stage argument "
                                    "\"archived\" is valid in any case");
    expect_stage(&f->r, "my_model", 2, STAGE_ARCHIVED,
                 "quiz question 3: stage=\"archived\" moves version 2 to "
                 "Archived");
    size_t n;
    reg_versions(&f->r, &n);
    lesson_expect(n == 2, "the registry holds %zu versions; expected 2: "
                          "archiving keeps the version",
                  n);
    expect_stage(&f->r, "my_model", 1, STAGE_PRODUCTION,
                 "only version 2 was named");
}

static void stage_names_are_canonicalised(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_NONE};
    kit_model_in_stages(&f->r, "m", s, 1);
    static const char *const spellings[] = {"STAGING", "staging", "StAgInG"};
    for (size_t i = 0; i < 3; i++) {
        struct reg_error err = {REG_OK, ""};
        expect_status(transition_apply(&f->r, "m", 1, spellings[i], false,
                                       &err),
                      REG_OK, &err, "use stage_parse(): any case is fine");
        expect_stage(&f->r, "m", 1, STAGE_STAGING, spellings[i]);
    }
}

static void an_invalid_stage_fails_before_the_lookup(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_NONE};
    kit_model_in_stages(&f->r, "m", s, 1);
    size_t before = kit_history_len(&f->r);
    struct reg_error err = {REG_OK, ""};
    enum reg_status st =
        transition_apply(&f->r, "ghost", 99, "unknown", false, &err);
    expect_status(st, REG_EINVAL, &err,
                  "MLflow checks the stage first, before the model and "
                  "version: an unknown stage is reported even for a "
                  "missing version");
    lesson_expect(strcmp(err.msg, "Invalid Model Version stage: unknown. "
                                  "Value must be one of None, Staging, "
                                  "Production, Archived.") == 0,
                  "message \"%s\"; expected stage_parse()'s", err.msg);
    st = transition_apply(&f->r, "m", 1, "unknown", false, &err);
    expect_status(st, REG_EINVAL, &err, "\"unknown\" is not a stage");
    expect_unchanged(&f->r, before, "transition to \"unknown\"");
    expect_stage(&f->r, "m", 1, STAGE_NONE, "a failed transition changes "
                                            "nothing");
}

static void archiving_existing_needs_an_active_target(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 1);
    size_t before = kit_history_len(&f->r);
    static const char *const targets[] = {"archived", "None"};
    for (size_t i = 0; i < 2; i++) {
        char want[REG_ERROR_MSG_MAX];
        snprintf(want, sizeof want,
                 "Model version transition cannot archive existing model "
                 "versions because '%s' is not an Active stage. Valid "
                 "stages are ['Staging', 'Production']",
                 targets[i]);
        struct reg_error err = {REG_OK, ""};
        /* Version 99 does not exist: this check comes before the lookup. */
        enum reg_status st =
            transition_apply(&f->r, "m", 99, targets[i], true, &err);
        expect_status(st, REG_EINVAL, &err,
                      "archive_existing_versions only makes sense for "
                      "Staging and Production, and MLflow checks it before "
                      "looking the version up");
        lesson_expect(strcmp(err.msg, want) == 0,
                      "message \"%s\"; expected \"%s\" (with the stage as "
                      "typed)",
                      err.msg, want);
    }
    expect_unchanged(&f->r, before, "a refused archive_existing");
}

static void a_missing_version_is_not_found(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_NONE};
    kit_model_in_stages(&f->r, "m", s, 1);
    size_t before = kit_history_len(&f->r);
    struct reg_error err = {REG_OK, ""};
    enum reg_status st = transition_apply(&f->r, "m", 99, "Staging", false,
                                          &err);
    expect_status(st, REG_ENOTFOUND, &err, "version 99 does not exist");
    lesson_expect(strcmp(err.msg, "Model Version (name=m, version=99) not "
                                  "found") == 0,
                  "message \"%s\"; expected MLflow's \"Model Version "
                  "(name=m, version=99) not found\" (reg_version_find() "
                  "writes it)",
                  err.msg);
    st = transition_apply(&f->r, "ghost", 1, "Staging", false, &err);
    expect_status(st, REG_ENOTFOUND, &err, "model ghost does not exist");
    lesson_expect(strcmp(err.msg, "Model Version (name=ghost, version=1) "
                                  "not found") == 0,
                  "message \"%s\"; a missing model gives the same "
                  "message as a missing version",
                  err.msg);
    expect_unchanged(&f->r, before, "a transition of a missing version");
}

static void archive_existing_cascades_within_the_target_stage(void **state)
{
    struct kit_fixture *f = *state;
    /* MLflow's own test: v1 Staging, v2 Production, v3 None. */
    const enum stage s[] = {STAGE_STAGING, STAGE_PRODUCTION, STAGE_NONE};
    kit_model_in_stages(&f->r, "m", s, 3);
    struct reg_error err = {REG_OK, ""};
    expect_status(transition_apply(&f->r, "m", 3, "Staging", true, &err),
                  REG_OK, &err, "v3 -> Staging with archive_existing");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED,
                 "v1 was in the target stage (Staging): the flag archives it");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION,
                 "v2 is in another stage (Production): the flag only "
                 "archives versions in the target stage");
    expect_stage(&f->r, "m", 3, STAGE_STAGING, "v3 is the target");
    expect_status(transition_apply(&f->r, "m", 3, "Production", true, &err),
                  REG_OK, &err, "v3 -> Production with archive_existing");
    expect_stage(&f->r, "m", 2, STAGE_ARCHIVED,
                 "v2 was in Production: the flag archives it");
    expect_stage(&f->r, "m", 3, STAGE_PRODUCTION, "v3 is the target");
    lesson_expect(reg_stage_count(&f->r, STAGE_PRODUCTION) == 1,
                  "with the flag, the target stage holds exactly one "
                  "version afterwards");
}

static void the_cascade_stays_within_the_model(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage a[] = {STAGE_PRODUCTION, STAGE_NONE};
    const enum stage b[] = {STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "a", a, 2);
    kit_model_in_stages(&f->r, "b", b, 1);
    struct reg_error err = {REG_OK, ""};
    expect_status(transition_apply(&f->r, "a", 2, "Production", true, &err),
                  REG_OK, &err, "a v2 -> Production with archive_existing");
    expect_stage(&f->r, "a", 1, STAGE_ARCHIVED, "a v1 was in Production");
    expect_stage(&f->r, "b", 1, STAGE_PRODUCTION,
                 "model b is another model: archive_existing_versions only "
                 "touches versions of the same model");
}

static void without_the_flag_two_versions_may_share_production(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_NONE, STAGE_PRODUCTION, STAGE_NONE};
    kit_model_in_stages(&f->r, "m", s, 3);
    struct reg_error err = {REG_OK, ""};
    expect_status(transition_apply(&f->r, "m", 3, "Production", false, &err),
                  REG_OK, &err, "MLflow allows two Production versions "
                                "when the one-per-stage policy is off");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION,
                 "without archive_existing_versions nothing else moves (MLflow's "
                 "own tests assert two versions in Production)");
    expect_stage(&f->r, "m", 3, STAGE_PRODUCTION, "v3 is the target");
}

static void one_timestamp_for_the_whole_transition(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_PRODUCTION, STAGE_STAGING};
    kit_model_in_stages(&f->r, "m", s, 3);
    size_t before = kit_history_len(&f->r);
    struct reg_error err = {REG_OK, ""};
    expect_status(transition_apply(&f->r, "m", 3, "Production", true, &err),
                  REG_OK, &err, "v3 -> Production with archive_existing");
    size_t n;
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    lesson_expect(n == before + 3, "the history grew by %zu entries; "
                                   "expected 3 (v1 and v2 archived, then v3)",
                  n - before);
    for (size_t i = before; i < n; i++) {
        lesson_expect(h[i].at_ms == h[n - 1].at_ms,
                      "history entries of one transition have times %lld "
                      "and %lld: read reg_now() once and use that one "
                      "timestamp for every change",
                      (long long)h[i].at_ms, (long long)h[n - 1].at_ms);
        lesson_expect(h[i].cascade == (i < n - 1),
                      "history entry %zu (version %lld) has cascade=%d: "
                      "versions archived by the flag come first and are "
                      "marked cascade; the target comes last, unmarked",
                      i - before, (long long)h[i].number, (int)h[i].cascade);
    }
    lesson_expect(h[n - 1].number == 3 && h[n - 1].to == STAGE_PRODUCTION,
                  "the last history entry must be the target version 3 "
                  "moving to Production");
}

static void moving_to_the_same_stage_still_counts(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_STAGING};
    kit_model_in_stages(&f->r, "m", s, 1);
    size_t before = kit_history_len(&f->r);
    struct reg_error err = {REG_OK, ""};
    expect_status(transition_apply(&f->r, "m", 1, "Staging", false, &err),
                  REG_OK, &err, "there is no transition graph: any stage "
                                "may move to any stage, even its own");
    lesson_expect(kit_history_len(&f->r) == before + 1,
                  "a move to the same stage is a no-op that still counts "
                  "as a transition (one history entry)");
}

static void the_one_per_stage_policy_refuses_a_second_version(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_STAGING};
    kit_model_in_stages(&f->r, "m", s, 2);
    reg_set_one_per_stage(&f->r, true);
    size_t before = kit_history_len(&f->r);
    struct reg_error err = {REG_OK, ""};
    enum reg_status st =
        transition_apply(&f->r, "m", 2, "Production", false, &err);
    expect_status(st, REG_ECONFLICT, &err,
                  "under the one-per-stage policy v1 holds Production, so "
                  "v2 cannot join it without archive_existing_versions");
    char want[REG_ERROR_MSG_MAX];
    struct reg_error expected;
    reg_conflict(&expected, "m", 2, STAGE_PRODUCTION, 1);
    snprintf(want, sizeof want, "%s", expected.msg);
    lesson_expect(strcmp(err.msg, want) == 0,
                  "message \"%s\"; expected reg_conflict()'s \"%s\"", err.msg,
                  want);
    expect_unchanged(&f->r, before, "a refused transition");
    expect_stage(&f->r, "m", 1, STAGE_PRODUCTION, "nothing changes on error");
    expect_stage(&f->r, "m", 2, STAGE_STAGING, "nothing changes on error");
    expect_status(transition_apply(&f->r, "m", 2, "Production", true, &err),
                  REG_OK, &err, "with archive_existing_versions the holder "
                                "is archived, so there is no conflict");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED, "archived by the flag");
}

static void the_policy_is_checked_after_the_lookup(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 1);
    reg_set_one_per_stage(&f->r, true);
    struct reg_error err = {REG_OK, ""};
    expect_status(transition_apply(&f->r, "m", 7, "Production", false, &err),
                  REG_ENOTFOUND, &err,
                  "a missing version is reported before any conflict "
                  "(step 3 before step 4)");
    expect_status(transition_apply(&f->r, "m", 1, "Production", false, &err),
                  REG_OK, &err, "a version never conflicts with itself");
}

static void the_policy_only_covers_active_stages(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_ARCHIVED, STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 2);
    reg_set_one_per_stage(&f->r, true);
    struct reg_error err = {REG_OK, ""};
    expect_status(transition_apply(&f->r, "m", 2, "Archived", false, &err),
                  REG_OK, &err, "Archived is not an active stage: any "
                                "number of versions may be archived");
}

/* An allocator that can be told to fail. */
static void *flaky_realloc(void *ud, void *p, size_t size)
{
    const bool *fail = ud;
    if (size == 0) {
        free(p);
        return NULL;
    }
    return *fail ? NULL : realloc(p, size);
}

static void out_of_memory_changes_nothing(void **state)
{
    (void)state;
    bool fail = false;
    struct registry r;
    reg_init_alloc(&r, flaky_realloc, &fail);
    int64_t number;
    assert_int_equal(reg_model_create(&r, "m", NULL), REG_OK);
    assert_int_equal(reg_version_create(&r, "m", &number, NULL), REG_OK);
    assert_int_equal(reg_version_create(&r, "m", &number, NULL), REG_OK);
    fail = true; /* the history is still empty: the next entry allocates */
    struct reg_error err = {REG_OK, ""};
    enum reg_status st = transition_apply(&r, "m", 1, "Staging", false, &err);
    fail = false;
    uint32_t pos;
    assert_int_equal(reg_version_find(&r, "m", 1, &pos, NULL), REG_OK);
    enum stage now = reg_version_at(&r, pos)->stage;
    size_t hist = kit_history_len(&r);
    reg_free(&r);
    lesson_expect(st == REG_ENOMEM,
                  "with no memory for the history, transition_apply "
                  "returned %s; expected REG_ENOMEM (reserve the history "
                  "with reg_reserve_history() before the first change)",
                  reg_status_name(st));
    lesson_expect(now == STAGE_NONE && hist == 0,
                  "out of memory, yet version 1 moved: reserve first, then "
                  "change, so that nothing can fail half-way");
}

#define T(f)                                                      \
    cmocka_unit_test_setup_teardown(f, kit_fixture_setup_ticking, \
                                    kit_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(version_2_to_archived_is_archived_not_deleted),
        T(stage_names_are_canonicalised),
        T(an_invalid_stage_fails_before_the_lookup),
        T(archiving_existing_needs_an_active_target),
        T(a_missing_version_is_not_found),
        T(archive_existing_cascades_within_the_target_stage),
        T(the_cascade_stays_within_the_model),
        T(without_the_flag_two_versions_may_share_production),
        T(one_timestamp_for_the_whole_transition),
        T(moving_to_the_same_stage_still_counts),
        T(the_one_per_stage_policy_refuses_a_second_version),
        T(the_policy_is_checked_after_the_lookup),
        T(the_policy_only_covers_active_stages),
        cmocka_unit_test(out_of_memory_changes_nothing),
    };
    return lesson_run("03_transition", tests);
}
