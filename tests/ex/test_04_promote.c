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
    lesson_expect(reg_version_find(r, name, number, &pos, NULL) == REG_OK,
                  "%s version %lld is gone: promoting never deletes", name,
                  (long long)number);
    enum stage got = reg_version_at(r, pos)->stage;
    lesson_expect(got == want, "%s version %lld is in %s; expected %s: %s",
                  name, (long long)number, kit_stage_label(got),
                  kit_stage_label(want), why);
}

static void expect_ok(enum reg_status st, const struct reg_error *err,
                      const char *call)
{
    lesson_expect(st == REG_OK, "%s returned %s (\"%s\"); expected REG_OK",
                  call, reg_status_name(st), err->msg);
}

static void in_order_archives_v1_and_promotes_v2(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    struct reg_error err = {REG_OK, ""};
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
    struct reg_error err = {REG_OK, ""};
    expect_ok(promote_in_order(&f->r, "m", 1, 2, &err), &err,
              "promote_in_order(m, 1, 2)");
    size_t n;
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    lesson_expect(n == before + 2, "promote_in_order made %zu stage changes; "
                                   "expected 2 (archive v1, promote v2)",
                  n - before);
    lesson_expect(h[before].number == 1 && h[before].to == STAGE_ARCHIVED,
                  "the first change was version %lld to %s; expected version "
                  "1 to Archived: archive the old version BEFORE promoting "
                  "the new one, or for a moment two versions are in "
                  "Production",
                  (long long)h[before].number, kit_stage_label(h[before].to));
    lesson_expect(h[before + 1].number == 2 &&
                      h[before + 1].to == STAGE_PRODUCTION,
                  "the second change must be version 2 to Production");
}

static void in_order_works_under_the_one_per_stage_policy(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    reg_set_one_per_stage(&f->r, true);
    struct reg_error err = {REG_OK, ""};
    enum reg_status st = promote_in_order(&f->r, "m", 1, 2, &err);
    lesson_expect(st == REG_OK,
                  "under the one-per-stage policy promote_in_order returned "
                  "%s (\"%s\"): promoting v2 while v1 is still in "
                  "Production is a stage conflict; archive v1 first",
                  reg_status_name(st), err.msg);
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED, "v1 is archived");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "v2 is promoted");
}

static void a_missing_version_changes_nothing(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    size_t before = kit_history_len(&f->r);
    struct reg_error err = {REG_OK, ""};
    enum reg_status st = promote_in_order(&f->r, "m", 1, 9, &err);
    lesson_expect(st == REG_ENOTFOUND,
                  "promote_in_order(m, 1, 9) returned %s; expected "
                  "REG_ENOTFOUND: version 9 does not exist",
                  reg_status_name(st));
    lesson_expect(strcmp(err.msg, "Model Version (name=m, version=9) not "
                                  "found") == 0,
                  "message \"%s\"; expected \"Model Version (name=m, "
                  "version=9) not found\"",
                  err.msg);
    expect_stage(&f->r, "m", 1, STAGE_PRODUCTION,
                 "check that BOTH versions exist before archiving v1, or a "
                 "typo leaves the model with no Production version");
    lesson_expect(kit_history_len(&f->r) == before,
                  "a refused promotion must not change anything");
    st = promote_in_order(&f->r, "m", 7, 2, &err);
    lesson_expect(st == REG_ENOTFOUND, "promote_in_order(m, 7, 2) returned "
                                       "%s; expected REG_ENOTFOUND",
                  reg_status_name(st));
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
    struct reg_error err = {REG_OK, ""};
    enum reg_status st = promote_in_order(&f->r, "m", 1, 2, &err);
    lesson_expect(st == REG_ECONFLICT,
                  "promote_in_order returned %s; expected REG_ECONFLICT: v3 "
                  "is also in Production, so promoting v2 would break the "
                  "policy",
                  reg_status_name(st));
    lesson_expect(kit_history_len(&f->r) == before,
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
    struct reg_error err = {REG_OK, ""};
    expect_ok(promote_atomic(&f->r, "m", 2, &err), &err,
              "promote_atomic(m, 2)");
    expect_stage(&f->r, "m", 1, STAGE_ARCHIVED,
                 "archive_existing_versions archives the old Production "
                 "version");
    expect_stage(&f->r, "m", 2, STAGE_PRODUCTION, "v2 is promoted");
    size_t n;
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    lesson_expect(n == before + 2 && h[before].at_ms == h[n - 1].at_ms,
                  "promote_atomic must be ONE transition with "
                  "archive_existing_versions: both changes at the same "
                  "instant, so there is never zero or two Production "
                  "versions");
    lesson_expect(h[before].cascade && h[before].number == 1,
                  "v1 must be archived by the cascade of v2's transition "
                  "(history marks it cascade), not by a separate call");
}

static void atomic_works_under_the_policy(void **state)
{
    struct kit_fixture *f = *state;
    given_the_quiz(&f->r);
    reg_set_one_per_stage(&f->r, true);
    struct reg_error err = {REG_OK, ""};
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
    struct reg_error err = {REG_OK, ""};
    expect_ok(promote_atomic(&f->r, "m", 2, &err), &err,
              "promote_atomic(m, 2)");
    expect_stage(&f->r, "other", 1, STAGE_PRODUCTION,
                 "another model's Production version is not archived");
    enum reg_status st = promote_atomic(&f->r, "m", 9, &err);
    lesson_expect(st == REG_ENOTFOUND, "promote_atomic(m, 9) returned %s; "
                                       "expected REG_ENOTFOUND",
                  reg_status_name(st));
}

#define T(f)                                                      \
    cmocka_unit_test_setup_teardown(f, kit_fixture_setup_ticking, \
                                    kit_fixture_teardown)

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
    };
    return lesson_run("04_promote", tests);
}
