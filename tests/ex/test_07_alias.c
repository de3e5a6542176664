/* Exercise 7 (kata/07_alias.c): aliases, what replaced stages in MLflow
 * 2.9 (quiz question 11).  Part 1 loads by model URI, as mlflow.pyfunc.
 * load_model("models:/...") does; part 2 promotes the challenger to
 * champion in one step that fully happens or not at all.  The rules are in
 * include/alias.h. */
#include <stdbool.h>
#include <stdlib.h>

#include "alias.h"
#include "lesson.h"

#define IMPROPER_TAIL                                                      \
    ". Models URIs must be of the form 'models:/model_name/suffix' or "   \
    "'models:/model_name@alias' where suffix is a model version, stage, "  \
    "or the string 'latest' and where alias is a registered model alias. " \
    "Only one of suffix or alias can be defined at a time."

/* m: v1 Archived, v2 Production, v3 Production, v4 Staging; then v2 goes
 * to Staging and back, so v2 is the one moved into Production LAST. */
static void given_m(struct registry *r)
{
    const enum stage s[] = {STAGE_ARCHIVED, STAGE_PRODUCTION,
                            STAGE_PRODUCTION, STAGE_STAGING};
    kit_model_in_stages(r, "m", s, 4);
    uint32_t pos;
    assert_int_equal(reg_version_find(r, "m", 2, &pos, NULL), KIT_OK);
    assert_int_equal(reg_reserve_history(r, 2), KIT_OK);
    reg_set_stage(r, pos, STAGE_STAGING, reg_now(r), false);
    reg_set_stage(r, pos, STAGE_PRODUCTION, reg_now(r), false);
}

static void alias(struct registry *r, const char *name, const char *a,
                  int64_t v)
{
    struct kit_error err;
    if (reg_alias_set(r, name, a, v, &err) != KIT_OK)
        fail_msg("setup: alias %s -> %lld: %s", a, (long long)v, err.msg);
}

/* Resolves uri and expects version want. */
static void expect_resolves(const struct registry *r, const char *uri,
                            int64_t want, const char *why)
{
    struct kit_error err = {KIT_OK, ""};
    int64_t got = -1;
    size_t before = kit_history_len(r);
    enum kit_status st = alias_resolve(r, uri, &got, &err);
    LESSON(st == KIT_OK, "alias_resolve(\"%s\") returned %s (\"%s\"); "
           "expected version %lld: %s",
           uri, kit_status_name(st), err.msg, (long long)want, why);
    LESSON(got == want, "alias_resolve(\"%s\") gave version %lld; "
           "expected %lld: %s",
           uri, (long long)got, (long long)want, why);
    LESSON(kit_history_len(r) == before,
           "alias_resolve(\"%s\") changed the history: resolving a "
           "URI only reads the registry", uri);
}

/* Expects uri to fail with status want and message msg. */
static void expect_refused(const struct registry *r, const char *uri,
                           enum kit_status want, const char *msg,
                           const char *why)
{
    struct kit_error err = {KIT_OK, ""};
    int64_t got = -1;
    enum kit_status st = alias_resolve(r, uri, &got, &err);
    LESSON(st == want, "alias_resolve(\"%s\") returned %s (version "
           "%lld, \"%s\"); expected %s: %s",
           uri ? uri : "(null)", kit_status_name(st), (long long)got,
           err.msg, kit_status_name(want), why);
    LESSON(strcmp(err.msg, msg) == 0,
           "alias_resolve(\"%s\") said \"%s\"; expected MLflow's "
           "message \"%s\"",
           uri ? uri : "(null)", err.msg, msg);
    LESSON(got == -1, "alias_resolve(\"%s\") failed but wrote %lld to "
           "*number: results are written only on success",
           uri ? uri : "(null)", (long long)got);
}

static void expect_improper(const struct registry *r, const char *uri,
                            const char *why)
{
    char msg[KIT_ERROR_MSG_MAX];
    snprintf(msg, sizeof msg, "Not a proper models:/ URI: %s" IMPROPER_TAIL,
             uri ? uri : "");
    expect_refused(r, uri, KIT_EINVAL, msg, why);
}

/* --- part 1: model URIs -------------------------------------------------- */

static void a_number_is_that_version(void **state)
{
    struct kit_fixture *f = *state;
    given_m(&f->r);
    expect_resolves(&f->r, "models:/m/1", 1,
                    "digits name a version, whatever its stage (v1 is "
                    "archived, and still loadable)");
    expect_resolves(&f->r, "models:/m/4", 4, "digits name a version");
    expect_resolves(&f->r, "models:/m/004", 4,
                    "\"004\" is all digits: MLflow reads it as int 4");
}

static void a_missing_version_is_not_found(void **state)
{
    struct kit_fixture *f = *state;
    given_m(&f->r);
    expect_refused(&f->r, "models:/m/9", KIT_ENOTFOUND,
                   "Model Version (name=m, version=9) not found",
                   "there is no version 9: check it exists (reg_version_find)");
    expect_refused(&f->r, "models:/x/1", KIT_ENOTFOUND,
                   "Model Version (name=x, version=1) not found",
                   "there is no model x");
    expect_refused(&f->r, "models:/m/0", KIT_ENOTFOUND,
                   "Model Version (name=m, version=0) not found",
                   "versions start at 1");
}

static void a_stage_is_its_highest_version_not_the_last_moved(void **state)
{
    struct kit_fixture *f = *state;
    given_m(&f->r);
    expect_resolves(&f->r, "models:/m/Production", 3,
                    "v2 and v3 are in Production: MLflow takes the HIGHEST "
                    "version number, even though v2 was moved there last");
    expect_resolves(&f->r, "models:/m/Staging", 4, "v4 is the only one");
    expect_resolves(&f->r, "models:/m/Archived", 1, "v1 is archived");
    assert_int_equal(reg_version_delete(&f->r, "m", 3, NULL), KIT_OK);
    expect_resolves(&f->r, "models:/m/Production", 2,
                    "with v3 deleted, v2 is the highest in Production "
                    "(MLflow's test_get_latest_versions)");
}

static void stage_names_ignore_case(void **state)
{
    struct kit_fixture *f = *state;
    given_m(&f->r);
    expect_resolves(&f->r, "models:/m/production", 3,
                    "stages are read case-insensitively (stage_parse)");
    expect_resolves(&f->r, "models:/m/STAGING", 4,
                    "stages are read case-insensitively (stage_parse)");
}

static void latest_is_the_highest_live_version(void **state)
{
    struct kit_fixture *f = *state;
    const enum stage s[] = {STAGE_PRODUCTION, STAGE_STAGING, STAGE_ARCHIVED};
    kit_model_in_stages(&f->r, "m", s, 3);
    expect_resolves(&f->r, "models:/m/latest", 3,
                    "latest is the highest live version in ANY stage, "
                    "Archived included (v3)");
    expect_resolves(&f->r, "models:/m/LATEST", 3, "'latest' ignores case");
    expect_resolves(&f->r, "models:/m/Latest", 3, "'latest' ignores case");
    assert_int_equal(reg_version_delete(&f->r, "m", 3, NULL), KIT_OK);
    expect_resolves(&f->r, "models:/m/latest", 2,
                    "v3 is deleted: the highest LIVE version is v2");
}

static void no_version_has_mlflows_message(void **state)
{
    struct kit_fixture *f = *state;
    given_m(&f->r);
    kit_model_with_versions(&f->r, "empty", 0);
    expect_refused(&f->r, "models:/m/none", KIT_ENOTFOUND,
                   "No versions of model with name 'm' and stage 'none' found",
                   "no version of m is in stage None; the message names the "
                   "stage as the URI wrote it");
    expect_refused(&f->r, "models:/empty/latest", KIT_ENOTFOUND,
                   "No versions of model with name 'empty' found",
                   "the model has no versions at all");
    expect_refused(&f->r, "models:/x/latest", KIT_ENOTFOUND,
                   "Registered Model with name=x not found",
                   "look the model up first (reg_model_find)");
    expect_refused(&f->r, "models:/x/Production", KIT_ENOTFOUND,
                   "Registered Model with name=x not found",
                   "the model is looked up before the stage is read");
}

static void an_unknown_stage_is_stage_parses_error(void **state)
{
    struct kit_fixture *f = *state;
    given_m(&f->r);
    struct kit_error want;
    enum stage s;
    stage_parse("Prod", &s, &want);
    expect_refused(&f->r, "models:/m/Prod", KIT_EINVAL, want.msg,
                   "a suffix that is neither digits nor 'latest' is a stage, "
                   "read by stage_parse(), whose error is MLflow's");
    stage_parse("-1", &s, &want);
    expect_refused(&f->r, "models:/m/-1", KIT_EINVAL, want.msg,
                   "a sign makes it not all digits, so it is a stage");
}

static void an_alias_names_its_version(void **state)
{
    struct kit_fixture *f = *state;
    given_m(&f->r);
    alias(&f->r, "m", "champion", 2);
    alias(&f->r, "m", "2", 4);
    expect_resolves(&f->r, "models:/m@champion", 2,
                    "name@alias is reg_alias_get's version");
    expect_resolves(&f->r, "models:/m@2", 4,
                    "models:/m@2 is the ALIAS \"2\" (v4), not version 2");
    expect_resolves(&f->r, "models:/m/2", 2,
                    "models:/m/2 is version 2, not the alias \"2\"");
    expect_refused(&f->r, "models:/m@Champion", KIT_EINVAL,
                   "Registered model alias Champion not found.",
                   "alias names compare exactly");
    expect_refused(&f->r, "models:/x@champion", KIT_EINVAL,
                   "Registered model alias champion not found.",
                   "no model x: still \"alias not found\", as MLflow says");
    expect_refused(&f->r, "models:/m@latest", KIT_EINVAL,
                   "'latest' alias name (case insensitive) is reserved.",
                   "MLflow 3.0-3.2 check reserved names on get too");
}

static void the_last_at_sign_splits(void **state)
{
    struct kit_fixture *f = *state;
    kit_model_with_versions(&f->r, "team@m", 2);
    alias(&f->r, "team@m", "prod", 2);
    expect_resolves(&f->r, "models:/team@m@prod", 2,
                    "split at the LAST '@': the model is \"team@m\"");
    kit_model_with_versions(&f->r, "a@b", 3);
    expect_resolves(&f->r, "models:/a@b/3", 3,
                    "with a '/', the '@' is part of the model name");
}

static void anything_else_is_not_a_proper_uri(void **state)
{
    struct kit_fixture *f = *state;
    given_m(&f->r);
    static const char *const bad[] = {
        "model:/m/1",  "models:m/1",  "models://m/1", "models:/m",
        "models:/",    "models:/m/",  "models:/m/1/2", "models:/m@",
        "models:/@a",  "models:/ /1", "models:/m/ ",  "models:/m@ ",
        "",            "MODELS:/m/1", " models:/m/1", "models:/m/1/",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_improper(&f->r, bad[i],
                        "the prefix is exactly models:/, then name/suffix or "
                        "name@alias, with a name and a suffix or alias that "
                        "are not blank, and at most one '/'");
    expect_improper(&f->r, NULL, "a NULL URI is refused, not dereferenced");
}

/* --- part 2: promote the challenger -------------------------------------- */

static int64_t alias_of(const struct registry *r, const char *a)
{
    int64_t v = -1;
    reg_alias_get(r, "m", a, &v, NULL);
    return v;
}

static void promote_ok(struct registry *r, int64_t want)
{
    struct kit_error err = {KIT_OK, ""};
    int64_t got = -1;
    enum kit_status st = alias_promote_challenger(r, "m", &got, &err);
    LESSON(st == KIT_OK, "alias_promote_challenger(m) returned %s "
           "(\"%s\"); expected KIT_OK", kit_status_name(st), err.msg);
    LESSON(got == want, "alias_promote_challenger(m) reported champion "
           "v%lld; expected v%lld, the challenger's version",
           (long long)got, (long long)want);
}

static void the_champion_moves_to_the_challenger(void **state)
{
    struct kit_fixture *f = *state;
    kit_model_with_versions(&f->r, "m", 3);
    alias(&f->r, "m", "champion", 1);
    alias(&f->r, "m", "challenger", 2);
    alias(&f->r, "m", "stable", 1);
    promote_ok(&f->r, 2);
    LESSON(alias_of(&f->r, "champion") == 2,
           "champion names v%lld; expected v2: the champion moves to "
           "the version the challenger named",
           (long long)alias_of(&f->r, "champion"));
    LESSON(alias_of(&f->r, "challenger") == -1,
           "challenger still names v%lld: once promoted, the "
           "challenger alias is removed",
           (long long)alias_of(&f->r, "challenger"));
    LESSON(alias_of(&f->r, "stable") == 1,
           "v1's other alias, stable, now names v%lld; expected v1: "
           "only champion and challenger change",
           (long long)alias_of(&f->r, "stable"));
}

static void the_history_shows_the_move_then_the_delete(void **state)
{
    struct kit_fixture *f = *state;
    kit_model_with_versions(&f->r, "m", 2);
    alias(&f->r, "m", "champion", 1);
    alias(&f->r, "m", "challenger", 2);
    size_t before = kit_history_len(&f->r), n;
    promote_ok(&f->r, 2);
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    LESSON(n == before + 2, "the promotion recorded %zu history "
           "entries; expected 2: the champion's move and the "
           "challenger's delete", n - before);
    LESSON(h[before].kind == REG_HISTORY_ALIAS_MOVE &&
               strcmp(h[before].alias, "champion") == 0 &&
               h[before].from_number == 1 && h[before].number == 2,
           "the first entry must be champion moving from v1 to v2 "
           "(reg_alias_set): move the champion first, then remove the "
           "challenger");
    LESSON(h[before + 1].kind == REG_HISTORY_ALIAS_DELETE &&
               strcmp(h[before + 1].alias, "challenger") == 0,
           "the second entry must be the challenger's delete "
           "(reg_alias_delete of \"challenger\")");
}

static void the_first_champion_is_created(void **state)
{
    struct kit_fixture *f = *state;
    kit_model_with_versions(&f->r, "m", 2);
    alias(&f->r, "m", "challenger", 2);
    size_t before = kit_history_len(&f->r), n;
    promote_ok(&f->r, 2);
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    LESSON(alias_of(&f->r, "champion") == 2 &&
               alias_of(&f->r, "challenger") == -1,
           "with no champion yet, champion is created on v2 and "
           "challenger removed (got champion v%lld, challenger v%lld)",
           (long long)alias_of(&f->r, "champion"),
           (long long)alias_of(&f->r, "challenger"));
    LESSON(n == before + 2 && h[before].kind == REG_HISTORY_ALIAS_SET,
           "a first champion is a set, then the challenger's delete");
}

static void a_champion_already_there_does_not_move(void **state)
{
    struct kit_fixture *f = *state;
    kit_model_with_versions(&f->r, "m", 2);
    alias(&f->r, "m", "champion", 2);
    alias(&f->r, "m", "challenger", 2);
    size_t before = kit_history_len(&f->r), n;
    promote_ok(&f->r, 2);
    const struct reg_history_entry *h = reg_history(&f->r, &n);
    LESSON(n == before + 1 && h[before].kind == REG_HISTORY_ALIAS_DELETE,
           "champion already named v2: only the challenger's delete "
           "is recorded (%zu entries)", n - before);
    LESSON(alias_of(&f->r, "champion") == 2,
           "champion must still name v2");
}

static void no_challenger_changes_nothing(void **state)
{
    struct kit_fixture *f = *state;
    kit_model_with_versions(&f->r, "m", 2);
    alias(&f->r, "m", "champion", 1);
    size_t before = kit_history_len(&f->r);
    static const char *const names[] = {"m", "x"};
    for (size_t i = 0; i < 2; i++) {
        struct kit_error err = {KIT_OK, ""};
        int64_t got = -1;
        enum kit_status st =
            alias_promote_challenger(&f->r, names[i], &got, &err);
        LESSON(st == KIT_EINVAL &&
                   strcmp(err.msg, "Registered model alias challenger "
                                   "not found.") == 0,
               "alias_promote_challenger(%s) without a challenger "
               "returned %s (\"%s\"); expected KIT_EINVAL \"Registered "
               "model alias challenger not found.\": look the "
               "challenger up first (reg_alias_get)",
               names[i], kit_status_name(st), err.msg);
        LESSON(got == -1, "a failed promotion wrote v%lld to "
               "*champion: results are written only on success",
               (long long)got);
    }
    LESSON(kit_history_len(&f->r) == before &&
               alias_of(&f->r, "champion") == 1,
           "a refused promotion changed the aliases: on error "
           "nothing changes");
}

static void a_null_champion_pointer_is_allowed(void **state)
{
    struct kit_fixture *f = *state;
    kit_model_with_versions(&f->r, "m", 2);
    alias(&f->r, "m", "challenger", 1);
    enum kit_status st = alias_promote_challenger(&f->r, "m", NULL, NULL);
    LESSON(st == KIT_OK && alias_of(&f->r, "champion") == 1,
           "alias_promote_challenger(m, NULL, NULL) returned %s: "
           "champion and err may both be NULL",
           kit_status_name(st));
}

/* Out of memory at every allocation, with the history and the alias map at
 * every fill level: the promotion happens completely or not at all. */
static void out_of_memory_is_all_or_nothing(void **state)
{
    (void)state;
    int failures = 0;
    for (int fill = 0; fill < 9; fill++) {
        for (long budget = 0; budget < 8; budget++) {
            struct kit_alloc a = {-1, 0};
            struct registry r;
            reg_init_alloc(&r, kit_alloc_realloc, &a);
            kit_model_with_versions(&r, "m", 2);
            alias(&r, "m", "challenger", 2);
            for (int k = 0; k < fill; k++) {
                char name[16];
                snprintf(name, sizeof name, "tag%d", k);
                alias(&r, "m", name, 1);
            }
            size_t before = kit_history_len(&r);
            a.budget = a.made + budget;
            struct kit_error err = {KIT_OK, ""};
            enum kit_status st = alias_promote_challenger(&r, "m", NULL, &err);
            a.budget = -1;
            int64_t champ = alias_of(&r, "champion");
            int64_t chall = alias_of(&r, "challenger");
            size_t after = kit_history_len(&r);
            reg_free(&r);
            if (st == KIT_OK) {
                LESSON(champ == 2 && chall == -1 && after == before + 2,
                       "a promotion that returned KIT_OK left champion "
                       "v%lld, challenger v%lld", (long long)champ,
                       (long long)chall);
                continue;
            }
            failures++;
            LESSON(st == KIT_ENOMEM, "out of memory gave %s (\"%s\"); "
                   "expected KIT_ENOMEM", kit_status_name(st), err.msg);
            LESSON(champ == -1 && chall == 2 && after == before,
                   "out of memory half-way (fill %d, budget %ld): "
                   "champion v%lld, challenger v%lld, %zu new history "
                   "entries; expected everything as it was: reserve "
                   "room for BOTH steps (reg_alias_reserve) before "
                   "the first",
                   fill, budget, (long long)champ, (long long)chall,
                   after - before);
        }
    }
    LESSON(failures > 0, "no allocation ever failed: the test is "
           "broken");
}

#define T(f)                                                      \
    cmocka_unit_test_setup_teardown(f, kit_fixture_setup_ticking, \
                                    kit_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(a_number_is_that_version),
        T(a_missing_version_is_not_found),
        T(a_stage_is_its_highest_version_not_the_last_moved),
        T(stage_names_ignore_case),
        T(latest_is_the_highest_live_version),
        T(no_version_has_mlflows_message),
        T(an_unknown_stage_is_stage_parses_error),
        T(an_alias_names_its_version),
        T(the_last_at_sign_splits),
        T(anything_else_is_not_a_proper_uri),
        T(the_champion_moves_to_the_challenger),
        T(the_history_shows_the_move_then_the_delete),
        T(the_first_champion_is_created),
        T(a_champion_already_there_does_not_move),
        T(no_challenger_changes_nothing),
        T(a_null_champion_pointer_is_allowed),
        T(out_of_memory_is_all_or_nothing),
    };
    return lesson_run("07_alias", tests);
}
