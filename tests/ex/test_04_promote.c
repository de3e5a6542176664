/* Exercise 4 (kata/04_promote.c): replace the Production version.  Quiz
 * question 5: v1 is in Production, v2 in Staging; promote v2 and archive
 * v1.  Under the one-per-stage policy the order matters: archive v1 first.
 * (MLflow itself allows two Production versions; the policy is the kit's
 * option, which many teams enforce.) */
#include <stdbool.h>
#include <stdlib.h>

#include "lesson.h"
#include "promote.h"

/* The quiz's registry: v1 Production, v2 Staging. */
static void given_the_quiz(struct registry *r)
{
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_STAGING};
    kit_model_in_stages(r, "m", s, 2);
}

static void expect_stage(const struct registry *r, const char *name,
                         int64_t number, enum stage want, const char *why)
{
    uint32_t pos;
    LESSON(reg_version_find(r, name, number, &pos, NULL) == KIT_OK,
           "%s version %lld is gone: promoting never deletes", name,
           (long long)number);
    enum stage got = reg_version_at(r, pos)->stage;
    LESSON(got == want, "%s version %lld is in %s; expected %s: %s",
           name, (long long)number, kit_stage_label(got),
           kit_stage_label(want), why);
}

static void expect_ok(enum kit_status st, const struct kit_error *err,
                      const char *call)
{
    LESSON(st == KIT_OK, "%s returned %s (\"%s\"); expected KIT_OK",
           call, kit_status_name(st), err->msg);
}

static void in_order_archives_v1_and_promotes_v2(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    struct kit_error err = {KIT_OK, ""};
    expect_ok(promote_in_order(&f->r, "m", 1, 2, &err), &err,
              "promote_in_order(m, old 1, new 2)");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED,
                 "the OLD version (v1, in Production) is the one to archive");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION,
                 "the NEW version (v2, from Staging) is promoted; archiving "
                 "the staging version instead is the quiz's wrong answer");
}

static void in_order_archives_first_then_promotes(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    size_t before = kit_history_len(&f->r);
    struct kit_error err = {KIT_OK, ""};
    expect_ok(promote_in_order(&f->r, "m", 1, 2, &err), &err,
              "promote_in_order(m, 1, 2)");
    size_t n;
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    LESSON(n == before + 2, "promote_in_order made %zu stage changes; "
                            "expected 2 (archive v1, promote v2)",
           n - before);
    LESSON(h[before].number == 1 && h[before].to == STAGE_ARCHIVED,
           "the first change was version %lld to %s; expected version "
           "1 to Archived: archive the old version BEFORE promoting "
           "the new one, or for a moment two versions are in "
           "Production",
           (long long)h[before].number, kit_stage_label(h[before].to));
    LESSON(h[before + 1].number == 2 &&
               h[before + 1].to == STAGE_PRODUCTION,
           "the second change must be version 2 to Production");
    LESSON(!h[before].cascade && h[before].at_ms != h[before + 1].at_ms,
           "v1 was archived by the cascade of v2's transition "
           "(archive_existing_versions): that is promote_atomic's "
           "one call.  promote_in_order is two transitions of its "
           "own: archive v1, then promote v2");
}

static void in_order_works_under_the_one_per_stage_policy(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    reg_set_one_per_stage(&f->r, true);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = promote_in_order(&f->r, "m", 1, 2, &err);
    LESSON(st == KIT_OK,
           "under the one-per-stage policy promote_in_order returned "
           "%s (\"%s\"): promoting v2 while v1 is still in "
           "Production is a stage conflict; archive v1 first",
           kit_status_name(st), err.msg);
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED, "v1 is archived");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "v2 is promoted");
}

static void a_missing_version_changes_nothing(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    size_t before = kit_history_len(&f->r);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = promote_in_order(&f->r, "m", 1, 9, &err);
    LESSON(st == KIT_ENOTFOUND,
           "promote_in_order(m, 1, 9) returned %s; expected "
           "KIT_ENOTFOUND: version 9 does not exist",
           kit_status_name(st));
    LESSON(strcmp(err.msg, "Model Version (name=m, version=9) not "
                           "found") == 0,
           "message \"%s\"; expected \"Model Version (name=m, "
           "version=9) not found\"",
           err.msg);
    expect_stage(&f->r, "m", 1, STAGE_PRODUCTION,
                 "check that BOTH versions exist before archiving v1, or a "
                 "typo leaves the model with no Production version");
    LESSON(kit_history_len(&f->r) == before,
           "a refused promotion must not change anything");
    st = promote_in_order(&f->r, "m", 7, 2, &err);
    LESSON(st == KIT_ENOTFOUND, "promote_in_order(m, 7, 2) returned "
                                "%s; expected KIT_ENOTFOUND",
           kit_status_name(st));
    expect_stage(&f->r, "m", 2, STAGE_STAGING, "nothing changes on error");
}

static void a_third_production_version_is_a_conflict_up_front(void **state)
{
    struct kit_fixture *f = *state;
    /* v3 got into Production before the policy was switched on. */
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_STAGING,
                            STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 3);
    reg_set_one_per_stage(&f->r, true);
    size_t before = kit_history_len(&f->r);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = promote_in_order(&f->r, "m", 1, 2, &err);
    LESSON(st == KIT_ECONFLICT,
           "promote_in_order returned %s; expected KIT_ECONFLICT: v3 "
           "is also in Production, so promoting v2 would break the "
           "policy",
           kit_status_name(st));
    LESSON(kit_history_len(&f->r) == before,
           "the conflict must be found BEFORE v1 is archived: on "
           "error the registry is unchanged (v1 was archived and "
           "then the promotion failed)");
    expect_stage(&f->r, "m", 1, STAGE_PRODUCTION, "nothing changes on error");
}

static void atomic_promotes_and_archives_at_one_instant(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    size_t before = kit_history_len(&f->r);
    struct kit_error err = {KIT_OK, ""};
    expect_ok(promote_atomic(&f->r, "m", 2, &err), &err,
              "promote_atomic(m, 2)");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED,
                 "archive_existing_versions archives the old Production "
                 "version");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "v2 is promoted");
    size_t n;
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    LESSON(n == before + 2 && h[before].at_ms == h[n - 1].at_ms,
           "promote_atomic must be ONE transition with "
           "archive_existing_versions: both changes at the same "
           "instant, so there is never zero or two Production "
           "versions");
    LESSON(h[before].cascade && h[before].number == 1,
           "v1 must be archived by the cascade of v2's transition "
           "(history marks it cascade), not by a separate call");
}

static void atomic_works_under_the_policy(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    reg_set_one_per_stage(&f->r, true);
    struct kit_error err = {KIT_OK, ""};
    expect_ok(promote_atomic(&f->r, "m", 2, &err), &err,
              "promote_atomic(m, 2) under the policy");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "v2 is promoted");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED, "v1 is archived");
}

static void atomic_touches_only_this_model(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    const enum stage other[] = {STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "other", other, 1);
    struct kit_error err = {KIT_OK, ""};
    expect_ok(promote_atomic(&f->r, "m", 2, &err), &err,
              "promote_atomic(m, 2)");
    expect_stage(&f->r, "other", 1, STAGE_PRODUCTION,
                 "another model's Production version is not archived");
    enum kit_status st = promote_atomic(&f->r, "m", 9, &err);
    LESSON(st == KIT_ENOTFOUND, "promote_atomic(m, 9) returned %s; "
                                "expected KIT_ENOTFOUND",
           kit_status_name(st));
}

/* --- richer registries: several models, more versions, every stage ---- */

#define SNAP_MAX 32

/* Every version's stage, by position, and the history's length: what "on
 * error the registry is unchanged" compares. */
struct snapshot {
    size_t n, nhistory;
    enum stage stage[SNAP_MAX];
};

static struct snapshot snapshot_of(const struct registry *r)
{
    struct snapshot snap = {0, kit_history_len(r), {STAGE_NONE}};
    const struct reg_version *v = reg_versions(r, &snap.n);
    assert_true(snap.n <= SNAP_MAX);
    for (size_t i = 0; i < snap.n; i++)
        snap.stage[i] = v[i].stage;
    return snap;
}

static void expect_unchanged(const struct registry *r,
                             const struct snapshot *before, const char *call)
{
    struct snapshot now = snapshot_of(r);
    const struct reg_version *v = reg_versions(r, &now.n);
    for (size_t i = 0; i < now.n; i++)
        LESSON(now.stage[i] == before->stage[i],
               "after the refused %s, %s version %lld moved from %s "
               "to %s: on error the registry is unchanged",
               call, reg_model_name(r, v[i].model),
               (long long)v[i].number, kit_stage_label(before->stage[i]),
               kit_stage_label(now.stage[i]));
    LESSON(now.nhistory == before->nhistory,
           "the refused %s made %zu stage changes; expected none",
           call, now.nhistory - before->nhistory);
}

static void expect_status(enum kit_status st, enum kit_status want,
                          const struct kit_error *err, const char *call,
                          const char *why)
{
    LESSON(st == want, "%s returned %s (\"%s\"); expected %s: %s",
           call, kit_status_name(st), err->msg, kit_status_name(want),
           why);
}

static void expect_msg(const struct kit_error *err, const char *want)
{
    LESSON(strcmp(err->msg, want) == 0,
           "message \"%s\"; expected MLflow's \"%s\"", err->msg, want);
}

/* Model m: v1 Production, v2 Staging, v3 Production; model other: v1
 * Production, v2 Staging. */
static void given_two_in_production(struct registry *r)
{
    const enum stage m[] = {STAGE_PRODUCTION, STAGE_STAGING,
                            STAGE_PRODUCTION};
    const enum stage other[] = {STAGE_PRODUCTION, STAGE_STAGING};
    kit_model_in_stages(r, "m", m, 3);
    kit_model_in_stages(r, "other", other, 2);
}

static void in_order_leaves_a_third_production_version_without_the_policy(
    void **state)
{
    struct kit_fixture *f = *state;
    given_two_in_production(&f->r);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = promote_in_order(&f->r, "m", 1, 2, &err);
    expect_status(st, KIT_OK, &err, "promote_in_order(m, 1, 2), policy off",
                  "the one-per-stage policy is OFF (as in MLflow), so v3 "
                  "in Production is no conflict: check reg_one_per_stage() "
                  "before looking for one");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED, "the old version is archived");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "the new one is promoted");
    expect_stage(&f->r, "m", 3, STAGE_PRODUCTION,
                 "promote_in_order archives old_version only; archiving "
                 "every other Production version is archive_existing_"
                 "versions, which is promote_atomic, not this");
    expect_stage(&f->r, "other", 1, STAGE_PRODUCTION,
                 "another model is never touched");
}

static void in_order_archives_the_old_version_from_any_stage(void **state)
{
    struct kit_fixture *f = *state;
    /* The old version is in Staging, the new one in None: archiving "the
     * versions in Production" would miss v1. */
    const enum stage s[] = {STAGE_STAGING, STAGE_NONE, STAGE_ARCHIVED};
    kit_model_in_stages(&f->r, "m", s, 3);
    struct kit_error err = {KIT_OK, ""};
    expect_ok(promote_in_order(&f->r, "m", 1, 2, &err), &err,
              "promote_in_order(m, old 1 in Staging, new 2 in None)");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED,
                 "old_version is archived whatever its stage: "
                 "archive_existing_versions only archives versions in the "
                 "TARGET stage (Production), so it never archives v1 here; "
                 "archive v1 with a transition of its own");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "v2 is promoted");
    expect_stage(&f->r, "m", 3, STAGE_ARCHIVED, "v3 stays Archived");
}

static void the_policy_looks_only_at_this_model(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    /* Version numbers repeat across models: other's v3 is not m's. */
    const enum stage other[] = {STAGE_PRODUCTION, STAGE_NONE,
                                STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "other", other, 3);
    reg_set_one_per_stage(&f->r, true);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = promote_in_order(&f->r, "m", 1, 2, &err);
    expect_status(st, KIT_OK, &err, "promote_in_order(m, 1, 2) under the "
                                    "policy",
                  "the policy is one version per stage PER MODEL: model "
                  "other's Production versions are no conflict for m (walk "
                  "reg_model_stage_view, not the registry-wide view)");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "v2 is promoted");
    expect_stage(&f->r, "other", 1, STAGE_PRODUCTION,
                 "another model is never touched");
    expect_stage(&f->r, "other", 3, STAGE_PRODUCTION,
                 "another model is never touched");
}

static void the_policy_allows_a_new_version_already_in_production(
    void **state)
{
    struct kit_fixture *f = *state;
    /* Both got into Production before the policy was switched on. */
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 2);
    reg_set_one_per_stage(&f->r, true);
    size_t before = kit_history_len(&f->r);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = promote_in_order(&f->r, "m", 1, 2, &err);
    expect_status(st, KIT_OK, &err, "promote_in_order(m, 1, 2) with v2 "
                                    "already in Production",
                  "once v1 is archived, v2 is the only Production version: "
                  "only a version that is neither old nor new is in the way");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED, "v1 is archived");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "v2 stays in Production");
    LESSON(kit_history_len(&f->r) == before + 2,
           "%zu stage changes; expected 2: moving v2 to the stage it "
           "is already in is still a transition (as in MLflow)",
           kit_history_len(&f->r) - before);
}

static void the_policy_sees_production_even_when_old_is_elsewhere(
    void **state)
{
    struct kit_fixture *f = *state;
    /* v3 is the only Production version; the old one (v1) is in Staging. */
    const enum stage s[] = {STAGE_STAGING, STAGE_NONE, STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 3);
    reg_set_one_per_stage(&f->r, true);
    struct snapshot before = snapshot_of(&f->r);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = promote_in_order(&f->r, "m", 1, 2, &err);
    expect_status(st, KIT_ECONFLICT, &err, "promote_in_order(m, 1, 2)",
                  "v3 is in Production and is neither the old nor the new "
                  "version: look at each Production version, do not just "
                  "count them");
    LESSON(strstr(err.msg, "version 3 is already in Production") !=
                   NULL &&
               strstr(err.msg, "(name=m, version=2)") != NULL,
           "message \"%s\": it must say that v2 cannot move because "
           "version 3 is already in Production (reg_conflict(err, "
           "name, new, STAGE_PRODUCTION, holder))",
           err.msg);
    expect_unchanged(&f->r, &before, "promotion");
}

static void missing_versions_and_models_change_nothing(void **state)
{
    struct kit_fixture *f = *state;
    given_two_in_production(&f->r);
    struct snapshot before = snapshot_of(&f->r);
    static const struct {
        const char *name;
        int64_t old_version, new_version;
        const char *msg, *or_msg; /* both versions missing: either */
    } cases[] = {
        {"nobody", 1, 2, "Model Version (name=nobody, version=1) not found",
         "Model Version (name=nobody, version=2) not found"},
        {"m", 1, 4, "Model Version (name=m, version=4) not found", NULL},
        {"m", 1, 0, "Model Version (name=m, version=0) not found", NULL},
        {"m", 1, -2, "Model Version (name=m, version=-2) not found", NULL},
        {"other", 1, 3, "Model Version (name=other, version=3) not found",
         NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct kit_error err = {KIT_OK, ""};
        char call[96];
        snprintf(call, sizeof call, "promote_in_order(%s, %lld, %lld)",
                 cases[i].name, (long long)cases[i].old_version,
                 (long long)cases[i].new_version);
        enum kit_status st =
            promote_in_order(&f->r, cases[i].name, cases[i].old_version,
                             cases[i].new_version, &err);
        expect_status(st, KIT_ENOTFOUND, &err, call,
                      "find BOTH versions of THIS model with "
                      "reg_version_find() before changing anything");
        if (cases[i].or_msg == NULL ||
            strcmp(err.msg, cases[i].or_msg) != 0)
            expect_msg(&err, cases[i].msg);
        expect_unchanged(&f->r, &before, call);
    }
}

/* A registry on the failing allocator, with its own clock. */
struct oom_world {
    struct registry r;
    struct kit_alloc alloc;
    struct kit_clock clock;
};

static int oom_setup(void **state)
{
    struct oom_world *w = calloc(1, sizeof *w);
    if (w == NULL)
        return -1;
    w->alloc.budget = -1;
    w->clock = (struct kit_clock){1001, 1, 0};
    reg_init_alloc(&w->r, kit_alloc_realloc, &w->alloc);
    reg_set_clock(&w->r, kit_clock_read, &w->clock);
    *state = w;
    return 0;
}

static int oom_teardown(void **state)
{
    struct oom_world *w = *state;
    reg_free(&w->r);
    free(w);
    return 0;
}

/* Fills the history (with no-op changes of version `pos`) until exactly
 * one entry fits without allocating: one transition can still succeed,
 * the second of a pair must grow the history. */
static void leave_one_history_slot(struct oom_world *w, uint32_t pos)
{
    for (;;) {
        w->alloc.budget = -1;
        assert_int_equal(reg_reserve_history(&w->r, 1), KIT_OK);
        w->alloc.budget = w->alloc.made;
        if (reg_reserve_history(&w->r, 2) != KIT_OK)
            return;
        reg_set_stage(&w->r, pos, reg_version_at(&w->r, pos)->stage, 1,
                      false);
    }
}

static void out_of_memory_changes_nothing(void **state)
{
    struct oom_world *w = *state;
    given_the_quiz(&w->r);
    leave_one_history_slot(w, 0);
    struct snapshot before = snapshot_of(&w->r);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = promote_in_order(&w->r, "m", 1, 2, &err);
    expect_status(st, KIT_ENOMEM, &err,
                  "promote_in_order(m, 1, 2) with room for one history "
                  "entry and no memory for more",
                  "two changes need two history entries: "
                  "reg_reserve_history(r, 2) BEFORE the first, and give up "
                  "if it fails");
    expect_unchanged(&w->r, &before, "promotion (out of memory)");
    w->alloc.budget = -1;
    expect_ok(promote_in_order(&w->r, "m", 1, 2, &err), &err,
              "promote_in_order(m, 1, 2) once memory is back");
    expect_stage(&w->r, "m", 1, STAGE_ARCHIVED, "v1 is archived");
    expect_stage(&w->r, "m", 2, STAGE_PRODUCTION, "v2 is promoted");
}

static void atomic_out_of_memory_changes_nothing(void **state)
{
    struct oom_world *w = *state;
    given_the_quiz(&w->r);
    leave_one_history_slot(w, 0);
    struct snapshot before = snapshot_of(&w->r);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = promote_atomic(&w->r, "m", 2, &err);
    expect_status(st, KIT_ENOMEM, &err,
                  "promote_atomic(m, 2) with room for one history entry",
                  "the cascade and the promotion are two entries; one "
                  "transition_apply() reserves them both before changing "
                  "anything");
    expect_unchanged(&w->r, &before, "promote_atomic (out of memory)");
}

static void atomic_archives_every_other_production_version_only(
    void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_STAGING,
                            STAGE_PRODUCTION, STAGE_NONE,
                            STAGE_ARCHIVED,   STAGE_STAGING};
    kit_model_in_stages(&f->r, "m", s, 6);
    const enum stage other[] = {STAGE_PRODUCTION, STAGE_STAGING};
    kit_model_in_stages(&f->r, "other", other, 2);
    size_t before = kit_history_len(&f->r);
    struct kit_error err = {KIT_OK, ""};
    expect_ok(promote_atomic(&f->r, "m", 2, &err), &err,
              "promote_atomic(m, 2)");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED,
                 "every other Production version of m is archived");
    expect_stage(&f->r, "m", 3, STAGE_ARCHIVED,
                 "every other Production version of m is archived, v3 too");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "v2 is promoted");
    expect_stage(&f->r, "m", 4, STAGE_NONE,
                 "archive_existing_versions archives the target stage only");
    expect_stage(&f->r, "m", 6, STAGE_STAGING,
                 "archive_existing_versions archives the target stage only: "
                 "v6 in Staging stays");
    expect_stage(&f->r, "other", 1, STAGE_PRODUCTION,
                 "another model's Production version is not archived");
    size_t n;
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    LESSON(n == before + 3,
           "%zu stage changes; expected 3 (v1 and v3 archived, v2 "
           "promoted)",
           n - before);
    for (size_t i = before; i < n; i++)
        LESSON(h[i].at_ms == h[before].at_ms,
               "the changes happened at %lld and %lld: ONE "
               "transition_apply() with archive_existing, one instant",
               (long long)h[before].at_ms, (long long)h[i].at_ms);
}

static void atomic_on_a_version_already_in_production(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_PRODUCTION};
    kit_model_in_stages(&f->r, "m", s, 2);
    reg_set_one_per_stage(&f->r, true);
    struct kit_error err = {KIT_OK, ""};
    expect_ok(promote_atomic(&f->r, "m", 2, &err), &err,
              "promote_atomic(m, 2) with v2 already in Production");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED, "v1 is archived");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION,
                 "the target itself is never archived by its own cascade");
}

static void atomic_not_found_changes_nothing(void **state)
{
    struct kit_fixture *f = *state;
    given_two_in_production(&f->r);
    struct snapshot before = snapshot_of(&f->r);
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = promote_atomic(&f->r, "m", 9, &err);
    expect_status(st, KIT_ENOTFOUND, &err, "promote_atomic(m, 9)",
                  "version 9 does not exist");
    expect_msg(&err, "Model Version (name=m, version=9) not found");
    expect_unchanged(&f->r, &before, "promote_atomic(m, 9)");
    st = promote_atomic(&f->r, "nobody", 1, &err);
    expect_status(st, KIT_ENOTFOUND, &err, "promote_atomic(nobody, 1)",
                  "there is no model nobody");
    expect_msg(&err, "Model Version (name=nobody, version=1) not found");
    expect_unchanged(&f->r, &before, "promote_atomic(nobody, 1)");
}

#define T(f)                                                      \
    cmocka_unit_test_setup_teardown(f, kit_fixture_setup_ticking, \
                                    kit_fixture_teardown)
#define OOM(f) cmocka_unit_test_setup_teardown(f, oom_setup, oom_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(in_order_archives_v1_and_promotes_v2),
        T(in_order_archives_first_then_promotes),
        T(in_order_works_under_the_one_per_stage_policy),
        T(a_missing_version_changes_nothing),
        T(a_third_production_version_is_a_conflict_up_front),
        T(atomic_promotes_and_archives_at_one_instant),
        T(atomic_works_under_the_policy),
        T(atomic_touches_only_this_model),
        T(in_order_leaves_a_third_production_version_without_the_policy),
        T(in_order_archives_the_old_version_from_any_stage),
        T(the_policy_looks_only_at_this_model),
        T(the_policy_allows_a_new_version_already_in_production),
        T(the_policy_sees_production_even_when_old_is_elsewhere),
        T(missing_versions_and_models_change_nothing),
        OOM(out_of_memory_changes_nothing),
        OOM(atomic_out_of_memory_changes_nothing),
        T(atomic_archives_every_other_production_version_only),
        T(atomic_on_a_version_already_in_production),
        T(atomic_not_found_changes_nothing),
    };
    return lesson_run("04_promote", tests);
}
