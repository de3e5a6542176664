/* Registered-model aliases in the engine: every row of the scenario table
 * in MLFLOW_ALIASES.md, the name checks in MLflow's order and wording
 * (3.0-3.2: reserved names refused on set, get and delete), the history,
 * and out of memory.  The URI rows go through the linked exercise 7
 * (alias_resolve), as test_scenarios.c goes through exercise 3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "kit_test.h"

static struct registry *reg_of(void **state)
{
    return &((struct kit_fixture *)*state)->r;
}

static uint32_t model_of(const struct registry *r, const char *name)
{
    uint32_t m = 0;
    assert_int_equal(reg_model_find(r, name, &m, NULL), KIT_OK);
    return m;
}

static void set_ok(struct registry *r, const char *alias, int64_t v)
{
    struct kit_error err;
    if (reg_alias_set(r, "m", alias, v, &err) != KIT_OK)
        fail_msg("set %s -> %lld: %s", alias, (long long)v, err.msg);
}

/* The version's aliases, joined with ',' ("" for none). */
static const char *aliases_of(const struct registry *r, int64_t v)
{
    static char buf[512];
    const char *names[8];
    size_t n = reg_version_aliases(r, model_of(r, "m"), v, names, 8);
    buf[0] = '\0';
    for (size_t i = 0; i < n && i < 8; i++) {
        if (i > 0)
            strcat(buf, ",");
        strcat(buf, names[i]);
    }
    return buf;
}

static size_t map_size(const struct registry *r)
{
    size_t n = 99;
    reg_alias_list(r, model_of(r, "m"), &n);
    return n;
}

static int64_t get_ok(const struct registry *r, const char *alias)
{
    struct kit_error err;
    int64_t v = -1;
    if (reg_alias_get(r, "m", alias, &v, &err) != KIT_OK)
        fail_msg("get %s: %s", alias, err.msg);
    return v;
}

/* --- the scenario table ------------------------------------------------ */

static void set_names_one_version(void **state)
{
    struct registry *r = reg_of(state);
    kit_model_with_versions(r, "m", 2);
    set_ok(r, "test_alias", 2);
    size_t n;
    const struct reg_alias *map = reg_alias_list(r, model_of(r, "m"), &n);
    assert_int_equal(n, 1);
    assert_string_equal(map[0].name, "test_alias");
    assert_int_equal(map[0].number, 2);
    assert_string_equal(aliases_of(r, 1), "");
    assert_string_equal(aliases_of(r, 2), "test_alias");
    /* ...then get_by_alias: v2, which carries [test_alias] */
    assert_int_equal(get_ok(r, "test_alias"), 2);
}

static void set_again_moves_then_changes_nothing(void **state)
{
    struct registry *r = reg_of(state);
    kit_model_with_versions(r, "m", 2);
    set_ok(r, "test_alias", 2);
    set_ok(r, "test_alias", 1); /* moved, no error */
    assert_string_equal(aliases_of(r, 1), "test_alias");
    assert_string_equal(aliases_of(r, 2), "");
    assert_int_equal(map_size(r), 1);
    size_t before = kit_history_len(r);
    set_ok(r, "test_alias", 1); /* the same version again */
    assert_int_equal(kit_history_len(r), before);
    assert_string_equal(aliases_of(r, 1), "test_alias");
    assert_int_equal(map_size(r), 1);
}

static void delete_removes_and_a_second_delete_does_nothing(void **state)
{
    struct registry *r = reg_of(state);
    struct kit_error err;
    kit_model_with_versions(r, "m", 2);
    set_ok(r, "test_alias", 2);
    assert_int_equal(reg_alias_delete(r, "m", "test_alias", &err), KIT_OK);
    assert_int_equal(map_size(r), 0);
    assert_string_equal(aliases_of(r, 2), "");
    size_t before = kit_history_len(r);
    assert_int_equal(reg_alias_delete(r, "m", "test_alias", &err), KIT_OK);
    assert_int_equal(kit_history_len(r), before);
    assert_int_equal(map_size(r), 0);
}

static void deleting_a_version_deletes_its_aliases(void **state)
{
    struct registry *r = reg_of(state);
    struct kit_error err;
    int64_t v = -1;
    kit_model_with_versions(r, "m", 2);
    set_ok(r, "test_alias", 2);
    assert_int_equal(reg_version_delete(r, "m", 2, &err), KIT_OK);
    assert_int_equal(map_size(r), 0);
    assert_int_equal(reg_alias_get(r, "m", "test_alias", &v, &err),
                     KIT_EINVAL);
    assert_string_equal(err.msg, "Registered model alias test_alias not found.");
    assert_int_equal(v, -1);
    /* no fallback to v1, and a new v3 does not inherit it */
    assert_string_equal(aliases_of(r, 1), "");
    assert_int_equal(reg_version_create(r, "m", &v, NULL), KIT_OK);
    assert_string_equal(aliases_of(r, v), "");
}

static void set_on_a_missing_version_or_model_is_not_found(void **state)
{
    struct registry *r = reg_of(state);
    struct kit_error err;
    kit_model_with_versions(r, "m", 1);
    assert_int_equal(reg_alias_set(r, "m", "a", 5, &err), KIT_ENOTFOUND);
    assert_string_equal(err.msg, "Model Version (name=m, version=5) not found");
    /* the SQL store has no separate model check */
    assert_int_equal(reg_alias_set(r, "x", "a", 1, &err), KIT_ENOTFOUND);
    assert_string_equal(err.msg, "Model Version (name=x, version=1) not found");
    assert_int_equal(kit_history_len(r), 0);
}

static void get_without_the_model_is_alias_not_found(void **state)
{
    struct registry *r = reg_of(state);
    struct kit_error err;
    int64_t v = -1;
    assert_int_equal(reg_alias_get(r, "x", "a", &v, &err), KIT_EINVAL);
    assert_string_equal(err.msg, "Registered model alias a not found.");
    assert_int_equal(err.status, KIT_EINVAL); /* HTTP 400, not 404 */
    assert_int_equal(v, -1);
}

static void delete_requires_the_model(void **state)
{
    struct registry *r = reg_of(state);
    struct kit_error err;
    assert_int_equal(reg_alias_delete(r, "x", "a", &err), KIT_ENOTFOUND);
    assert_string_equal(err.msg, "Registered Model with name=x not found");
}

static void legal_names_are_accepted(void **state)
{
    struct registry *r = reg_of(state);
    char longest[REG_ALIAS_MAX + 1];
    memset(longest, 'a', REG_ALIAS_MAX);
    longest[REG_ALIAS_MAX] = '\0';
    const char *const ok[] = {"a",     "Ab-5_", "test-alias", "1a2b5cDeFgH",
                              longest, "lates", "v123_temp",  "123",
                              "123v",  "v",     "Vx1",        "latest1"};
    kit_model_with_versions(r, "m", 1);
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        struct kit_error err;
        if (reg_check_alias(ok[i], &err) != KIT_OK)
            fail_msg("'%s' refused: %s", ok[i], err.msg);
        set_ok(r, ok[i], 1);
        assert_int_equal(get_ok(r, ok[i]), 1);
    }
    assert_int_equal(map_size(r), sizeof ok / sizeof ok[0]);
}

static void illegal_names_get_the_message_of_their_check(void **state)
{
    struct registry *r = reg_of(state);
    char too_long[REG_ALIAS_MAX + 2], want[400];
    memset(too_long, 'a', REG_ALIAS_MAX + 1);
    too_long[REG_ALIAS_MAX + 1] = '\0';
    static const char *const bad[] = {"a b", ":", "$dgs", "/", ".",
                                      "a/", "\\", "caf\xc3\xa9"};
    struct kit_error err;
    kit_model_with_versions(r, "m", 1);
    assert_int_equal(reg_alias_set(r, "m", "", 1, &err), KIT_EINVAL);
    assert_string_equal(err.msg, "Registered model alias name cannot be empty.");
    assert_int_equal(reg_check_alias(NULL, &err), KIT_EINVAL);
    assert_string_equal(err.msg, "Registered model alias name cannot be empty.");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(reg_alias_set(r, "m", bad[i], 1, &err), KIT_EINVAL);
        snprintf(want, sizeof want,
                 "Invalid alias name: '%s'. Names may only contain "
                 "alphanumerics, underscores (_), and dashes (-).",
                 bad[i]);
        assert_string_equal(err.msg, want);
    }
    assert_int_equal(reg_alias_set(r, "m", too_long, 1, &err), KIT_EINVAL);
    snprintf(want, sizeof want,
             "Registered model alias name '%.250s' had length 256, which "
             "exceeded length limit of 255",
             too_long);
    assert_string_equal(err.msg, want);
    /* the character check runs before the length check */
    too_long[0] = '/';
    assert_int_equal(reg_check_alias(too_long, &err), KIT_EINVAL);
    assert_non_null(strstr(err.msg, "Invalid alias name: '/"));
    assert_int_equal(map_size(r), 0);
}

static void reserved_names_are_refused_on_set_get_and_delete(void **state)
{
    struct registry *r = reg_of(state);
    static const char *const latest[] = {"latest", "LATEST", "LaTeSt"};
    static const char *const version[] = {"v123", "V1", "v0"};
    struct kit_error err;
    int64_t v;
    char want[128];
    kit_model_with_versions(r, "m", 1);
    for (size_t i = 0; i < 3; i++) {
        const char *msg = "'latest' alias name (case insensitive) is reserved.";
        assert_int_equal(reg_alias_set(r, "m", latest[i], 1, &err), KIT_EINVAL);
        assert_string_equal(err.msg, msg);
        assert_int_equal(reg_alias_get(r, "m", latest[i], &v, &err), KIT_EINVAL);
        assert_string_equal(err.msg, msg);
        assert_int_equal(reg_alias_delete(r, "m", latest[i], &err), KIT_EINVAL);
        assert_string_equal(err.msg, msg);
        snprintf(want, sizeof want, "Version alias name '%s' is reserved.",
                 version[i]);
        assert_int_equal(reg_alias_set(r, "m", version[i], 1, &err), KIT_EINVAL);
        assert_string_equal(err.msg, want);
        assert_int_equal(reg_alias_get(r, "m", version[i], &v, &err), KIT_EINVAL);
        assert_string_equal(err.msg, want);
        assert_int_equal(reg_alias_delete(r, "m", version[i], &err), KIT_EINVAL);
        assert_string_equal(err.msg, want);
    }
    assert_int_equal(kit_history_len(r), 0);
}

static void production_resolves_to_the_highest_version(void **state)
{
    struct registry *r = reg_of(state);
    struct kit_error err;
    int64_t v = 0;
    const enum stage s[] = {STAGE_ARCHIVED, STAGE_PRODUCTION,
                            STAGE_PRODUCTION};
    kit_model_in_stages(r, "m", s, 3);
    /* move v2 into Production last: the highest number still wins */
    uint32_t pos;
    assert_int_equal(reg_version_find(r, "m", 2, &pos, NULL), KIT_OK);
    assert_int_equal(reg_reserve_history(r, 1), KIT_OK);
    reg_set_stage(r, pos, STAGE_PRODUCTION, reg_now(r), false);
    assert_int_equal(alias_resolve(r, "models:/m/Production", &v, &err), KIT_OK);
    assert_int_equal(v, 3);
    assert_int_equal(reg_version_delete(r, "m", 3, NULL), KIT_OK);
    assert_int_equal(alias_resolve(r, "models:/m/Production", &v, &err), KIT_OK);
    assert_int_equal(v, 2);
}

static void a_model_takes_its_aliases_with_it(void **state)
{
    /* The registry has no model deletion (so MLflow's "deleting a model
     * deletes its aliases" has nothing to apply to yet): the nearest thing
     * is reg_free(), which must release every alias and every alias name
     * the history points at (LeakSanitizer checks under make san-suite),
     * and leave a registry that knows none of them. */
    struct registry *r = reg_of(state);
    kit_model_with_versions(r, "m", 2);
    set_ok(r, "champion", 1);
    set_ok(r, "challenger", 2);
    assert_int_equal(reg_alias_delete(r, "m", "challenger", NULL), KIT_OK);
    reg_free(r);
    kit_model_with_versions(r, "m", 1);
    int64_t v = -1;
    assert_int_equal(reg_alias_get(r, "m", "champion", &v, NULL), KIT_EINVAL);
    assert_int_equal(map_size(r), 0);
}

/* --- beyond the table ---------------------------------------------------- */

static void names_compare_exactly(void **state)
{
    struct registry *r = reg_of(state);
    int64_t v = -1;
    kit_model_with_versions(r, "m", 2);
    set_ok(r, "Champion", 1);
    set_ok(r, "champion", 2);
    assert_int_equal(get_ok(r, "Champion"), 1);
    assert_int_equal(get_ok(r, "champion"), 2);
    assert_int_equal(reg_alias_get(r, "m", "CHAMPION", &v, NULL), KIT_EINVAL);
    assert_int_equal(map_size(r), 2);
}

static void a_version_carries_several_aliases_of_one_model(void **state)
{
    struct registry *r = reg_of(state);
    kit_model_with_versions(r, "m", 3);
    kit_model_with_versions(r, "other", 3);
    set_ok(r, "a", 2);
    set_ok(r, "b", 2);
    set_ok(r, "c", 3);
    assert_int_equal(reg_alias_set(r, "other", "a", 1, NULL), KIT_OK);
    assert_string_equal(aliases_of(r, 2), "a,b");
    const char *one[1] = {NULL};
    assert_int_equal(reg_version_aliases(r, model_of(r, "m"), 2, one, 1), 2);
    assert_string_equal(one[0], "a");
    assert_int_equal(get_ok(r, "a"), 2); /* other's "a" is another alias */
    assert_int_equal(reg_version_aliases(r, 99, 2, one, 1), 0);
    size_t n = 5;
    assert_null(reg_alias_list(r, 99, &n));
    assert_int_equal(n, 0);
    /* deleting version 2 takes a and b, not c, and not other's a */
    assert_int_equal(reg_version_delete(r, "m", 2, NULL), KIT_OK);
    assert_int_equal(map_size(r), 1);
    assert_int_equal(get_ok(r, "c"), 3);
    int64_t v = 0;
    assert_int_equal(reg_alias_get(r, "other", "a", &v, NULL), KIT_OK);
    assert_int_equal(v, 1);
}

static void checks_run_in_mlflows_order(void **state)
{
    struct registry *r = reg_of(state);
    struct kit_error err;
    int64_t v;
    kit_model_with_versions(r, "m", 1);
    /* the model name, then the alias, then the version */
    assert_int_equal(reg_alias_set(r, "", "a b", 9, &err), KIT_EINVAL);
    assert_string_equal(err.msg, "Registered model name cannot be empty.");
    assert_int_equal(reg_alias_set(r, NULL, "a", 1, &err), KIT_EINVAL);
    assert_int_equal(reg_alias_set(r, "x", "latest", 9, &err), KIT_EINVAL);
    assert_string_equal(err.msg,
                        "'latest' alias name (case insensitive) is reserved.");
    assert_int_equal(reg_alias_get(r, "", "a", &v, &err), KIT_EINVAL);
    assert_string_equal(err.msg, "Registered model name cannot be empty.");
    assert_int_equal(reg_alias_delete(r, "x", "", &err), KIT_EINVAL);
    assert_string_equal(err.msg, "Registered model alias name cannot be empty.");
    assert_int_equal(reg_alias_set(r, "m", "a", 0, &err), KIT_ENOTFOUND);
    assert_int_equal(reg_alias_set(r, "m", "a", -1, &err), KIT_ENOTFOUND);
}

static void every_change_is_in_the_history_with_its_own_time(void **state)
{
    struct kit_fixture *f = *state;
    struct registry *r = &f->r;
    kit_model_with_versions(r, "m", 3);
    uint32_t pos;
    assert_int_equal(reg_version_find(r, "m", 1, &pos, NULL), KIT_OK);
    assert_int_equal(reg_reserve_history(r, 1), KIT_OK);
    reg_set_stage(r, pos, STAGE_PRODUCTION, reg_now(r), false);
    int reads = f->clock.reads;
    set_ok(r, "champion", 1);
    set_ok(r, "champion", 2);
    set_ok(r, "champion", 2); /* nothing */
    set_ok(r, "x", 3);
    set_ok(r, "y", 3);
    assert_int_equal(reg_alias_delete(r, "m", "champion", NULL), KIT_OK);
    assert_int_equal(reg_alias_delete(r, "m", "nope", NULL), KIT_OK);
    assert_int_equal(reg_version_delete(r, "m", 3, NULL), KIT_OK);
    /* one clock reading per recorded change, one for the version delete */
    assert_int_equal(f->clock.reads - reads, 6);
    size_t n;
    const struct reg_history_entry *h = reg_history(r, &n);
    assert_int_equal(n, 8);
    assert_int_equal(h[0].kind, REG_HISTORY_STAGE);
    assert_null(h[0].alias);
    assert_int_equal(h[1].kind, REG_HISTORY_ALIAS_SET);
    assert_string_equal(h[1].alias, "champion");
    assert_int_equal(h[1].number, 1);
    assert_int_equal(h[2].kind, REG_HISTORY_ALIAS_MOVE);
    assert_int_equal(h[2].from_number, 1);
    assert_int_equal(h[2].number, 2);
    assert_int_equal(h[3].kind, REG_HISTORY_ALIAS_SET);
    assert_int_equal(h[4].kind, REG_HISTORY_ALIAS_SET);
    assert_int_equal(h[5].kind, REG_HISTORY_ALIAS_DELETE);
    assert_string_equal(h[5].alias, "champion"); /* still readable */
    assert_int_equal(h[5].number, 2);
    assert_false(h[5].cascade);
    for (size_t i = 1; i < 6; i++) {
        assert_true(h[i].at_ms > h[i - 1].at_ms);
        assert_int_equal(h[i].model, model_of(r, "m"));
        assert_int_equal(h[i].from, STAGE_NONE);
        assert_int_equal(h[i].to, STAGE_NONE);
    }
    /* the version delete: x then y, removed with v3, at one instant */
    for (size_t i = 6; i < 8; i++) {
        assert_int_equal(h[i].kind, REG_HISTORY_ALIAS_DELETE);
        assert_true(h[i].cascade);
        assert_int_equal(h[i].number, 3);
    }
    assert_string_equal(h[6].alias, "x");
    assert_string_equal(h[7].alias, "y");
    assert_int_equal(h[6].at_ms, h[7].at_ms);
    assert_true(h[6].at_ms > h[5].at_ms);
}

static void version_delete_records_every_alias_at_one_instant(void **state)
{
    struct registry *r = reg_of(state);
    kit_model_with_versions(r, "m", 2);
    set_ok(r, "a", 2);
    set_ok(r, "b", 1);
    set_ok(r, "c", 2);
    size_t before = kit_history_len(r), n;
    assert_int_equal(reg_version_delete(r, "m", 2, NULL), KIT_OK);
    const struct reg_history_entry *h = reg_history(r, &n);
    assert_int_equal(n, before + 2);
    assert_string_equal(h[before].alias, "a");
    assert_string_equal(h[before + 1].alias, "c");
    assert_int_equal(h[before].at_ms, h[before + 1].at_ms);
    assert_true(h[before].cascade && h[before + 1].cascade);
    assert_string_equal(aliases_of(r, 1), "b");
}

static void aliases_survive_the_array_moving_versions(void **state)
{
    struct registry *r = reg_of(state);
    kit_model_with_versions(r, "m", 4);
    set_ok(r, "last", 4);
    assert_int_equal(reg_version_delete(r, "m", 1, NULL), KIT_OK);
    assert_int_equal(get_ok(r, "last"), 4); /* v4 moved into v1's place */
    assert_string_equal(aliases_of(r, 4), "last");
}

/* What an alias operation can observe, to compare before and after. */
struct alias_snap {
    size_t nhistory, naliases;
    int64_t a, b;
};

static struct alias_snap snap(const struct registry *r)
{
    struct alias_snap s = {0, 0, -1, -1};
    s.nhistory = kit_history_len(r);
    reg_alias_list(r, 0, &s.naliases);
    reg_alias_get(r, "m", "a", &s.a, NULL);
    reg_alias_get(r, "m", "b", &s.b, NULL);
    return s;
}

static void expect_same(struct alias_snap x, struct alias_snap y)
{
    assert_int_equal(x.nhistory, y.nhistory);
    assert_int_equal(x.naliases, y.naliases);
    assert_int_equal(x.a, y.a);
    assert_int_equal(x.b, y.b);
}

enum op { OP_SET_NEW, OP_MOVE, OP_DELETE, OP_VERSION_DELETE, OP_RESERVE };

static enum kit_status run_op(struct registry *r, enum op op,
                              struct kit_error *err)
{
    switch (op) {
    case OP_SET_NEW: return reg_alias_set(r, "m", "fresh-name", 1, err);
    case OP_MOVE: return reg_alias_set(r, "m", "a", 2, err);
    case OP_DELETE: return reg_alias_delete(r, "m", "a", err);
    case OP_VERSION_DELETE: return reg_version_delete(r, "m", 1, err);
    case OP_RESERVE: return reg_alias_reserve(r, "m", "brand-new", 3, err);
    }
    return KIT_EINVAL;
}

static void out_of_memory_changes_nothing(void **state)
{
    (void)state;
    for (int op = OP_SET_NEW; op <= OP_RESERVE; op++) {
        int failures = 0;
        for (long budget = 0; budget < 12; budget++) {
            struct kit_alloc a = {-1, 0};
            struct registry r;
            struct kit_error err;
            reg_init_alloc(&r, kit_alloc_realloc, &a);
            kit_model_with_versions(&r, "m", 2);
            /* four history entries fill the history's first capacity */
            set_ok(&r, "a", 1);
            set_ok(&r, "b", 1);
            set_ok(&r, "c", 2);
            set_ok(&r, "d", 2);
            struct alias_snap before = snap(&r);
            a.budget = a.made + budget;
            enum kit_status st = run_op(&r, (enum op)op, &err);
            if (st == KIT_ENOMEM) {
                failures++;
                assert_string_equal(err.msg, "out of memory");
                expect_same(before, snap(&r));
                assert_int_equal(reg_model_count(&r), 1);
                size_t nv;
                reg_versions(&r, &nv);
                assert_int_equal(nv, 2); /* the version delete did not happen */
            } else {
                assert_int_equal(st, KIT_OK);
            }
            reg_free(&r);
        }
        if (failures == 0)
            fail_msg("operation %d never ran out of memory", op);
    }
}

static void after_a_reserve_a_set_and_a_delete_cannot_fail(void **state)
{
    (void)state;
    struct kit_alloc a = {-1, 0};
    struct registry r;
    reg_init_alloc(&r, kit_alloc_realloc, &a);
    kit_model_with_versions(&r, "m", 2);
    set_ok(&r, "a", 1);
    set_ok(&r, "b", 1);
    set_ok(&r, "c", 2);
    set_ok(&r, "d", 2); /* history and alias map at their first capacity */
    assert_int_equal(reg_alias_reserve(&r, "m", "champion", 2, NULL), KIT_OK);
    a.budget = a.made; /* nothing more can be allocated */
    assert_int_equal(reg_alias_set(&r, "m", "champion", 2, NULL), KIT_OK);
    assert_int_equal(reg_alias_delete(&r, "m", "a", NULL), KIT_OK);
    assert_int_equal(kit_history_len(&r), 6);
    struct kit_error err;
    assert_int_equal(reg_alias_reserve(&r, "x", "a", 1, &err), KIT_ENOTFOUND);
    assert_string_equal(err.msg, "Registered Model with name=x not found");
    assert_int_equal(reg_alias_reserve(&r, "m", "v1", 1, &err), KIT_EINVAL);
    reg_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, kit_fixture_setup, \
                                             kit_fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(set_names_one_version),
        T(set_again_moves_then_changes_nothing),
        T(delete_removes_and_a_second_delete_does_nothing),
        T(deleting_a_version_deletes_its_aliases),
        T(set_on_a_missing_version_or_model_is_not_found),
        T(get_without_the_model_is_alias_not_found),
        T(delete_requires_the_model),
        T(legal_names_are_accepted),
        T(illegal_names_get_the_message_of_their_check),
        T(reserved_names_are_refused_on_set_get_and_delete),
        T(production_resolves_to_the_highest_version),
        T(a_model_takes_its_aliases_with_it),
        T(names_compare_exactly),
        T(a_version_carries_several_aliases_of_one_model),
        T(checks_run_in_mlflows_order),
        T(every_change_is_in_the_history_with_its_own_time),
        T(version_delete_records_every_alias_at_one_instant),
        T(aliases_survive_the_array_moving_versions),
        T(out_of_memory_changes_nothing),
        T(after_a_reserve_a_set_and_a_delete_cannot_fail),
    };
#undef T
    return cmocka_run_group_tests_name("alias", tests, NULL, NULL);
}
