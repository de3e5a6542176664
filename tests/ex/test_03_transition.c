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
    struct kit_error err;
    LESSON(reg_version_find(r, name, number, &pos, &err) == KIT_OK,
           "version %lld of %s is gone (%s): a transition never "
           "deletes a version — archived is not deleted",
           (long long)number, name, err.msg);
    return reg_version_at(r, pos);
}

static void expect_stage(const struct registry *r, const char *name,
                         int64_t number, enum stage want, const char *why)
{
    enum stage got = version(r, name, number)->stage;
    LESSON(got == want, "%s version %lld is in %s; expected %s: %s",
           name, (long long)number, kit_stage_label(got),
           kit_stage_label(want), why);
}

static void expect_status(enum kit_status got, enum kit_status want,
                          const struct kit_error *err, const char *why)
{
    LESSON(got == want, "transition_apply returned %s (\"%s\"); "
                        "expected %s: %s",
           kit_status_name(got), err->msg, kit_status_name(want), why);
}

static void expect_unchanged(const struct registry *r, size_t history_before,
                             const char *call)
{
    LESSON(kit_history_len(r) == history_before,
           "%s failed but changed the registry (the history grew "
           "from %zu to %zu entries): check everything before the "
           "first change",
           call, history_before, kit_history_len(r));
}

/* Everything a failed transition must leave as it was: every version's
 * stage and time, the models' times and the history's length. */
#define SNAP_MAX 16
struct snapshot {
    size_t versions, history;
    enum stage stage[SNAP_MAX];
    int64_t updated[SNAP_MAX], model_updated[SNAP_MAX];
};

static struct snapshot snapshot(const struct registry *r)
{
    struct snapshot s = {0};
    const struct reg_version *v = reg_versions(r, &s.versions);
    assert_true(s.versions <= SNAP_MAX && reg_model_count(r) <= SNAP_MAX);
    for (size_t i = 0; i < s.versions; i++) {
        s.stage[i] = v[i].stage;
        s.updated[i] = v[i].updated_ms;
    }
    for (uint32_t m = 0; m < reg_model_count(r); m++)
        s.model_updated[m] = reg_model_updated(r, m);
    s.history = kit_history_len(r);
    return s;
}

/* True when r differs from before; then what says how (one change). */
static bool changed(const struct registry *r, const struct snapshot *before,
                    char *what, size_t size)
{
    struct snapshot now = snapshot(r);
    const struct reg_version *v = reg_versions(r, &now.versions);
    if (now.versions != before->versions) {
        snprintf(what, size, "the registry holds %zu versions instead of %zu",
                 now.versions, before->versions);
        return true;
    }
    for (size_t i = 0; i < now.versions; i++) {
        if (now.stage[i] != before->stage[i] ||
            now.updated[i] != before->updated[i]) {
            snprintf(what, size, "%s version %lld moved from %s to %s",
                     reg_model_name(r, v[i].model), (long long)v[i].number,
                     kit_stage_label(before->stage[i]),
                     kit_stage_label(now.stage[i]));
            return true;
        }
    }
    for (uint32_t m = 0; m < reg_model_count(r); m++) {
        if (now.model_updated[m] != before->model_updated[m]) {
            snprintf(what, size, "model %s was stamped as updated",
                     reg_model_name(r, m));
            return true;
        }
    }
    if (now.history != before->history) {
        snprintf(what, size, "the history grew from %zu to %zu entries",
                 before->history, now.history);
        return true;
    }
    return false;
}

/* Fails with a lesson when r differs from before; call names the call. */
static void expect_as_before(const struct registry *r,
                             const struct snapshot *before, const char *call,
                             const char *why)
{
    char what[KIT_ERROR_MSG_MAX];
    if (changed(r, before, what, sizeof what))
        lesson_fail("%s failed, yet %s: %s", call, what, why);
}

static void version_2_to_archived_is_archived_not_deleted(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "my_model", s, 2);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st =
        transition_apply(&f->r, "my_model", 2, "archived", false, &err);
    expect_status(st, KIT_OK, &err, "quiz question 3: the stage argument "
                                    "\"archived\" is valid in any case");
    expect_stage(&f->r, "my_model", 2, STAGE_ARCHIVED,
                 "quiz question 3: stage=\"archived\" moves version 2 to "
                 "Archived");
    size_t n;
    reg_versions(&f->r, &n);
    LESSON(n == 2, "the registry holds %zu versions; expected 2: "
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
        struct kit_error err = {KIT_OK, ""};
        expect_status(transition_apply(&f->r, "m", 1, spellings[i], false,
                                       &err),
                      KIT_OK, &err, "use stage_parse(): any case is fine");
        expect_stage(&f->r, "m", 1, STAGE_STAGING, spellings[i]);
    }
}

static void an_invalid_stage_fails_before_the_lookup(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_NONE};
    kit_model_in_stages(&f->r, "m", s, 1);
    size_t before = kit_history_len(&f->r);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st =
        transition_apply(&f->r, "ghost", 99, "unknown", false, &err);
    expect_status(st, KIT_EINVAL, &err,
                  "MLflow checks the stage first, before the model and "
                  "version: an unknown stage is reported even for a "
                  "missing version");
    LESSON(strcmp(err.msg, "Invalid Model Version stage: unknown. "
                           "Value must be one of None, Staging, "
                           "Production, Archived.") == 0,
           "message \"%s\"; expected stage_parse()'s", err.msg);
    st = transition_apply(&f->r, "m", 1, "unknown", false, &err);
    expect_status(st, KIT_EINVAL, &err, "\"unknown\" is not a stage");
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
        char want[KIT_ERROR_MSG_MAX];
        snprintf(want, sizeof want,
                 "Model version transition cannot archive existing model "
                 "versions because '%s' is not an Active stage. Valid "
                 "stages are ['Staging', 'Production']",
                 targets[i]);
        struct kit_error err = {KIT_OK, ""};
        /* Version 99 does not exist: this check comes before the lookup. */
        enum kit_status st =
            transition_apply(&f->r, "m", 99, targets[i], true, &err);
        expect_status(st, KIT_EINVAL, &err,
                      "archive_existing_versions only makes sense for "
                      "Staging and Production, and MLflow checks it before "
                      "looking the version up");
        LESSON(strcmp(err.msg, want) == 0,
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
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = transition_apply(&f->r, "m", 99, "Staging", false,
                                          &err);
    expect_status(st, KIT_ENOTFOUND, &err, "version 99 does not exist");
    LESSON(strcmp(err.msg, "Model Version (name=m, version=99) not "
                           "found") == 0,
           "message \"%s\"; expected MLflow's \"Model Version "
           "(name=m, version=99) not found\" (reg_version_find() "
           "writes it)",
           err.msg);
    st = transition_apply(&f->r, "ghost", 1, "Staging", false, &err);
    expect_status(st, KIT_ENOTFOUND, &err, "model ghost does not exist");
    LESSON(strcmp(err.msg, "Model Version (name=ghost, version=1) "
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
    struct kit_error err = {KIT_OK, ""};
    expect_status(transition_apply(&f->r, "m", 3, "Staging", true, &err),
                  KIT_OK, &err, "v3 -> Staging with archive_existing");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED,
                 "v1 was in the target stage (Staging): the flag archives it");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION,
                 "v2 is in another stage (Production): the flag only "
                 "archives versions in the target stage");
    expect_stage(&f->r, "m", 3, STAGE_STAGING, "v3 is the target");
    expect_status(transition_apply(&f->r, "m", 3, "Production", true, &err),
                  KIT_OK, &err, "v3 -> Production with archive_existing");
    expect_stage(&f->r, "m", 2, STAGE_ARCHIVED,
                 "v2 was in Production: the flag archives it");
    expect_stage(&f->r, "m", 3, STAGE_PRODUCTION, "v3 is the target");
    LESSON(reg_stage_count(&f->r, STAGE_PRODUCTION) == 1,
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
    struct kit_error err = {KIT_OK, ""};
    expect_status(transition_apply(&f->r, "a", 2, "Production", true, &err),
                  KIT_OK, &err, "a v2 -> Production with archive_existing");
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
    struct kit_error err = {KIT_OK, ""};
    expect_status(transition_apply(&f->r, "m", 3, "Production", false, &err),
                  KIT_OK, &err, "MLflow allows two Production versions "
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
    struct kit_error err = {KIT_OK, ""};
    expect_status(transition_apply(&f->r, "m", 3, "Production", true, &err),
                  KIT_OK, &err, "v3 -> Production with archive_existing");
    size_t n;
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    LESSON(n == before + 3, "the history grew by %zu entries; "
                            "expected 3 (v1 and v2 archived, then v3)",
           n - before);
    for (size_t i = before; i < n; i++) {
        LESSON(h[i].at_ms == h[n - 1].at_ms,
               "history entries of one transition have times %lld "
               "and %lld: read reg_now() once and use that one "
               "timestamp for every change",
               (long long)h[i].at_ms, (long long)h[n - 1].at_ms);
        LESSON(h[i].cascade == (i < n - 1),
               "history entry %zu (version %lld) has cascade=%d: "
               "versions archived by the flag come first and are "
               "marked cascade; the target comes last, unmarked",
               i - before, (long long)h[i].number, (int)h[i].cascade);
    }
    LESSON(h[n - 1].number == 3 && h[n - 1].to == STAGE_PRODUCTION,
           "the last history entry must be the target version 3 "
           "moving to Production");
}

static void moving_to_the_same_stage_still_counts(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_STAGING};
    kit_model_in_stages(&f->r, "m", s, 1);
    size_t before = kit_history_len(&f->r);
    struct kit_error err = {KIT_OK, ""};
    expect_status(transition_apply(&f->r, "m", 1, "Staging", false, &err),
                  KIT_OK, &err, "there is no transition graph: any stage "
                                "may move to any stage, even its own");
    LESSON(kit_history_len(&f->r) == before + 1,
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
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st =
        transition_apply(&f->r, "m", 2, "Production", false, &err);
    expect_status(st, KIT_ECONFLICT, &err,
                  "under the one-per-stage policy v1 holds Production, so "
                  "v2 cannot join it without archive_existing_versions");
    char want[KIT_ERROR_MSG_MAX];
    struct kit_error expected;
    reg_conflict(&expected, "m", 2, STAGE_PRODUCTION, 1);
    snprintf(want, sizeof want, "%s", expected.msg);
    LESSON(strcmp(err.msg, want) == 0,
           "message \"%s\"; expected reg_conflict()'s \"%s\"", err.msg,
           want);
    expect_unchanged(&f->r, before, "a refused transition");
    expect_stage(&f->r, "m", 1, STAGE_PRODUCTION, "nothing changes on error");
    expect_stage(&f->r, "m", 2, STAGE_STAGING, "nothing changes on error");
    expect_status(transition_apply(&f->r, "m", 2, "Production", true, &err),
                  KIT_OK, &err, "with archive_existing_versions the holder "
                                "is archived, so there is no conflict");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED, "archived by the flag");
}

static void the_policy_is_checked_after_the_lookup(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 1);
    reg_set_one_per_stage(&f->r, true);
    struct kit_error err = {KIT_OK, ""};
    expect_status(transition_apply(&f->r, "m", 7, "Production", false, &err),
                  KIT_ENOTFOUND, &err,
                  "a missing version is reported before any conflict "
                  "(step 3 before step 4)");
    expect_status(transition_apply(&f->r, "m", 1, "Production", false, &err),
                  KIT_OK, &err, "a version never conflicts with itself");
}

static void the_policy_only_covers_active_stages(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_ARCHIVED, STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 2);
    reg_set_one_per_stage(&f->r, true);
    struct kit_error err = {KIT_OK, ""};
    expect_status(transition_apply(&f->r, "m", 2, "Archived", false, &err),
                  KIT_OK, &err, "Archived is not an active stage: any "
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
    assert_int_equal(reg_model_create(&r, "m", NULL), KIT_OK);
    assert_int_equal(reg_version_create(&r, "m", &number, NULL), KIT_OK);
    assert_int_equal(reg_version_create(&r, "m", &number, NULL), KIT_OK);
    fail = true; /* the history is still empty: the next entry allocates */
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = transition_apply(&r, "m", 1, "Staging", false, &err);
    fail = false;
    uint32_t pos;
    assert_int_equal(reg_version_find(&r, "m", 1, &pos, NULL), KIT_OK);
    enum stage now = reg_version_at(&r, pos)->stage;
    size_t hist = kit_history_len(&r);
    reg_free(&r);
    LESSON(st == KIT_ENOMEM,
           "with no memory for the history, transition_apply "
           "returned %s; expected KIT_ENOMEM (reserve the history "
           "with reg_reserve_history() before the first change)",
           kit_status_name(st));
    LESSON(now == STAGE_NONE && hist == 0,
           "out of memory, yet version 1 moved: reserve first, then "
           "change, so that nothing can fail half-way");
}

static void an_invalid_stage_is_reported_before_the_flag(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 1);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = transition_apply(&f->r, "m", 1, "prod", true, &err);
    expect_status(st, KIT_EINVAL, &err, "\"prod\" is not a stage");
    LESSON(strcmp(err.msg, "Invalid Model Version stage: prod. Value "
                           "must be one of None, Staging, "
                           "Production, Archived.") == 0,
           "message \"%s\"; expected stage_parse()'s: the stage is "
           "parsed first (step 1), so an invalid stage is never "
           "reported as \"not an Active stage\" (step 2)",
           err.msg);
}

static void the_flag_takes_an_active_stage_in_any_case(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_STAGING, STAGE_NONE};
    kit_model_in_stages(&f->r, "m", s, 2);
    struct kit_error err = {KIT_OK, ""};
    expect_status(transition_apply(&f->r, "m", 2, "staging", true, &err),
                  KIT_OK, &err,
                  "\"staging\" is Staging, an active stage: ask "
                  "stage_is_active() about the parsed stage, do not compare "
                  "the raw string with \"Staging\"");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED, "archived by the flag");
    expect_stage(&f->r, "m", 2, STAGE_STAGING, "v2 is the target");
}

static void zero_and_negative_versions_are_not_found(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_NONE};
    kit_model_in_stages(&f->r, "m", s, 1);
    static const int64_t numbers[] = {0, -1};
    for (size_t i = 0; i < 2; i++) {
        char want[KIT_ERROR_MSG_MAX];
        snprintf(want, sizeof want,
                 "Model Version (name=m, version=%lld) not found",
                 (long long)numbers[i]);
        struct kit_error err = {KIT_OK, ""};
        enum kit_status st =
            transition_apply(&f->r, "m", numbers[i], "Staging", false, &err);
        expect_status(st, KIT_ENOTFOUND, &err,
                      "0 and negative versions are valid syntax that ends "
                      "in \"not found\", as in MLflow: no version has that "
                      "number, so reg_version_find() says so");
        LESSON(strcmp(err.msg, want) == 0,
               "message \"%s\"; expected \"%s\"", err.msg, want);
    }
}

static void a_missing_target_archives_nothing(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_STAGING};
    kit_model_in_stages(&f->r, "m", s, 2);
    struct snapshot before = snapshot(&f->r);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st =
        transition_apply(&f->r, "m", 99, "Production", true, &err);
    expect_status(st, KIT_ENOTFOUND, &err, "version 99 does not exist");
    expect_as_before(&f->r, &before,
                     "transition_apply(m, 99, Production, archive_existing)",
                     "find the target BEFORE the cascade: in MLflow's SQL "
                     "store the whole transition is one transaction, so a "
                     "missing target leaves version 1 in Production");
}

static void the_target_is_not_archived_by_its_own_cascade(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 2);
    size_t before = kit_history_len(&f->r);
    struct kit_error err = {KIT_OK, ""};
    expect_status(transition_apply(&f->r, "m", 2, "Production", true, &err),
                  KIT_OK, &err,
                  "v2, already in Production, -> Production with "
                  "archive_existing");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED, "v1 is another version in "
                                                "the target stage");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "v2 is the target");
    size_t n;
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    LESSON(n == before + 2,
           "the history grew by %zu entries; expected 2 (v1 "
           "archived, then v2 to Production): the cascade archives "
           "every OTHER version, never the target itself",
           n - before);
    for (size_t i = before; i < n; i++)
        LESSON(!(h[i].number == 2 && h[i].to == STAGE_ARCHIVED),
               "the history says version 2 was archived: the target "
               "was archived by its own cascade and then moved "
               "back; skip it in the cascade");
    LESSON(h[n - 1].number == 2 && h[n - 1].from == STAGE_PRODUCTION &&
               h[n - 1].to == STAGE_PRODUCTION && !h[n - 1].cascade,
           "the last history entry must be version 2 going from "
           "Production to Production (a no-op that still counts), "
           "not a cascade");
}

static void the_cascade_archives_every_other_holder(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_STAGING,
                            STAGE_PRODUCTION, STAGE_PRODUCTION,
                            STAGE_NONE,       STAGE_PRODUCTION,
                            STAGE_ARCHIVED};
    kit_model_in_stages(&f->r, "m", s, 7);
    size_t before = kit_history_len(&f->r);
    struct kit_error err = {KIT_OK, ""};
    expect_status(transition_apply(&f->r, "m", 5, "Production", true, &err),
                  KIT_OK, &err, "v5 -> Production with archive_existing");
    static const int64_t held[] = {1, 3, 4, 6};
    for (size_t i = 0; i < 4; i++)
        expect_stage(&f->r, "m", held[i], STAGE_ARCHIVED,
                     "every other version in Production is archived: a loop "
                     "that re-reads the stage index while reg_set_stage() "
                     "shrinks and reorders it skips some (take the view "
                     "once, and walk it backwards)");
    expect_stage(&f->r, "m", 2, STAGE_STAGING, "Staging is not the target");
    expect_stage(&f->r, "m", 5, STAGE_PRODUCTION, "v5 is the target");
    LESSON(kit_history_len(&f->r) == before + 5,
           "the history grew by %zu entries; expected 5 (four "
           "archived, then the target): each version moves once",
           kit_history_len(&f->r) - before);
}

static void the_policy_counts_only_this_models_versions(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage a[] = {STAGE_PRODUCTION, STAGE_STAGING};
    const enum stage b[] = {STAGE_NONE, STAGE_NONE, STAGE_NONE};
    kit_model_in_stages(&f->r, "a", a, 2);
    kit_model_in_stages(&f->r, "b", b, 3);
    reg_set_one_per_stage(&f->r, true);
    struct kit_error err = {KIT_OK, ""};
    /* Numbers that differ from the holders': a number is only unique
     * within its model. */
    expect_status(transition_apply(&f->r, "b", 3, "Production", false, &err),
                  KIT_OK, &err,
                  "model a's version in Production does not block model b: "
                  "the policy is one version per stage PER MODEL (use "
                  "reg_model_stage_view(), not the registry-wide "
                  "reg_stage_view() or reg_stage_count())");
    expect_status(transition_apply(&f->r, "b", 1, "Staging", false, &err),
                  KIT_OK, &err,
                  "model a's version in Staging does not block model b");
    expect_stage(&f->r, "a", 1, STAGE_PRODUCTION, "another model");
}

/* Model m (v1, v2 in Production, v3 in Staging) after `filler` history
 * entries of another model, on a registry whose allocator a can fail. */
static void oom_setup(struct registry *r, struct kit_alloc *a, int filler)
{
    static const enum stage none[SNAP_MAX - 3];
    static const enum stage m[] = {STAGE_PRODUCTION, STAGE_PRODUCTION,
                                   STAGE_STAGING};
    reg_init_alloc(r, kit_alloc_realloc, a);
    if (filler > 0)
        kit_model_in_stages(r, "filler", none, filler);
    kit_model_in_stages(r, "m", m, 3);
}

/* The stage of version `number` of m, or STAGE_COUNT when it is gone. */
static enum stage stage_in(const struct registry *r, int64_t number)
{
    uint32_t pos;
    if (reg_version_find(r, "m", number, &pos, NULL) != KIT_OK)
        return STAGE_COUNT;
    return reg_version_at(r, pos)->stage;
}

/* One transition v3 -> Production with archive_existing, allowed `budget`
 * allocations.  Returns its status; *broken tells whether it left the
 * registry wrong (changed on failure, or not the right result on success),
 * and what says how.  The registry is freed before the test judges, so a
 * failed expectation leaks nothing. */
static enum kit_status oom_run(int filler, long budget, bool *broken,
                               char *what, size_t size)
{
    struct kit_alloc a = {-1, 0};
    struct registry r;
    oom_setup(&r, &a, filler);
    struct snapshot before = snapshot(&r);
    a.budget = a.made + budget;
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = transition_apply(&r, "m", 3, "Production", true,
                                          &err);
    a.budget = -1;
    *broken = false;
    if (st == KIT_ENOMEM) {
        *broken = changed(&r, &before, what, size);
    } else if (st == KIT_OK) {
        *broken = stage_in(&r, 1) != STAGE_ARCHIVED ||
                  stage_in(&r, 2) != STAGE_ARCHIVED ||
                  stage_in(&r, 3) != STAGE_PRODUCTION;
        snprintf(what, size, "v1 and v2 were not archived, or v3 did not "
                             "reach Production");
    } else {
        snprintf(what, size, "%s", err.msg);
    }
    reg_free(&r);
    return st;
}

static void out_of_memory_at_any_point_changes_nothing(void **state)
{
    (void)state;
    bool refused = false;
    /* The history grows 4, 8, 16: some filler puts its growth between
     * two changes of the cascade. */
    for (int filler = 0; filler <= 9; filler++) {
        for (long budget = 0; budget < 4; budget++) {
            bool broken;
            char what[KIT_ERROR_MSG_MAX] = "";
            enum kit_status st =
                oom_run(filler, budget, &broken, what, sizeof what);
            LESSON(st == KIT_OK || st == KIT_ENOMEM,
                   "transition_apply returned %s (\"%s\"); expected "
                   "KIT_OK or, out of memory, KIT_ENOMEM",
                   kit_status_name(st), what);
            LESSON(!(st == KIT_ENOMEM && broken),
                   "a transition out of memory failed, yet %s: "
                   "reserve the history for the whole transition "
                   "(every archived version and the target) with "
                   "one reg_reserve_history() before the first "
                   "change, so that nothing fails half-way",
                   what);
            LESSON(!(st == KIT_OK && broken),
                   "with memory enough, v3 -> Production with "
                   "archive_existing succeeded, but %s", what);
            refused = refused || st == KIT_ENOMEM;
            if (st == KIT_OK)
                break;
        }
    }
    LESSON(refused, "no transition ever returned KIT_ENOMEM, though "
                    "the history could not grow: check what "
                    "reg_reserve_history() returns");
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
        T(an_invalid_stage_is_reported_before_the_flag),
        T(the_flag_takes_an_active_stage_in_any_case),
        T(zero_and_negative_versions_are_not_found),
        T(a_missing_target_archives_nothing),
        T(the_target_is_not_archived_by_its_own_cascade),
        T(the_cascade_archives_every_other_holder),
        T(the_policy_counts_only_this_models_versions),
        cmocka_unit_test(out_of_memory_changes_nothing),
        cmocka_unit_test(out_of_memory_at_any_point_changes_nothing),
    };
    return lesson_run("03_transition", tests);
}
