/* modelreg linked with BROKEN exercise functions (this file defines them,
 * in place of solutions/ or kata/): a student's half-finished code must
 * give a clear message and leave the registry as it was, never crash. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "cli.h"
#include "cli_test.h"
#include "dispatch.h"
#include "transition.h"

/* How the fake exercises misbehave in the current test. */
enum broken {
    BROKEN_NOTHING,   /* succeed and do nothing at all */
    BROKEN_SILENT,    /* fail without a message */
    BROKEN_WILD       /* dispatch: call actions with bad pointers */
};

static enum broken broken = BROKEN_NOTHING;

/* --- the fake exercises ----------------------------------------------- */

const char *stage_name(enum stage s)
{
    (void)s;
    return NULL; /* the contract says never NULL: a student's bug */
}

enum kit_status stage_parse(const char *raw, enum stage *out,
                            struct kit_error *err)
{
    (void)raw;
    (void)out;
    return kit_error_set(err, KIT_ENOTIMPL, "stage_parse: not implemented");
}

/* Claims success but fills nothing in, or fails without a word. */
enum kit_status tvargs_parse(int argc, char *const argv[], struct tvargs *out,
                             struct kit_error *err)
{
    (void)argc;
    (void)argv;
    (void)out;
    (void)err;
    return broken == BROKEN_SILENT ? KIT_EINVAL : KIT_OK;
}

enum kit_status transition_apply(struct registry *r, const char *name,
                                 int64_t version, const char *stage,
                                 bool archive_existing, struct kit_error *err)
{
    (void)r;
    (void)name;
    (void)version;
    (void)stage;
    (void)archive_existing;
    (void)err;
    return KIT_OK; /* success, with no transition recorded */
}

void dispatch_all(const struct reg_version *versions, size_t n,
                  const struct dispatch_actions *a,
                  struct dispatch_counts *out)
{
    *out = (struct dispatch_counts){{0}};
    if (broken != BROKEN_WILD)
        return;
    a->on[DISPATCH_DEPLOY](a->ctx, NULL);
    a->on[DISPATCH_TEST](a->ctx, versions + n + 100);
    out->count[DISPATCH_DEPLOY] = n;
}

/* Claims any URI names version 99, or fails without a word. */
enum kit_status alias_resolve(const struct registry *r, const char *uri,
                              int64_t *number, struct kit_error *err)
{
    (void)r;
    (void)uri;
    (void)err;
    if (broken == BROKEN_SILENT)
        return KIT_EINVAL;
    *number = 99;
    return KIT_OK;
}

/* --- the harness -------------------------------------------------------- */

static int setup(void **state)
{
    broken = BROKEN_NOTHING;
    return cli_test_setup(state, "/tmp/test_cli_broken.XXXXXX");
}

/* A registry with model m and versions 1 and 2, made without any
 * exercise function. */
static void two_versions(struct cli_test *f)
{
    assert_int_equal(cli_test_run(f, "models create --model-name m"), 0);
    assert_int_equal(cli_test_run(f, "models create-version --model-name m"),
                     0);
    assert_int_equal(cli_test_run(f, "models create-version --model-name m"),
                     0);
}

static void assert_clear_error(struct cli_test *f, const char *line,
                               const char *words)
{
    int rc = cli_test_run(f, line);
    if (rc != 1 || strstr(f->err, words) == NULL)
        fail_msg("`modelreg %s` must exit 1 saying \"%s\"; it exited %d "
                 "with: %s",
                 line, words, rc, f->err);
    assert_string_equal(f->out, ""); /* nothing half-printed */
}

/* --- the lessons -------------------------------------------------------- */

static void a_parser_that_fills_nothing_in_is_caught(void **state)
{
    struct cli_test *f = *state;
    two_versions(f);
    assert_clear_error(f, "models transition-version --model-name m "
                          "--version 1 --stage Staging",
                       "tvargs_parse() returned success without the model "
                       "name or the stage: see exercise 2");
}

static void a_parser_that_fails_silently_is_named(void **state)
{
    struct cli_test *f = *state;
    broken = BROKEN_SILENT;
    assert_clear_error(f, "models transition-version --model-name m "
                          "--version 1 --stage Staging",
                       "tvargs_parse() failed (invalid parameter value) "
                       "without a message");
}

static void an_unfinished_stage_parse_is_not_a_usage_error(void **state)
{
    struct cli_test *f = *state;
    assert_clear_error(f, "models list --stage Production",
                       "exercise not finished: Invalid value for '--stage': "
                       "stage_parse: not implemented");
}

static void a_null_stage_name_prints_a_question_mark(void **state)
{
    struct cli_test *f = *state;
    two_versions(f);
    assert_int_equal(
        cli_test_run(f, "models get-version --model-name m --version 2"), 0);
    assert_non_null(strstr(f->out, "current_stage: ?"));
}

static void a_loop_with_wild_pointers_is_reported_not_followed(void **state)
{
    struct cli_test *f = *state;
    two_versions(f);
    broken = BROKEN_WILD;
    assert_clear_error(f, "models dispatch",
                       "dispatch_all() made 2 calls (2 to versions outside "
                       "the array) and counted 2 for 2 versions");
}

static void a_loop_that_visits_nothing_is_reported(void **state)
{
    struct cli_test *f = *state;
    two_versions(f);
    assert_clear_error(f, "models dispatch",
                       "dispatch_all() made 0 calls (0 to versions outside "
                       "the array) and counted 0 for 2 versions; it must "
                       "visit each version once: see exercise 5");
}

static void the_demo_fails_whole_when_an_exercise_is_broken(void **state)
{
    struct cli_test *f = *state;
    /* transition_apply() records nothing: the demo stops at its first
     * transition and writes nothing, not even the models it made. */
    assert_clear_error(f, "models demo",
                       "transition_apply() reported success but recorded no "
                       "transition: see exercise 3");
    assert_int_equal(cli_test_run(f, "models list"), 0);
    assert_non_null(strstr(f->out, "(no versions)"));
    assert_null(strstr(f->out, "fraud_detector"));
}

static void a_resolver_that_names_a_missing_version_is_caught(void **state)
{
    struct cli_test *f = *state;
    two_versions(f);
    assert_clear_error(f, "models resolve models:/m/1",
                       "alias_resolve() reported success with version 99, "
                       "which the URI's model does not have: see exercise 7");
    broken = BROKEN_SILENT;
    assert_clear_error(f, "models resolve models:/m@champion",
                       "Error: INVALID_PARAMETER_VALUE: invalid parameter "
                       "value");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, cli_test_teardown)
    const struct CMUnitTest tests[] = {
        T(a_parser_that_fills_nothing_in_is_caught),
        T(a_parser_that_fails_silently_is_named),
        T(an_unfinished_stage_parse_is_not_a_usage_error),
        T(a_null_stage_name_prints_a_question_mark),
        T(a_loop_with_wild_pointers_is_reported_not_followed),
        T(a_loop_that_visits_nothing_is_reported),
        T(the_demo_fails_whole_when_an_exercise_is_broken),
        T(a_resolver_that_names_a_missing_version_is_caught),
    };
#undef T
    return cmocka_run_group_tests_name("modelreg with broken exercises",
                                       tests, NULL, NULL);
}
